// An intro lived through the app up to `introduced`: Alice asks Jane (the seed's request), Jane
// asks Maya, Maya clicks Yes. Tests of what happens after the introduction start here.
import { applyEvent } from "../../src/app/apply-event.ts";
import { createIntro } from "../../src/app/create-intro.ts";
import type { AppDeps } from "../../src/app/deps.ts";
import type { Intro, IntroEvent } from "../../src/domain/types.ts";
import { SEED_REQUEST } from "./seed.ts";

export const CLICK = { via: "click", confidence: 1, authenticated: true } as const;

export async function introducedIntro(
  deps: AppDeps,
  emails: { requester?: string; introducer?: string; target?: string } = {},
): Promise<Intro> {
  const intro = await createIntro(
    deps,
    {
      requester: { name: "Alice", email: emails.requester ?? "alice@example.com" },
      introducer: { name: "Jane", email: emails.introducer ?? "jane@example.com" },
      target: { name: "Maya", email: emails.target ?? "maya@example.com" },
      requestText: SEED_REQUEST,
      submit: true,
    },
    "api",
  );
  let now = intro;
  for (const e of [
    { type: "forward_for_consent", actor: "introducer" },
    { type: "accept", actor: "target", evidence: CLICK },
  ] as IntroEvent[]) {
    now = (await applyEvent(deps, intro.id, e, "api")).intro;
  }
  return now;
}
