// The intro page as a story: the lifecycle's steps in plain words with first names, the current
// one marked, side exits in words; and after every action, a confirmation of what it did.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyEvent } from "../../src/app/apply-event.ts";
import { createIntro } from "../../src/app/create-intro.ts";
import type { AppDeps } from "../../src/app/deps.ts";
import { testDeps } from "../support/app.ts";
import { openTestDb, type TestDb } from "../support/databases.ts";
import { CLICK, introducedIntro, seedRequestInput } from "../support/intros.ts";
import { type App, signIn, type WebClient, webTestApp } from "./support.ts";

let db: TestDb;
let deps: AppDeps;
let app: App;
let alice: WebClient;
let jane: WebClient;
let maya: WebClient;
beforeAll(async () => {
  db = await openTestDb("sqlite");
  deps = testDeps(db.store);
  app = webTestApp(deps);
  alice = await signIn(app, deps, "alice@example.com", "10.8.0.1");
  jane = await signIn(app, deps, "jane@example.com", "10.8.0.2");
  maya = await signIn(app, deps, "maya@example.com", "10.8.0.3");
});
afterAll(() => db.drop());

/** The story's steps as [label, state, current?], and its side exit. */
async function story(c: WebClient, id: string) {
  const page = (await c.get(`/intros/${id}`)).text;
  const list = /<ol class="story" aria-label="How this intro is going">([\s\S]*?)<\/ol>/.exec(
    page,
  )?.[1];
  if (!list) throw new Error("no story on the page");
  const steps = [...list.matchAll(/<li data-step="(\w+)"( aria-current="step")?>([^<]+)</g)].map(
    (m) => `${m[3]}${m[2] ? " [current]" : ""}:${m[1]}`,
  );
  const exit = /<p class="exit"[^>]*><strong>(\w+( \w+)?):<\/strong> ([^<]+)<\/p>/.exec(page);
  return { steps, exit: exit ? `${exit[1]}: ${exit[3]}` : null, page };
}

const ev = (id: string, e: Parameters<typeof applyEvent>[2]) => applyEvent(deps, id, e, "api");
const ask = (id: string) => ev(id, { type: "forward_for_consent", actor: "introducer" });

describe("the story at the top of the intro page", () => {
  it("tells the lifecycle in plain words, with first names, the current step marked", async () => {
    const intro = await createIntro(deps, seedRequestInput(), "api");
    expect((await story(alice, intro.id)).steps).toEqual([
      "Alice asked Jane [current]:current",
      "Jane asked Maya:todo",
      "Maya said yes:todo",
      "Introduced:todo",
      "Met:todo",
      "Thanked:todo",
    ]);
    await ask(intro.id);
    expect((await story(maya, intro.id)).steps.slice(0, 3)).toEqual([
      "Alice asked Jane:done",
      "Jane asked Maya [current]:current",
      "Maya said yes:todo",
    ]);
    await ev(intro.id, { type: "accept", actor: "target", evidence: CLICK });
    const s = await story(jane, intro.id);
    expect(s.steps.slice(2, 5)).toEqual([
      "Maya said yes:done",
      "Introduced [current]:current",
      "Met:todo",
    ]);
    expect(s.exit).toBeNull();
    // Exactly one step is current, and the states are said in words for screen readers.
    expect(s.page.match(/aria-current="step"/g)?.length).toBe(1);
    expect(s.page).toContain('<span class="sr"> (where it stands)</span>');
  });

  it("shows side exits in words: not now, no (without the reason), withdrawn, declined", async () => {
    const deferred = await createIntro(deps, seedRequestInput(), "api");
    await ask(deferred.id);
    await ev(deferred.id, { type: "defer", actor: "target" });
    const d = await story(jane, deferred.id);
    expect(d.exit).toBe("For now: Maya said not now.");
    expect(d.steps).toHaveLength(6);

    const declined = await createIntro(deps, seedRequestInput(), "api");
    await ask(declined.id);
    await ev(declined.id, { type: "decline", actor: "target", reason: "Too busy this quarter" });
    const n = await story(alice, declined.id);
    expect(n.exit).toBe("Ended: Maya said no.");
    // The road ends where it left it.
    expect(n.steps).toEqual(["Alice asked Jane:done", "Jane asked Maya [current]:current"]);
    expect(n.page).not.toContain("Too busy");

    const withdrawn = await createIntro(deps, seedRequestInput(), "api");
    await ev(withdrawn.id, { type: "withdraw", actor: "requester" });
    const w = await story(jane, withdrawn.id);
    expect(w.exit).toBe("Ended: Alice withdrew the request.");
    expect(w.steps).toEqual(["Alice asked Jane [current]:current"]);

    const late = await createIntro(deps, seedRequestInput(), "api");
    await ev(late.id, { type: "decline", actor: "introducer" });
    expect((await story(alice, late.id)).exit).toBe("Ended: Jane declined to make this intro.");
  });

  it("ends on Thanked once the requester reports back and thanks", async () => {
    const intro = await introducedIntro(deps);
    const start = new Date(deps.now().getTime() - 86_400_000).toISOString();
    const end = new Date(Date.parse(start) + 30 * 60_000).toISOString();
    await ev(intro.id, {
      type: "confirm_meeting",
      actor: "requester",
      start,
      end,
      timeZone: "UTC",
    });
    await ev(intro.id, { type: "meeting_time_passed", actor: "system" });
    expect((await story(alice, intro.id)).steps[4]).toBe("Met [current]:current");
    await ev(intro.id, {
      type: "report_outcome",
      actor: "requester",
      rating: "great",
      thanked: true,
    });
    const s = await story(jane, intro.id);
    expect(s.steps.at(-1)).toBe("Thanked [current]:current");
    expect(s.steps.slice(0, 5).every((x) => x.endsWith(":done"))).toBe(true);
  });
});

