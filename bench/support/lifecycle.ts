// The intros the write benchmarks create, and the two transitions they time.
import { applyEvent } from "../../src/app/apply-event.ts";
import type { AppDeps } from "../../src/app/deps.ts";
import type { IntroEvent } from "../../src/domain/types.ts";
import { personName, requestText, TARGET_PROFILE } from "./databases.ts";

/** Intro i: requester i mod 50 (or the one given), introducer i mod 20, a target of its own.
 *  Their first names come from three disjoint sets, so the coach never sees one name twice. */
export function introInput(i: number, requester?: { name: string; email: string }) {
  const [x, j] = [i % 50, i % 20];
  const r = requester ?? { name: personName((x % 7) + 20 * x), email: `requester${x}@example.com` };
  const introducer = {
    name: personName(7 + (j % 7) + 20 * j),
    email: `introducer${j}@example.com`,
  };
  const target = {
    name: personName(14 + (i % 6) + 20 * (i % 19)),
    email: `target${i}@example.com`,
  };
  return {
    requester: r,
    introducer,
    target,
    requestText: requestText(r.name, introducer.name, target.name),
    targetProfile: TARGET_PROFILE,
    submit: true,
  };
}

export const FORWARD: IntroEvent = { type: "forward_for_consent", actor: "introducer" };
export const ACCEPT: IntroEvent = {
  type: "accept",
  actor: "target",
  evidence: { via: "api", confidence: 1, authenticated: true },
};

/** forward_for_consent then accept on each intro: each commit writes the new state, its event,
 *  exactly one outbox row (consent_request, introduction; with its link tokens) and the
 *  intro's timer set. */
export async function lifecycle(deps: AppDeps, ids: string[]): Promise<number> {
  for (const id of ids) await applyEvent(deps, id, FORWARD, "api");
  for (const id of ids) await applyEvent(deps, id, ACCEPT, "api");
  return ids.length * 2;
}
