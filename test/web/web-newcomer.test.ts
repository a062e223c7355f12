// What a newcomer saw on the intro page and in the mail after the introduction (issue 15), over
// app.request(): the ready BCC reply follows the time already proposed or agreed, a report of how
// the meeting went waits for the meeting, and only actions that make sense are offered.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { applyEvent } from "../../src/app/apply-event.ts";
import { createIntro } from "../../src/app/create-intro.ts";
import type { AppDeps } from "../../src/app/deps.ts";
import type { Intro, IntroEvent } from "../../src/domain/types.ts";
import { sweepTimers } from "../../src/jobs/timer-sweep.ts";
import { testDeps } from "../support/app.ts";
import { openTestDb, type TestDb } from "../support/databases.ts";
import { CLICK, seedRequestInput } from "../support/intros.ts";
import { signIn, type WebClient, webTestApp } from "./support.ts";

let db: TestDb;
let deps: AppDeps;
// Tuesday 1 December 2026, morning in New York.
const clock = { now: new Date("2026-12-01T15:00:00Z") };
let alice: WebClient;
let maya: WebClient;

beforeAll(async () => {
  db = await openTestDb("sqlite");
  deps = testDeps(db.store, clock);
  await db.store.updatePrefs("alice@example.com", { timeZone: "America/New_York" }, clock.now);
  const app = webTestApp(deps);
  alice = await signIn(app, deps, "alice@example.com", "10.0.2.1");
  maya = await signIn(app, deps, "maya@example.com", "10.0.2.3");
});
afterAll(() => db.drop());
beforeEach(() => {
  clock.now = new Date("2026-12-01T15:00:00Z");
});

/** The seed request ("this Friday afternoon … 3pm", read in New York), with Maya's yes. */
async function introduced(): Promise<Intro> {
  const intro = await createIntro(
    deps,
    { ...seedRequestInput(), timeZone: "America/New_York" },
    "web",
  );
  expect(intro.proposedTimes).toEqual(["2026-12-04T20:00:00.000Z"]);
  let now = intro;
  for (const e of [
    { type: "forward_for_consent", actor: "introducer" },
    { type: "accept", actor: "target", evidence: CLICK },
  ] as IntroEvent[])
    now = (await applyEvent(deps, intro.id, e, "web")).intro;
  return now;
}

const readyReply = (page: string) =>
  /<textarea id="bcc-text" rows="10" readonly>([^<]*)<\/textarea>/.exec(page)?.[1] ?? "";

describe("the ready BCC reply", () => {
  it("proposes the time Alice already proposed, not 'sometime next week'", async () => {
    const intro = await introduced();
    const reply = readyReply((await alice.get(`/intros/${intro.id}`)).text);
    expect(reply).toContain("Thanks for the intro Jane (moved to BCC).");
    expect(reply).not.toContain("sometime next week");
    expect(reply).toContain("Friday 4 December 2026, 15:00");

    // The nudge email a day later carries the same draft.
    clock.now = new Date("2026-12-02T16:00:00Z");
    await sweepTimers(deps, clock.now);
    const nudge = (await db.store.listOutbox({ introId: intro.id })).find(
      (m) => m.template === "requester_nudge",
    );
    expect(nudge?.text).toContain("Friday 4 December 2026, 15:00");
    expect(nudge?.text).not.toContain("sometime next week");
  });

  it("looks forward to the agreed meeting once there is one", async () => {
    const intro = await introduced();
    await applyEvent(
      deps,
      intro.id,
      {
        type: "confirm_meeting",
        actor: "target",
        start: "2026-12-04T20:00:00.000Z",
        end: "2026-12-04T20:20:00.000Z",
        timeZone: "America/New_York",
      },
      "web",
    );
    const reply = readyReply((await alice.get(`/intros/${intro.id}`)).text);
    expect(reply).toContain("Looking forward to meeting you on Friday 4 December 2026, 15:00");
    expect(reply).not.toContain("sometime next week");
  });

  it("keeps the general proposal when nothing was proposed", async () => {
    const input = seedRequestInput();
    const requestText = input.requestText.replace(
      "this Friday afternoon at your office at, say, 3pm",
      "at your office one afternoon",
    );
    const intro = await createIntro(deps, { ...input, requestText }, "web");
    expect(intro.proposedTimes).toEqual([]);
    for (const e of [
      { type: "forward_for_consent", actor: "introducer" },
      { type: "accept", actor: "target", evidence: CLICK },
    ] as IntroEvent[])
      await applyEvent(deps, intro.id, e, "web");
    expect(readyReply((await alice.get(`/intros/${intro.id}`)).text)).toContain(
      "sometime next week",
    );
  });
});

