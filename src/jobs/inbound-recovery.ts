import { type InboundDeps, retryStored } from "../app/receive-mail.ts";

/** How long a message may sit as `received` before the sweep takes it as abandoned. */
export const RECOVERY_AFTER_MS = 2 * 60_000;

/**
 * Processes again every message left `received` (stored, then the process crashed before it was
 * read): each is applied at most once anyway, by its key in `inbound_applied`. Messages younger
 * than `afterMs` are left to the delivery that is still processing them.
 */
export async function recoverInbound(
  deps: InboundDeps,
  o: { afterMs?: number; limit?: number } = {},
): Promise<{ recovered: number; statuses: string[] }> {
  const cutoff = deps.now().getTime() - (o.afterMs ?? RECOVERY_AFTER_MS);
  const stuck = (
    await deps.store.listInbound({ status: "received", limit: o.limit ?? 100 })
  ).filter((m) => Date.parse(m.receivedAt) <= cutoff);
  const statuses: string[] = [];
  for (const m of stuck) statuses.push((await retryStored(deps, m.id)).status);
  return { recovered: stuck.length, statuses };
}
