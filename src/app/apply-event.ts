import { VouchError } from "../domain/errors.ts";
import { checkEventText } from "../domain/text-limits.ts";
import { transition } from "../domain/transition.ts";
import type { Channel, Intro, IntroEvent } from "../domain/types.ts";
import type { ChangeReads, StoreTx } from "../store/store.ts";
import { assertSubmittable } from "./check-request.ts";
import { commitOf, commitTransition, type Step } from "./commit-transition.ts";
import type { AppDeps } from "./deps.ts";
import { asksTarget, assertTargetAvailable } from "./protect-target.ts";

/** A change that lost a race is rerun on the state that won; a third loss in a row is reported. */
const RETRIES = 2;

/**
 * A yes is applied the way the introducer chose: relayed by Vouch (the default) or written from
 * their own mailbox (the `introduceFrom` preference), read when the yes arrives.
 */
async function withIntroducerChoice(
  tx: Pick<ChangeReads, "getPrefs">,
  intro: Intro,
  event: IntroEvent,
) {
  if (event.type !== "accept" || event.introduceFrom) return event;
  const prefs = await tx.getPrefs(intro.introducer.email);
  return prefs.introduceFrom === "own_mailbox"
    ? { ...event, introduceFrom: "own_mailbox" as const }
    : event;
}

/** One event of several applied together; an `optional` one is skipped if the lifecycle refuses it. */
export interface PlannedEvent {
  event: IntroEvent;
  optional?: boolean;
}

/**
 * Applies one lifecycle event: load the intro, run the pure transition, and commit the new state,
 * its event, its emails and its timers together. A concurrent change is retried from a fresh
 * read, up to RETRIES times. With `inTransaction` (a write of its own, such as spending a
 * one-click token), or when the event asks a target (whose limits are counted with them held),
 * all of it is one transaction with the intro locked; otherwise it is a `store.changeIntro` (no
 * lock on PostgreSQL: the commit's version check catches a concurrent change).
 */
export async function applyEvent(
  deps: AppDeps,
  introId: string,
  event: IntroEvent,
  channel: Channel,
  opts: { inTransaction?: (tx: StoreTx) => Promise<void> } = {},
): Promise<{ intro: Intro; changed: boolean }> {
  return applyEvents(deps, introId, [{ event }], channel, opts);
}

/**
 * Applies several events in order, all in one transaction with the intro locked: each runs on the
 * state the one before it committed, and `inTransaction` (marking an email applied, say) commits
 * with them or not at all. One event with no write of its own that asks nobody takes the faster
 * `store.changeIntro` path; which path is chosen before anything is read.
 */
export async function applyEvents(
  deps: AppDeps,
  introId: string,
  planned: PlannedEvent[],
  channel: Channel,
  opts: { inTransaction?: (tx: StoreTx) => Promise<void> } = {},
): Promise<{ intro: Intro; changed: boolean }> {
  // What people typed is held to the limits first (an emailed note is cut, not refused).
  const events = planned.map((p) => ({
    ...p,
    event: checkEventText(p.event, { clip: channel === "email" || channel === "own_mailbox" }),
  }));
  const [only] = events;
  const held = !!opts.inTransaction || events.length !== 1 || !only || asksTarget(only.event);
  const run = held
    ? () => deps.store.transaction((tx) => applyHeld(tx, deps, introId, events, channel, opts))
    : () => applyAlone(deps, introId, only, channel);
  for (let attempt = 0; ; attempt++) {
    try {
      return await run();
    } catch (e) {
      if (e instanceof VouchError && e.code === "CONFLICT" && attempt < RETRIES) continue;
      throw e;
    }
  }
}

/** Events applied in one transaction with the intro locked, each on the state the last left. */
async function applyHeld(
  tx: StoreTx,
  deps: AppDeps,
  introId: string,
  events: PlannedEvent[],
  channel: Channel,
  opts: { inTransaction?: (tx: StoreTx) => Promise<void> },
): Promise<{ intro: Intro; changed: boolean }> {
  let intro = await readIntro(tx, introId);
  // e.g. spending a one-click token: it is used only if the events commit.
  await opts.inTransaction?.(tx);
  let changed = false;
  for (const planned of events) {
    const before: Intro = intro;
    const step = await decideStep(tx, deps, before, planned, channel, async (event) => {
      // Over-asked or paused targets are shielded before anything is written or sent.
      if (asksTarget(event) && before.status === "requested")
        await assertTargetAvailable(deps, before, event.targetEmail ?? null, tx);
    });
    if (!step) continue;
    intro = await commitTransition(tx, deps, step);
    changed = true;
  }
  return { intro, changed };
}

/** One event whose only write is its commit: decided on reads, then written by the store. */
async function applyAlone(
  deps: AppDeps,
  introId: string,
  planned: PlannedEvent,
  channel: Channel,
): Promise<{ intro: Intro; changed: boolean }> {
  const seen: { intro?: Intro } = {};
  const committed = await deps.store.changeIntro(async (reads) => {
    const before = await readIntro(reads, introId);
    seen.intro = before;
    const step = await decideStep(reads, deps, before, planned, channel);
    return step ? commitOf(reads, deps, step) : null;
  });
  if (committed) return { intro: committed, changed: true };
  return { intro: seen.intro as Intro, changed: false };
}

async function readIntro(reads: Pick<ChangeReads, "getIntro">, introId: string): Promise<Intro> {
  const intro = await reads.getIntro(introId, { lock: true });
  if (!intro) throw new VouchError("NOT_FOUND", `no intro ${introId}`, { id: introId });
  return intro;
}

/**
 * What one event makes of the intro, or null when it changes nothing (or is optional and the
 * lifecycle refuses it). `guard` runs on the event before the transition (the target's limits).
 */
async function decideStep(
  reads: Pick<ChangeReads, "getPrefs">,
  deps: AppDeps,
  before: Intro,
  planned: PlannedEvent,
  channel: Channel,
  guard?: (event: IntroEvent) => Promise<void>,
): Promise<Step | null> {
  try {
    const event = await withIntroducerChoice(reads, before, planned.event);
    await guard?.(event);
    const now = deps.now();
    const result = transition(before, event, now, deps.timerPolicy);
    if (!result.changed) return null;
    // A request reaches the introducer only if the coach finds it ready.
    if (result.intro.status === "requested" && before.status !== "requested")
      await assertSubmittable(deps, result.intro, reads);
    return { before, result, channel, now };
  } catch (e) {
    if (planned.optional && e instanceof VouchError && e.code === "INVALID_TRANSITION") return null;
    throw e;
  }
}