describe("reporting back", () => {
  const reportOptions = (page: string) =>
    [...page.matchAll(/name="rating" value="(\w+)"/g)].map((m) => m[1]);

  it("takes no 'it went great' before the meeting happened; 'it didn't happen' stays", async () => {
    const intro = await introduced();
    await applyEvent(deps, intro.id, { type: "reply_in_thread", actor: "requester" }, "web");
    // Not offered on the page: only "it didn't happen".
    const page = (await alice.get(`/intros/${intro.id}`)).text;
    expect(reportOptions(page)).toEqual(["did_not_happen"]);
    expect(page).not.toContain("It went great");

    // A stale or hand-made form is refused, with the page and the reason, and nothing changes.
    const refused = await alice.post(`/intros/${intro.id}/act`, {
      event: "report",
      rating: "great",
      thanked: "yes",
    });
    expect(refused.status).toBe(409);
    expect(refused.text).toContain("The meeting hasn&#39;t happened yet");
    expect((await deps.store.getIntro(intro.id))?.status).toBe("connected");
    // The API says the same, with a code.
    await expect(
      applyEvent(
        deps,
        intro.id,
        { type: "report_outcome", actor: "requester", rating: "fine", thanked: true },
        "api",
      ),
    ).rejects.toMatchObject({ code: "MEETING_NOT_HELD", details: { field: "rating" } });

    const done = await alice.post(`/intros/${intro.id}/act`, {
      event: "report",
      rating: "did_not_happen",
    });
    expect(done.status).toBe(303);
    expect((await deps.store.getIntro(intro.id))?.status).toBe("completed");
  });

  it("offers and takes every answer once the meeting time has passed", async () => {
    const intro = await introduced();
    await applyEvent(
      deps,
      intro.id,
      {
        type: "confirm_meeting",
        actor: "requester",
        start: "2026-12-04T20:00:00.000Z",
        end: "2026-12-04T20:30:00.000Z",
        timeZone: "America/New_York",
      },
      "web",
    );
    expect(reportOptions((await alice.get(`/intros/${intro.id}`)).text)).toEqual([
      "did_not_happen",
    ]);
    clock.now = new Date("2026-12-05T09:00:00Z");
    await sweepTimers(deps, clock.now);
    expect((await deps.store.getIntro(intro.id))?.status).toBe("met");
    expect(reportOptions((await alice.get(`/intros/${intro.id}`)).text)).toEqual([
      "great",
      "fine",
      "did_not_happen",
    ]);
    const r = await alice.post(`/intros/${intro.id}/act`, {
      event: "report",
      rating: "great",
      thanked: "yes",
    });
    expect(r.status).toBe(303);
    expect((await deps.store.getIntro(intro.id))?.outcome?.rating).toBe("great");
  });
});

describe("the actions offered on the intro page", () => {
  it("offers withdrawing only before the introduction", async () => {
    const intro = await createIntro(deps, seedRequestInput(), "web");
    expect((await alice.get(`/intros/${intro.id}`)).text).toContain("Withdraw the request");
    await applyEvent(deps, intro.id, { type: "forward_for_consent", actor: "introducer" }, "web");
    expect((await alice.get(`/intros/${intro.id}`)).text).toContain("Withdraw the request");
    await applyEvent(
      deps,
      intro.id,
      { type: "accept", actor: "target", evidence: CLICK } as IntroEvent,
      "web",
    );
    const page = (await alice.get(`/intros/${intro.id}`)).text;
    expect(page).not.toContain("Withdraw the request");
    expect(page).not.toContain('value="withdraw"');
  });

  it("hides the 'I've sent it' panel once Vouch saw the reply with the introducer in BCC", async () => {
    const intro = await introduced();
    const before = (await alice.get(`/intros/${intro.id}`)).text;
    expect(before).toContain('value="reply_sent"');
    expect(before).toContain('id="bcc-text"');
    // Alice's reply reaches the thread address in BCC (as the mail pipeline records it).
    await applyEvent(
      deps,
      intro.id,
      { type: "reply_in_thread", actor: "requester", movedIntroducerToBcc: true },
      "email",
    );
    const after = (await alice.get(`/intros/${intro.id}`)).text;
    expect(after).not.toContain('value="reply_sent"');
    expect(after).not.toContain('id="bcc-text"');
  });

  it("hides it too once the requester replied without moving the introducer", async () => {
    const intro = await introduced();
    await applyEvent(deps, intro.id, { type: "reply_in_thread", actor: "requester" }, "email");
    const page = (await alice.get(`/intros/${intro.id}`)).text;
    expect(page).not.toContain('value="reply_sent"');
    // Maya still sees nothing of it, and her page has no withdraw either.
    const mayas = (await maya.get(`/intros/${intro.id}`)).text;
    expect(mayas).not.toContain('id="bcc-text"');
  });
});
