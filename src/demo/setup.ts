// Fills a fresh data dir with the demo's story through the real use cases: createIntro,
// applyEvent and the timer sweep, on a clock moved step by step up to now, so every intro got
// where it is the way a real one would (its emails queued, its timers fired).
import { applyEvent } from "../app/apply-event.ts";
import { createIntro } from "../app/create-intro.ts";
import type { AppDeps } from "../app/deps.ts";
import { issueSignInLink } from "../app/sign-in.ts";
import type { Config } from "../config.ts";
import type { Intro, Status } from "../domain/types.ts";
import { sweepTimers } from "../jobs/timer-sweep.ts";
import { linkSecret, openStore, rememberPublicUrl } from "../store/open-store.ts";
import { webStoreFor } from "../store/web-store.ts";
import { ALICE, demoStory, JANE, MAYA, requestText, type StoryIntro } from "./story.ts";

/** How long the printed sign-in links work: the demo may sit in a terminal a while. */
export const DEMO_LINK_TTL_MS = 24 * 3_600_000;

export interface DemoData {
  /** Each intro of the story, with the status it reached. */
  intros: { id: string; status: Status; expect: Status; people: string }[];
  /** One single-use sign-in URL for each of Alice, Jane and Maya. */
  links: { name: string; email: string; url: string }[];
}

/** Runs the story into the (empty) database of `config` and makes the sign-in links. */
export async function setupDemo(
  config: Pick<Config, "dataDir" | "mailDomain" | "publicUrl" | "timerPolicy">,
  now = new Date(),
): Promise<DemoData> {
  const store = openStore({ dataDir: config.dataDir });
  try {
    await store.migrate();
    await rememberPublicUrl(store, config.publicUrl);
    const clock = { now: new Date(0) };
    const deps: AppDeps = {
      store,
      secret: await linkSecret(store),
      mailDomain: config.mailDomain,
      publicUrl: config.publicUrl,
      timerPolicy: config.timerPolicy,
      now: () => clock.now,
    };
    const story = demoStory(now);
    const ids = new Map<StoryIntro, string>();
    const steps = story
      .flatMap((intro) => intro.steps.map((step) => ({ intro, ...step })))
      .sort((a, b) => a.at - b.at);
    for (const step of steps) {
      clock.now = new Date(step.at);
      // Whatever fell due before this step happens first, as on a live server.
      await sweepTimers(deps, clock.now);
      const { intro, action } = step;
      if ("create" in action) {
        const created = await createIntro(
          deps,
          {
            requester: intro.requester,
            introducer: intro.introducer,
            target: intro.target,
            requestText: requestText(intro.requester, intro.introducer, intro.target),
            submit: action.create === "submit",
          },
          "web",
        );
        ids.set(intro, created.id);
      } else {
        const id = ids.get(intro);
        if (!id) throw new Error("a story step before its intro was created");
        await applyEvent(deps, id, action, "web");
      }
    }
    clock.now = now;
    await sweepTimers(deps, now);

    const intros: DemoData["intros"] = [];
    for (const intro of story) {
      const id = ids.get(intro) as string;
      const stored = (await store.getIntro(id)) as Intro;
      intros.push({
        id,
        status: stored.status,
        expect: intro.expect,
        people: `${intro.requester.name} → ${intro.introducer.name} → ${intro.target.name}`,
      });
    }
    const off = intros.filter((i) => i.status !== i.expect);
    if (off.length) {
      throw new Error(
        `the story went astray: ${off.map((i) => `${i.people} is ${i.status}, not ${i.expect}`).join("; ")}`,
      );
    }
    const web = webStoreFor(store);
    const links: DemoData["links"] = [];
    for (const p of [ALICE, JANE, MAYA]) {
      links.push({ ...p, url: await issueSignInLink(deps, web, p.email, DEMO_LINK_TTL_MS) });
    }
    return { intros, links };
  } finally {
    await store.close();
  }
}
