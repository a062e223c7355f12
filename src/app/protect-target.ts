import { VouchError } from "../domain/errors.ts";
import type { Intro, IntroEvent } from "../domain/types.ts";
import type { StoreTx } from "../store/store.ts";
import type { AppDeps } from "./deps.ts";

const MONTH_MS = 30 * 86_400_000;

/**
 * Whether an event asks a target for consent. Such a change counts what was asked of the target
 * with them held, so its caller runs it as a transaction from the start.
 */
export function asksTarget(
  event: IntroEvent,
): event is Extract<IntroEvent, { type: "forward_for_consent" }> {
  return event.type === "forward_for_consent";
}

/**
 * The target's limits, checked before anyone asks them: a pause holds every request back, and
 * the consent requests they received in the last 30 days across all introducers are held to
 * their own monthly maximum and to the deployment's budget (`targetAsksPer30Days`), whichever is
 * reached first. Nothing is sent and the intro stays with the introducer. The count is made with the
 * target held until the change commits (so `tx` is a transaction: see `asksTarget`), so two
 * introducers asking the same person at the same moment are counted one after the other.
 */
export async function assertTargetAvailable(
  deps: AppDeps,
  intro: Intro,
  targetEmail: string | null,
  tx: Pick<StoreTx, "getPrefs" | "countAsks" | "lockPerson">,
) {
  const email = (targetEmail ?? intro.target.email)?.toLowerCase();
  if (!email) return;
  await tx.lockPerson(email);
  const prefs = await tx.getPrefs(email);
  const name = intro.target.name;
  if (prefs.paused === true) {
    throw new VouchError(
      "TARGET_UNAVAILABLE",
      `${name} has paused intro requests for now; nothing was sent. You can decline kindly or ask again later.`,
      { reason: "paused" },
    );
  }
  const max = typeof prefs.monthlyMax === "number" ? prefs.monthlyMax : null;
  const budget = deps.targetAsksPer30Days || null;
  if (max === null && budget === null) return;
  const since = new Date(deps.now().getTime() - MONTH_MS).toISOString();
  const asked = (await tx.countAsks({ targets: [email], since, except: intro.id })).get(email) ?? 0;
  if (max !== null && asked >= max) {
    throw new VouchError(
      "TARGET_UNAVAILABLE",
      `${name} takes at most ${max} intro request${max === 1 ? "" : "s"} a month and has had ${asked} in the last 30 days; nothing was sent.`,
      { reason: "monthly_max", max, asked },
    );
  }
  if (budget !== null && asked >= budget) {
    throw new VouchError(
      "TARGET_UNAVAILABLE",
      `${name} has been asked ${asked} time${asked === 1 ? "" : "s"} in the last 30 days, through every introducer here, which is as often as this Vouch asks anyone; nothing was sent. You can ask again once the oldest of those asks is 30 days old.`,
      { reason: "deployment_budget", max: budget, asked },
    );
  }
}
