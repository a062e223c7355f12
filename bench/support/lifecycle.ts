// The transitions the write benchmarks commit: each intro asked (forward_for_consent), then
// introduced (accept). Each commit writes the new state, its event, exactly one outbox row
// (consent_request, introduction; with its link tokens) and the intro's timer set.
import { applyEvent } from "../../src/app/apply-event.ts";
import type { AppDeps } from "../../src/app/deps.ts";
import type { IntroEvent } from "../../src/domain/types.ts";

export const FORWARD: IntroEvent = { type: "forward_for_consent", actor: "introducer" };
export const ACCEPT: IntroEvent = {
  type: "accept",
  actor: "target",
  evidence: { via: "api", confidence: 1, authenticated: true },
};

/** forward_for_consent then accept on each intro; how many transitions that was. */
export async function lifecycle(deps: AppDeps, ids: string[]): Promise<number> {
  for (const id of ids) await applyEvent(deps, id, FORWARD, "api");
  for (const id of ids) await applyEvent(deps, id, ACCEPT, "api");
  return ids.length * 2;
}
