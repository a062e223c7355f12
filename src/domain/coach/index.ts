/**
 * The request quality coach: pure, deterministic, local. It checks that a request names one
 * person, asks for something specific, is tailored to that person, can be forwarded as is, and
 * proposes a next step, as the seed document advises.
 */
import { analyse } from "./analyse.ts";
import { evaluate, score } from "./rules.ts";
import type { CheckRequestInput, CoachReport } from "./types.ts";

export { MAX_BLURB_WORDS } from "./analyse.ts";
export { buildForwardableRequest, type ForwardableFields } from "./forwardable.ts";
export { PENALTY, RULES } from "./rules.ts";
export { type RequestParts, splitRequest } from "./split.ts";
export { type ParsedSubject, parseRequestSubject } from "./subject.ts";
export {
  type CheckRequestInput,
  type CoachReport,
  type Finding,
  RULE_IDS,
  type RuleId,
  type Severity,
  type Span,
  type TargetProfile,
} from "./types.ts";

/**
 * Checks a request and returns its score (0-100) and findings. `text` may begin with a
 * `Subject: …` line. Spans are offsets into `text`. `now` is only the reference date for reading
 * "this Friday"; without it a fixed date is used, so the result never depends on the clock.
 */
export function checkRequest(input: CheckRequestInput): CoachReport {
  const findings = evaluate(analyse(input), input.profile);
  return { score: score(findings), findings };
}
