/** Every rule of the quality coach, in report order. Public contract: see INTERFACES.md. */
export const RULE_IDS = [
  "no-target",
  "no-ask",
  "vague-ask",
  "not-tailored",
  "not-forwardable",
  "no-next-step",
  "no-time",
  "no-flexibility",
  "no-about-me",
  "too-long",
  "no-signature",
] as const;

export type RuleId = (typeof RULE_IDS)[number];

export type Severity = "error" | "warning" | "tip";

/** What the requester found out about the target ("research the person"). */
export type TargetProfile = {
  name?: string;
  role?: string;
  companies?: string[];
  interests?: string[];
  notes?: string;
};

/** Offsets into the text given to `checkRequest` (UTF-16 code units, end exclusive). */
export type Span = { start: number; end: number };

/** One thing the coach noticed, with what to do about it. */
export type Finding = {
  rule: RuleId;
  severity: Severity;
  message: string;
  span?: Span;
  fix: string;
};

/** The coach's verdict: a 0-100 score and the findings, errors first. */
export type CoachReport = { score: number; findings: Finding[] };

export type CheckRequestInput = {
  /** The request; it may begin with a `Subject: …` line. */
  text: string;
  /** The subject, when it is not the first line of `text`. */
  subject?: string;
  profile?: TargetProfile;
  targetName?: string;
  requesterName?: string;
  introducerName?: string;
  /** Reference date for reading "this Friday"; findings do not depend on the clock otherwise. */
  now?: Date;
};
