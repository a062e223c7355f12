import { type CoachReport, checkRequest, type TargetProfile } from "../domain/coach/index.ts";
import { VouchError } from "../domain/errors.ts";
import type { Intro } from "../domain/types.ts";
import type { StoreTx } from "../store/store.ts";
import type { AppDeps } from "./deps.ts";

/** The coach's report on an intro's request, with what the intro knows about the people. */
export function coachIntro(intro: Intro, now?: Date): CoachReport {
  return checkRequest({
    text: intro.requestText,
    subject: intro.subject,
    profile: (intro.targetProfile ?? undefined) as TargetProfile | undefined,
    targetName: intro.target.name,
    requesterName: intro.requester.name,
    introducerName: intro.introducer.name,
    ...(now ? { now } : {}),
  });
}

/**
 * Refuses to send a request the coach finds an error in, or one below the minimum score the
 * introducer asked for. The findings travel with the error (API 422, CLI one line).
 */
export async function assertSubmittable(
  deps: AppDeps,
  intro: Intro,
  tx: Pick<StoreTx, "getPrefs"> = deps.store,
): Promise<CoachReport> {
  const report = coachIntro(intro, deps.now());
  const errors = report.findings.filter((f) => f.severity === "error");
  if (errors.length) {
    throw new VouchError(
      "REQUEST_REJECTED",
      `the request is not ready to send: ${errors.map((f) => f.message).join(" ")}`,
      { score: report.score, findings: report.findings },
    );
  }
  const prefs = await tx.getPrefs(intro.introducer.email);
  const min = typeof prefs.minRequestScore === "number" ? prefs.minRequestScore : null;
  if (min !== null && report.score < min) {
    throw new VouchError(
      "REQUEST_REJECTED",
      `${intro.introducer.name} asks for requests that score at least ${min}; this one scores ${report.score}. The findings say what to improve.`,
      { score: report.score, minScore: min, findings: report.findings },
    );
  }
  return report;
}
