import { VouchError } from "../domain/errors.ts";
import { checkEventText } from "../domain/text-limits.ts";
import { transition } from "../domain/transition.ts";
import type { Channel, Intro, IntroEvent } from "../domain/types.ts";
import type { StoreTx } from "../store/store.ts";
import { assertSubmittable } from "./check-request.ts";
import type { AppDeps } from "./deps.ts";
import { outboxMessages } from "./outbox-messages.ts";
import { assertTargetAvailable, TargetMustBeHeld } from "./protect-target.ts";

/** A change that lost a race is rerun on the state that won; a third loss in a row is reported. */
const RETRIES = 2;

/**
 * A yes is applied the way the introducer chose: relayed by Vouch (the default) or written from
 * their own mailbox (the `introduceFrom` preference), read when the yes arrives.
 */
async function withIntroducerChoice(tx: StoreTx, intro: Intro, event: IntroEvent) {
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
 * one-click token), or when asking a target whose monthly maximum must be counted with them held,
 * all of it is one transaction with the intro locked; otherwise it is a `store.change` (no lock on
 * PostgreSQL: the commit's version check catches a concurrent change).
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
 * with them or not at all. One event alone takes the faster `store.change` path when it can.
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
  // Run as a transaction with the intro locked (and the target, when asking one with a maximum),
  // rather than as a change.
  let held = !!opts.inTransaction || events.length > 1;
  const apply = async (tx: StoreTx): Promise<{ intro: Intro; changed: boolean }> => {
    let intro = await tx.getIntro(introId, { lock: true });
    if (!intro) throw new VouchError("NOT_FOUND", `no intro ${introId}`, { id: introId });
    // e.g. spending a one-click token: it is used only if the events commit.
    await opts.inTransaction?.(tx);
    let changed = false;
    for (const planned of events) {
      const { optional } = planned;
      const before: Intro = intro;
      const event = await withIntroducerChoice(tx, before, planned.event);
      try {
        // Over-asked or paused targets are shielded before anything is written or sent.
        if (event.type === "forward_for_consent" && before.status === "requested")
          await assertTargetAvailable(deps, before, event.targetEmail ?? null, tx);
        const now = deps.now();
        const r = transition(before, event, now, deps.timerPolicy);
        if (!r.changed) continue;
        // A request reaches the introducer only if the coach finds it ready.
        if (r.intro.status === "requested" && before.status !== "requested")
          await assertSubmittable(deps, r.intro, tx);
        const seq = before.version + 1;
        intro = await tx.commit({
          intro: { ...r.intro, version: before.version },
          isNew: false,
          event: { ...r.recorded, channel, at: now.toISOString() },
          ...(await outboxMessages(tx, deps, r.intro, r.effects, seq)),
          timers: r.timers,
        });
        changed = true;
      } catch (e) {
        if (optional && e instanceof VouchError && e.code === "INVALID_TRANSITION") continue;
        throw e;
      }
    }
    return { intro, changed };
  };
  for (let attempt = 0; ; attempt++) {
    try {
      return await (held ? deps.store.transaction(apply) : deps.store.change(apply));
    } catch (e) {
      if (e instanceof TargetMustBeHeld && !held) {
        held = true;
        attempt--;
        continue;
      }
      if (e instanceof VouchError && e.code === "CONFLICT" && attempt < RETRIES) continue;
      throw e;
    }
  }
}
