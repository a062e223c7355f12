import { randomUUID } from "node:crypto";
import type { AppDeps } from "../app/deps.ts";
import { outboxMessages } from "../app/outbox-messages.ts";
import { transition } from "../domain/transition.ts";
import type { ClaimedTimer } from "../store/store.ts";

export interface SweepResult {
  /** Timers that fired and changed their intro (emails queued, status moved). */
  fired: number;
  /** Timers found stale (their intro moved on), completed without effect. */
  stale: number;
}

/**
 * Runs every timer due at `now`, in batches. Each timer is claimed with a lease (SKIP LOCKED on
 * PostgreSQL), then fired in one transaction with its intro locked: the new state, its emails and
 * the intro's next timers commit together, so a timer fires exactly once even with several
 * sweepers. A timer whose intro has moved on is stale and does nothing.
 */
export async function sweepTimers(
  deps: AppDeps,
  now: Date,
  opts: { owner?: string; batch?: number; leaseMs?: number; signal?: AbortSignal } = {},
): Promise<SweepResult> {
  const owner = opts.owner ?? `sweep-${randomUUID()}`;
  const result: SweepResult = { fired: 0, stale: 0 };
  // Stops between batches when asked to (shutdown); claimed-but-unfired timers' leases run out.
  while (!opts.signal?.aborted) {
    const claimed = await deps.store.claimTimers({
      owner,
      now: now.getTime(),
      leaseMs: opts.leaseMs ?? 60_000,
      limit: opts.batch ?? 200,
    });
    if (!claimed.length) return result;
    for (const t of claimed) {
      if (await fireOne(deps, t, owner, now)) result.fired++;
      else result.stale++;
    }
  }
  return result;
}

async function fireOne(deps: AppDeps, t: ClaimedTimer, owner: string, now: Date): Promise<boolean> {
  return deps.store.transaction(async (tx) => {
    const intro = await tx.getIntro(t.introId, { lock: true });
    if (!intro) {
      await tx.completeTimer(t.id, owner, now);
      return false;
    }
    // Mark it done before the commit replaces the intro's pending timers. If our lease ran out
    // and another sweeper took the timer over, it is theirs to fire.
    if (!(await tx.completeTimer(t.id, owner, now))) return false;
    const event = {
      type: "timer_fired",
      actor: "system",
      timer: t.name,
      n: t.n,
      dueAt: t.dueAt,
    } as const;
    const r = transition(intro, event, now, deps.timerPolicy);
    if (!r.changed) return false;
    const seq = intro.version + 1;
    await tx.commit({
      intro: { ...r.intro, version: intro.version },
      isNew: false,
      event: { ...r.recorded, channel: "system", at: now.toISOString() },
      ...(await outboxMessages(tx, deps, r.intro, r.effects, seq)),
      timers: r.timers,
    });
    return true;
  });
}
