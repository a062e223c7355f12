// The signed-in home page, one page across roles: what needs this person (each item with one
// primary action), their other intros below, and a navigation that shows a role's sections only
// to people who have something in them. Everything is read through the view of domain/view.ts.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyEvent } from "../../src/app/apply-event.ts";
import { createIntro } from "../../src/app/create-intro.ts";
import type { AppDeps } from "../../src/app/deps.ts";
import { testDeps } from "../support/app.ts";
import { openTestDb, type TestDb } from "../support/databases.ts";
import { CLICK, introducedIntro, seedRequestInput } from "../support/intros.ts";
import { type App, signIn, webTestApp } from "./support.ts";

let db: TestDb;
let deps: AppDeps;
let app: App;
beforeAll(async () => {
  db = await openTestDb("sqlite");
  deps = testDeps(db.store);
  app = webTestApp(deps);
});
afterAll(() => db.drop());

/** Three fresh people for one test, so that tests do not see each other's intros. */
const people = (tag: string) => ({
  requester: `alice-${tag}@example.com`,
  introducer: `jane-${tag}@example.com`,
  target: `maya-${tag}@example.com`,
});

/** The need items of a home page: kind, the intro they link to, and their actions. */
function needs(page: string) {
  return [...page.matchAll(/<li class="box need" data-need="(\w+)">([\s\S]*?)<\/li>/g)].map(
    (m) => ({
      kind: m[1],
      actions: [...(m[2] ?? "").matchAll(/<a class="act" href="([^"]+)">([^<]+)<\/a>/g)].map(
        (a) => ({ href: a[1], label: a[2] }),
      ),
    }),
  );
}

/** The labels of the main navigation. */
function nav(page: string) {
  const n = /<nav aria-label="Main">([\s\S]*?)<\/nav>/.exec(page)?.[1] ?? "";
  return [...n.matchAll(/<a [^>]*>([^<]+)<\/a>/g)].map((m) => m[1]);
}

const act = (deps: AppDeps, id: string, e: Parameters<typeof applyEvent>[2]) =>
  applyEvent(deps, id, e, "api");

describe("the navigation", () => {
  it("shows a role's sections only to people who have something in them", async () => {
    const p = people("nav");
    const [alice, jane, maya] = await Promise.all([
      signIn(app, deps, p.requester, "10.9.0.1"),
      signIn(app, deps, p.introducer, "10.9.0.2"),
      signIn(app, deps, p.target, "10.9.0.3"),
    ]);
    const nobody = ["Home", "New request", "Find a path", "My contacts", "Preferences"];
    for (const c of [alice, jane, maya]) expect(nav((await c.get("/")).text)).toEqual(nobody);

    const intro = await createIntro(deps, seedRequestInput(p), "api");
    expect(nav((await alice.get("/")).text)).toEqual(nobody);
    expect(nav((await jane.get("/")).text)).toEqual([
      "Home",
      "New request",
      "To triage",
      "Insights",
      "Outcomes",
      "Find a path",
      "My contacts",
      "Preferences",
    ]);
    // Maya is not asked yet: she must not learn that the intro exists, even from the menu.
    expect(nav((await maya.get("/")).text)).toEqual(nobody);
    await act(deps, intro.id, { type: "forward_for_consent", actor: "introducer" });
    expect(nav((await maya.get("/preferences")).text)).toEqual([
      "Home",
      "New request",
      "Offered to me",
      "Find a path",
      "My contacts",
      "Preferences",
    ]);
    // A section's own page, opened directly, still names itself in the menu.
    expect(nav((await alice.get("/offers")).text)).toContain("Offered to me");
  });

  it("does not count a draft that names someone as their introducer", async () => {
    const p = people("draft");
    await createIntro(deps, { ...seedRequestInput(p), submit: false }, "api");
    const jane = await signIn(app, deps, p.introducer, "10.9.0.4");
    expect(nav((await jane.get("/")).text)).not.toContain("To triage");
  });
});

