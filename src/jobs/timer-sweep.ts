import { randomUUID } from "node:crypto";
import { commitTransition } from "../app/commit-transition.ts";
import type { AppDeps } from "../app/deps.ts";
import { transition } from "../domain/transition.ts";
import type { Intro } from "../domain/types.ts";
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
        outcomes = await deps.store.transaction((tx) => fireGroup(tx, deps, group, owner, now));
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
      const [fired] = await deps.store.transaction((tx) => fireGroup(tx, deps, [t], owner, now));
      outcomes.push(fired ?? false);
    } catch (error) {
      failure ??= { error };
    }
  }
  return { outcomes, failure };
}

/**
 * Fires a group of claimed timers in one transaction: their intros are read (locked, in id order,
 * on PostgreSQL) in one query, the timers still ours are marked done in one statement, and then
 * each fires against its intro's current state. Marking them done first means a commit that
 * replaces an intro's pending timers leaves them be; a timer another sweeper took over when our
 * lease ran out is theirs to fire.
 */
async function fireGroup(
  tx: StoreTx,
  deps: AppDeps,
  group: ClaimedTimer[],
  owner: string,
  now: Date,
): Promise<boolean[]> {
  const intros = await tx.getIntrosForChange(group.map((t) => t.introId));
  const mine = await tx.completeTimers(
    group.map((t) => t.id),
    owner,
    now,
  );
  const out: boolean[] = [];
  for (const t of group) {
    const intro = intros.get(t.introId);
    if (!intro || !mine.has(t.id)) {
      out.push(false);
      continue;
    }
    const fired = await fireOn(tx, deps, intro, t, now);
    // Two timers of one intro in a group: the second fires on the state the first left.
    if (fired) intros.set(intro.id, fired);
    out.push(fired !== null);
  }
  return out;
}

/** Fires one timer on its intro; the intro as committed, or null when the timer was stale. */
async function fireOn(
  tx: StoreTx,
  deps: AppDeps,
  intro: Intro,
  t: ClaimedTimer,
  now: Date,
): Promise<Intro | null> {
  const event = {
    type: "timer_fired",
    actor: "system",
    timer: t.name,
    n: t.n,
    dueAt: t.dueAt,
  } as const;
  const result = transition(intro, event, now, deps.timerPolicy);
  if (!result.changed) return null;
  return commitTransition(tx, deps, { before: intro, result, channel: "system", now });
}
