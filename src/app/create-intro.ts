import { newIntro } from "../domain/intro.ts";
import { transition } from "../domain/transition.ts";
import type { Channel, Intro, Person, TargetPerson } from "../domain/types.ts";
import { findRequestTimes } from "../mail/inbound/find-request-times.ts";
import type { StoreTx } from "../store/store.ts";
import { assertSubmittable } from "./check-request.ts";
import { commitTransition } from "./commit-transition.ts";
import { type AppDeps, randomToken } from "./deps.ts";
import { knownZone, timeZonePreference } from "./time-zone.ts";

export interface CreateIntroInput {
  requester: Person;
  introducer: Person;
  target: TargetPerson;
  subject?: string | undefined;
  requestText: string;
  targetProfile?: Record<string, unknown> | null | undefined;
  /** Submit at once (status `requested`, the introducer is emailed) or keep as a `draft`. */
  submit: boolean;
  /** The requester's zone, to read times in the request (else their setting or guessed zone). */
  timeZone?: string | undefined;
}

/** Splits an optional first line `Subject: …` off a plain-text request. */
export function splitSubjectLine(text: string): { subject?: string; body: string } {
  const m = /^\s*Subject:[ \t]*(.*)\r?\n/i.exec(text);
  if (!m) return { body: text };
  return {
    subject: (m[1] ?? "").trim() || undefined,
    body: text.slice(m[0].length).replace(/^\s*\n/, ""),
  } as {
    subject?: string;
    body: string;
  };
}

/**
 * Creates an intro and, unless it stays a draft, submits it: one transaction writes the intro,
 * its `submit` event, the email to the introducer and the introducer's reminder timers.
 */
export async function createIntro(
  deps: AppDeps,
  input: CreateIntroInput,
  channel: Channel,
  opts: { inTransaction?: (tx: StoreTx) => Promise<void> } = {},
): Promise<Intro> {
  const now = deps.now();
  // Times the request proposes for the next step, read where the requester is; unknown zone,
  // no times (an hour in the wrong zone would be worse than none).
  const zone =
    knownZone(input.timeZone) ?? (await timeZonePreference(deps.store, input.requester.email));
  const proposedTimes = zone ? findRequestTimes(input.requestText, now, zone) : [];
  const draft = newIntro(
    { ...input, targetProfile: input.targetProfile ?? null, proposedTimes },
    { id: `in_${randomToken(12)}`, threadToken: randomToken(15) },
    now,
  );
  if (input.submit) await assertSubmittable(deps, draft);
  return deps.store.transaction(async (tx) => {
    // e.g. marking the email that asked for it applied: it commits with the intro or not at all.
    await opts.inTransaction?.(tx);
    for (const p of [draft.requester, draft.introducer]) await tx.upsertPerson(p, now);
    const result = input.submit
      ? transition(draft, { type: "submit", actor: "requester" }, now, deps.timerPolicy)
      : {
          intro: draft,
          recorded: { type: "create", actor: "requester", data: {} },
          effects: [],
          timers: [],
        };
    return commitTransition(tx, deps, { before: draft, result, channel, now, isNew: true });
  });
}