describe("what needs you", () => {
  it("gives the introducer a request to triage, and nothing of it to a target not yet asked", async () => {
    const p = people("triage");
    const intro = await createIntro(deps, seedRequestInput(p), "api");
    const [alice, jane, maya] = await Promise.all([
      signIn(app, deps, p.requester, "10.9.1.1"),
      signIn(app, deps, p.introducer, "10.9.1.2"),
      signIn(app, deps, p.target, "10.9.1.3"),
    ]);
    const janes = (await jane.get("/")).text;
    expect(needs(janes)).toEqual([
      {
        kind: "triage",
        actions: [{ href: `/intros/${intro.id}`, label: "Triage Alice&#39;s request" }],
      },
    ]);
    expect(janes).toContain("Alice asked you for an intro to Maya.");

    // Alice waits: nothing needs her; the intro is among hers, with no address of Maya's.
    const alices = (await alice.get("/")).text;
    expect(needs(alices)).toEqual([]);
    expect(alices).toContain("Nothing needs you right now.");
    expect(alices).toContain(`href="/intros/${intro.id}"`);
    expect(alices).toContain("Waiting for Jane to read your request.");
    expect(alices).not.toContain(p.target);

    // Maya has not been asked: her home says nothing of the intro.
    const mayas = (await maya.get("/")).text;
    expect(mayas).not.toContain(intro.id);
    expect(mayas).not.toContain("Alice");
    expect(mayas).toContain("No intros yet.");
  });

  it("asks the target once she is asked, without the requester's address, and stops after her yes", async () => {
    const p = people("consent");
    const intro = await createIntro(deps, seedRequestInput(p), "api");
    await act(deps, intro.id, { type: "forward_for_consent", actor: "introducer" });
    const [alice, maya] = await Promise.all([
      signIn(app, deps, p.requester, "10.9.2.1"),
      signIn(app, deps, p.target, "10.9.2.3"),
    ]);
    const mayas = (await maya.get("/")).text;
    expect(needs(mayas)).toEqual([
      { kind: "consent", actions: [{ href: `/intros/${intro.id}`, label: "Answer Jane" }] },
    ]);
    expect(mayas).toContain("Jane asked whether you&#39;d like an intro to Alice.");
    expect(mayas).not.toContain(p.requester);
    expect(mayas).not.toContain("Snapchat"); // the request text is not the target's to read here
    // Alice still sees no address of Maya's before the yes.
    expect((await alice.get("/")).text).not.toContain(p.target);

    await act(deps, intro.id, { type: "defer", actor: "target" });
    expect(needs((await maya.get("/")).text).map((n) => n.kind)).toEqual(["consent"]);
    await act(deps, intro.id, { type: "accept", actor: "target", evidence: CLICK });
    expect(needs((await maya.get("/")).text).map((n) => n.kind)).not.toContain("consent");
  });

  it("gives an own-mailbox introducer the introduction to send once the target said yes", async () => {
    const p = people("own");
    const jane = await signIn(app, deps, p.introducer, "10.9.3.2");
    await jane.post("/preferences", { topics: "", timeZone: "UTC", introduceFrom: "own_mailbox" });
    const intro = await createIntro(deps, seedRequestInput(p), "api");
    await act(deps, intro.id, { type: "forward_for_consent", actor: "introducer" });
    expect(needs((await jane.get("/")).text)).toEqual([]);
    await act(deps, intro.id, { type: "accept", actor: "target", evidence: CLICK });
    expect((await db.store.getIntro(intro.id))?.status).toBe("consent_requested");
    expect(needs((await jane.get("/")).text)).toEqual([
      {
        kind: "own_intro",
        actions: [{ href: `/intros/${intro.id}#own-h`, label: "Send the introduction" }],
      },
    ]);
    const maya = await signIn(app, deps, p.target, "10.9.3.3");
    expect(needs((await maya.get("/")).text).map((n) => n.kind)).not.toContain("consent");
    await act(deps, intro.id, { type: "own_intro_sent", actor: "introducer" });
    expect(needs((await jane.get("/")).text)).toEqual([]);
  });

  it("gives the requester the ready reply, then the times to confirm, then the report to write", async () => {
    const p = people("after");
    const intro = await introducedIntro(deps, p);
    const [alice, maya] = await Promise.all([
      signIn(app, deps, p.requester, "10.9.4.1"),
      signIn(app, deps, p.target, "10.9.4.3"),
    ]);
    expect(needs((await alice.get("/")).text)).toEqual([
      { kind: "reply", actions: [{ href: `/intros/${intro.id}#bcc-h`, label: "Reply to Maya" }] },
    ]);
    await act(deps, intro.id, {
      type: "reply_in_thread",
      actor: "requester",
      movedIntroducerToBcc: true,
    });
    expect(needs((await alice.get("/")).text)).toEqual([]);

    // Maya proposes a time: it waits for Alice, not for Maya.
    const soon = new Date(deps.now().getTime() + 3 * 86_400_000).toISOString();
    await act(deps, intro.id, { type: "propose_times", actor: "target", times: [soon] });
    expect(needs((await alice.get("/")).text)).toEqual([
      { kind: "meeting", actions: [{ href: `/intros/${intro.id}`, label: "Choose a time" }] },
    ]);
    expect(needs((await maya.get("/")).text)).toEqual([]);

    const start = new Date(deps.now().getTime() - 86_400_000).toISOString();
    const end = new Date(Date.parse(start) + 30 * 60_000).toISOString();
    await act(deps, intro.id, {
      type: "confirm_meeting",
      actor: "requester",
      start,
      end,
      timeZone: "UTC",
    });
    expect(needs((await alice.get("/")).text)).toEqual([]);
    await act(deps, intro.id, { type: "meeting_time_passed", actor: "system" });
    expect((await db.store.getIntro(intro.id))?.status).toBe("met");
    const alices = (await alice.get("/")).text;
    expect(needs(alices)).toEqual([
      { kind: "report", actions: [{ href: `/intros/${intro.id}`, label: "Report back to Jane" }] },
    ]);
    // What is listed above is not listed again below.
    expect(alices.match(new RegExp(`href="/intros/${intro.id}"`, "g"))?.length).toBe(1);
  });

  it("escapes what people typed", async () => {
    const p = people("xss");
    const input = seedRequestInput(p);
    input.requester.name = `Alice <img src=x onerror=alert(1)>`;
    await createIntro(deps, input, "api");
    const jane = await signIn(app, deps, p.introducer, "10.9.5.2");
    const page = (await jane.get("/")).text;
    expect(page).not.toContain("<img src=x");
    expect(page).toContain("&lt;img src=x onerror=alert(1)&gt;");
  });
});
