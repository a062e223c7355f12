import { VouchError } from "./errors.ts";
import { normalizeEmail, normalizeName } from "./person.ts";
import { LIMITS, longText, subjectLine } from "./text-limits.ts";
import type { Intro, Person, TargetPerson } from "./types.ts";

export interface NewIntroInput {
  requester: Person;
  introducer: Person;
  target: TargetPerson;
  subject?: string;
  requestText: string;
  targetProfile?: Record<string, unknown> | null;
  /** Meeting times the request itself proposes (ISO), offered to the target once they say yes. */
  proposedTimes?: string[];
}

/** The seed's subject: `REQUEST: intro Maya <> Alice` (the target first). */
export function defaultSubject(targetName: string, requesterName: string): string {
  return `REQUEST: intro ${targetName} <> ${requesterName}`;
}

/**
 * A new intro in `draft`. Ids and the thread token are random and made by the caller, which
 * keeps this function pure.
 */
export function newIntro(
  input: NewIntroInput,
  ids: { id: string; threadToken: string },
  now: Date,
): Intro {
  const requester = {
    name: normalizeName(input.requester.name, "requester.name"),
    email: normalizeEmail(input.requester.email, "requester.email"),
  };
  const introducer = {
    name: normalizeName(input.introducer.name, "introducer.name"),
    email: normalizeEmail(input.introducer.email, "introducer.email"),
  };
  const target = {
    name: normalizeName(input.target.name, "target.name"),
    email: input.target.email ? normalizeEmail(input.target.email, "target.email") : null,
  };
  const emails = [requester.email, introducer.email, target.email].filter(Boolean);
  if (new Set(emails).size !== emails.length) {
    throw new VouchError(
      "INVALID_INPUT",
      "the requester, the introducer and the target must be three different people",
      { field: "introducer.email" },
    );
  }
  const subject = subjectLine(input.subject ?? defaultSubject(target.name, requester.name));
  if (!input.requestText.trim()) {
    throw new VouchError("INVALID_INPUT", "the request text is empty", { field: "request" });
  }
  longText(input.requestText, "request", LIMITS.requestText);
  const iso = now.toISOString();
  return {
    id: ids.id,
    status: "draft",
    requester,
    introducer,
    target,
    targetEmailFromRequester: target.email !== null,
    subject: subject || defaultSubject(target.name, requester.name),
    requestText: input.requestText,
    targetProfile: input.targetProfile ?? null,
    threadToken: ids.threadToken,
    introducerMovedToBcc: false,
    askedTargetAt: null,
    consent: null,
    declineReason: null,
    deferUntil: null,
    deferAskedAgain: false,
    introducedAt: null,
    requesterRepliedAt: null,
    lastTargetReplyAt: null,
    followUpsSent: 0,
    proposedTimes: [...(input.proposedTimes ?? [])],
    schedulingLinks: [],
    meeting: null,
    outcome: null,
    targetOutcome: null,
    bouncedAddresses: [],
    firedTimers: [],
    statusSince: iso,
    createdAt: iso,
    updatedAt: iso,
    version: 0,
  };
}
