// One-click "Confirm <time>" links: one per proposed time, each its own action so that its token
// is tied to that exact slot. The action names the slot's start in epoch milliseconds.

/** How long a meeting confirmed from a proposed start lasts (as for a reply that settles a time). */
export const SLOT_MINUTES = 30;

const ACTION = /^confirm_at_(\d{1,15})$/;

/** The link action that confirms the meeting at `startIso`. */
export function slotAction(startIso: string): string {
  const ms = Date.parse(startIso);
  if (Number.isNaN(ms)) throw new Error(`not an ISO-8601 instant: ${startIso}`);
  return `confirm_at_${ms}`;
}

/** The slot an action confirms (ISO start and end), or null when it is not a slot action. */
export function slotOfAction(action: string): { start: string; end: string } | null {
  const m = ACTION.exec(action);
  if (!m) return null;
  const ms = Number(m[1]);
  return {
    start: new Date(ms).toISOString(),
    end: new Date(ms + SLOT_MINUTES * 60_000).toISOString(),
  };
}
