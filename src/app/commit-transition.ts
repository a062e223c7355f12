import type { Channel, Intro, TransitionResult } from "../domain/types.ts";
import type { ChangeReads, Commit, StoreTx } from "../store/store.ts";
import type { AppDeps } from "./deps.ts";
import { outboxMessages } from "./outbox-messages.ts";

/** One step of an intro's lifecycle, decided and ready to be written. */
export interface Step {
  /** The intro as read: the commit checks its version (0 for a new intro). */
  before: Intro;
  /** What the step makes of it (a transition's result, or a draft's creation). */
  result: Pick<TransitionResult, "intro" | "effects" | "timers"> & {
    recorded: Pick<Commit["event"], "type" | "actor" | "data">;
  };
  channel: Channel;
  now: Date;
  isNew?: boolean;
}

/**
 * The Commit of one step: the new state (checked against the version it was read at), its event,
 * its emails rendered and threaded on what the intro already sent, their one-click links, and the
 * intro's timers. Every change of an intro is written from this one shape.
 */
export async function commitOf(
  reads: Pick<ChangeReads, "threadMessages" | "getPrefs">,
  deps: Pick<AppDeps, "mailDomain" | "publicUrl" | "secret" | "now">,
  step: Step,
): Promise<Commit> {
  const { before, result, now } = step;
  return {
    intro: { ...result.intro, version: before.version },
    isNew: step.isNew ?? false,
    before: { status: before.status, target: before.target, askedTargetAt: before.askedTargetAt },
    event: { ...result.recorded, channel: step.channel, at: now.toISOString() },
    ...(await outboxMessages(reads, deps, result.intro, result.effects, before.version + 1)),
    timers: result.timers,
  };
}

/** Writes one step in the caller's transaction; the intro as committed. */
export async function commitTransition(
  tx: Pick<StoreTx, "commit" | "threadMessages" | "getPrefs">,
  deps: Pick<AppDeps, "mailDomain" | "publicUrl" | "secret" | "now">,
  step: Step,
): Promise<Intro> {
  return tx.commit(await commitOf(tx, deps, step));
}