describe("confirmations after every action on the intro page", () => {
  /** Posts an action as `c`, follows the redirect, and returns the confirmation shown. */
  async function confirm(c: WebClient, id: string, form: Record<string, string>) {
    const r = await c.post(`/intros/${id}/act`, form);
    expect(r.status, r.text.slice(0, 300)).toBe(303);
    const page = (await c.get(r.location ?? "")).text;
    return /<p class="ok" role="status">([^<]*)<\/p>/.exec(page)?.[1] ?? null;
  }

  it("says what each action did, and who was told", async () => {
    const a = await createIntro(deps, seedRequestInput(), "api");
    expect(await confirm(jane, a.id, { event: "ask_changes", note: "Name the team." })).toBe(
      "Sent to Alice: your note on what should change.",
    );
    const text = (await db.store.getIntro(a.id))?.requestText ?? "";
    expect(await confirm(alice, a.id, { event: "revise", request: `${text} ` })).toBe(
      "Sent to Jane: your revised request.",
    );
    expect(await confirm(jane, a.id, { event: "forward" })).toBe(
      "Maya has been asked: Vouch emailed them your note and Alice&#39;s request.",
    );
    expect(await confirm(maya, a.id, { event: "defer" })).toMatch(
      /^Sent to Jane: not now\. They can ask again after \d{4}-\d{2}-\d{2}\.$/,
    );
    expect(await confirm(maya, a.id, { event: "accept" })).toBe(
      "Sent to Jane: you said yes. The introduction to Alice is in your email.",
    );
    expect(await confirm(alice, a.id, { event: "reply_sent" })).toBe(
      "Noted: you replied to Maya. Vouch follows the thread from here.",
    );
    expect(await confirm(alice, a.id, { event: "report", rating: "did_not_happen" })).toBe(
      "Sent to Jane: your report. Thank you!",
    );

    const b = await createIntro(deps, seedRequestInput(), "api");
    expect(await confirm(jane, b.id, { event: "decline" })).toBe(
      "Declined: Alice is told kindly; Maya hears nothing.",
    );
    const c = await createIntro(deps, seedRequestInput(), "api");
    await ask(c.id);
    expect(await confirm(maya, c.id, { event: "decline", reason: "Busy" })).toBe(
      "Sent to Jane: you said no. Alice never sees your reason.",
    );
    const d = await createIntro(deps, seedRequestInput(), "api");
    expect(await confirm(alice, d.id, { event: "withdraw" })).toBe(
      "Withdrawn: Jane is told by email.",
    );
  });

  it("says nothing for someone else's action, or a made-up one", async () => {
    const intro = await createIntro(deps, seedRequestInput(), "api");
    await ask(intro.id);
    for (const done of ["forward_for_consent", "accept", "constructor", "<b>"]) {
      const page = (await alice.get(`/intros/${intro.id}?done=${encodeURIComponent(done)}`)).text;
      expect(page).not.toContain('class="ok" role="status"');
    }
    expect((await jane.get(`/intros/${intro.id}?done=forward_for_consent`)).text).toContain(
      'class="ok" role="status"',
    );
  });
});
