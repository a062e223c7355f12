import type { Intro } from "./types.ts";

/**
 * Messages sent on a timer to remind or coach someone, each with the state it is about. A queued
 * one whose reason has passed (the intro moved on before it went out) is cancelled rather than
 * sent: a nudge to reply after the requester replied, a follow-up after the target answered.
 */
const STILL_APPLIES: Record<string, (i: Intro) => boolean> = {
  introducer_reminder: (i) => i.status === "requested",
  requester_revise_reminder: (i) => i.status === "changes_requested",
  target_consent_reminder: (i) => i.status === "consent_requested",
  requester_nudge: (i) => i.status === "introduced" && !i.requesterRepliedAt,
  follow_up_draft: (i) =>
    (i.status === "introduced" || i.status === "connected") && !i.lastTargetReplyAt,
  how_did_it_go: (i) => i.status === "met" && !i.outcome,
  report_reminder: (i) => i.status === "met" && !i.outcome,
  how_was_it_target: (i) => (i.status === "met" || i.status === "completed") && !i.targetOutcome,
};

/** Whether this template is a reminder that may lapse. */
export function isReminder(template: string): boolean {
  return Object.hasOwn(STILL_APPLIES, template);
}

/**
 * Why a queued reminder should no longer be sent, given the intro as it is now; null when it
 * still applies (or is not a reminder).
 */
export function lapsedReminder(template: string, intro: Intro): string | null {
  const applies = Object.hasOwn(STILL_APPLIES, template) ? STILL_APPLIES[template] : undefined;
  if (!applies || applies(intro)) return null;
  return `cancelled: the intro moved on (${intro.status}) before this ${template.replaceAll("_", " ")} went out`;
}
