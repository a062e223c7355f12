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
  // What people typed is held to the limits first (an emailed note is cut, not refused).
  event = checkEventText(event, { clip: channel === "email" });
  // Run as a transaction with the intro locked (and the target, when asking one with a maximum),
  // rather than as a change.
  let held = !!opts.inTransaction;
  const apply = async (tx: StoreTx): Promise<{ intro: Intro; changed: boolean }> => {
    const intro = await tx.getIntro(introId, { lock: true });
    if (!intro) throw new VouchError("NOT_FOUND", `no intro ${introId}`, { id: introId });
    // Over-asked or paused targets are shielded before anything is written or sent.
    if (event.type === "forward_for_consent" && intro.status === "requested")
      await assertTargetAvailable(deps, intro, event.targetEmail ?? null, tx);
    // e.g. spending a one-click token: it is used only if the event commits.
    await opts.inTransaction?.(tx);
    const now = deps.now();
    const r = transition(intro, event, now, deps.timerPolicy);
    if (!r.changed) return { intro, changed: false };
    // A request reaches the introducer only if the coach finds it ready.
    if (r.intro.status === "requested" && intro.status !== "requested")
      await assertSubmittable(deps, r.intro, tx);
    const seq = intro.version + 1;
    const stored = await tx.commit({
      intro: { ...r.intro, version: intro.version },
      isNew: false,
      event: { ...r.recorded, channel, at: now.toISOString() },
      ...(await outboxMessages(tx, deps, r.intro, r.effects, seq)),
      timers: r.timers,
    });
    return { intro: stored, changed: true };
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
