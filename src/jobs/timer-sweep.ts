import { randomUUID } from "node:crypto";
import type { AppDeps } from "../app/deps.ts";
import { outboxMessages } from "../app/outbox-messages.ts";
import { transition } from "../domain/transition.ts";
import type { ClaimedTimer, StoreTx } from "../store/store.ts";

export interface SweepResult {
  /** Timers that fired and changed their intro (emails queued, status moved). */
  fired: number;
  /** Timers found stale (their intro moved on), completed without effect. */
  stale: number;
}

/** How many claimed timers commit together: one commit (an fsync on PostgreSQL) serves them all. */
const PER_TRANSACTION = 25;

/**
 * Runs every timer due at `now`, in batches. Each timer is claimed with a lease (SKIP LOCKED on
 * PostgreSQL), then fired in a transaction with its intro locked: the new state, its emails and
 * the intro's next timers commit together, so a timer fires exactly once even with several
 * sweepers. A timer whose intro has moved on is stale and does nothing.
 *
 * Up to PER_TRANSACTION timers share a transaction. Their intros are locked in id order, so two
 * sweepers never wait on each other in a cycle; if any of them fails, the group rolls back and
 * each timer is fired again alone, so one bad timer never holds back the others.
 */
export async function sweepTimers(
  deps: AppDeps,
  now: Date,
  opts: {
    owner?: string;
    batch?: number;
    perTransaction?: number;
    leaseMs?: number;
    signal?: AbortSignal;
  } = {},
): Promise<SweepResult> {
  const owner = opts.owner ?? `sweep-${randomUUID()}`;
  const result: SweepResult = { fired: 0, stale: 0 };
  const count = (fired: boolean) => {
    if (fired) result.fired++;
    else result.stale++;
  };
  // A timer that fails stays leased (so it is not claimed again in this sweep) and is retried by
  // a later sweep; its failure is thrown once every other due timer has been fired.
  let failure: { error: unknown } | null = null;
  // Stops between batches when asked to (shutdown); claimed-but-unfired timers' leases run out.
  while (!opts.signal?.aborted) {
    const claimed = await deps.store.claimTimers({
      owner,
      now: now.getTime(),
      leaseMs: opts.leaseMs ?? 60_000,
      limit: opts.batch ?? 200,
    });
    if (!claimed.length) break;
    claimed.sort((a, b) => (a.introId < b.introId ? -1 : a.introId > b.introId ? 1 : 0));
    const size = Math.max(1, opts.perTransaction ?? PER_TRANSACTION);
    for (let i = 0; i < claimed.length; i += size) {
      const group = claimed.slice(i, i + size);
      let outcomes: boolean[];
      try {
        outcomes = await deps.store.transaction(async (tx) => {
          const out: boolean[] = [];
          for (const t of group) out.push(await fireIn(tx, deps, t, owner, now));
          return out;
        });
      } catch (groupError) {
        if (group.length === 1) {
          failure ??= { error: groupError };
          continue;
        }
        const alone = await fireEachAlone(deps, group, owner, now);
        if (alone.failure) failure ??= alone.failure;
        outcomes = alone.outcomes;
      }
      outcomes.forEach(count);
    }
  }
  if (failure) throw failure.error;
  return result;
}

/** Fires each timer in its own transaction, and says which failed first. */
async function fireEachAlone(
  deps: AppDeps,
  group: ClaimedTimer[],
  owner: string,
  now: Date,
): Promise<{ outcomes: boolean[]; failure: { error: unknown } | null }> {
  const outcomes: boolean[] = [];
  let failure: { error: unknown } | null = null;
  for (const t of group) {
    try {
      outcomes.push(await deps.store.transaction((tx) => fireIn(tx, deps, t, owner, now)));
    } catch (error) {
      failure ??= { error };
    }
  }
  return { outcomes, failure };
}

async function fireIn(
  tx: StoreTx,
  deps: AppDeps,
  t: ClaimedTimer,
  owner: string,
  now: Date,
): Promise<boolean> {
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
}
