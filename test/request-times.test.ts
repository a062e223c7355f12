// Issue 7: proposed times are picked up "from the composer" too. The seed request proposes
// "this Friday afternoon … 3pm"; read in the requester's zone, it becomes a proposed slot that
// Maya can confirm with one click once she has said yes (never before: she learns of the intro
// only from Jane). With no zone known for the requester, nothing is guessed.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { applyEvent } from "../src/app/apply-event.ts";
import { createIntro } from "../src/app/create-intro.ts";
import type { AppDeps } from "../src/app/deps.ts";
import type { IntroEvent } from "../src/domain/types.ts";
import { testDeps } from "./support/app.ts";
import { openTestDb, type TestDb } from "./support/databases.ts";
import { CLICK, seedRequestInput } from "./support/intros.ts";

let db: TestDb;
let deps: AppDeps;

beforeEach(async () => {
  db = await openTestDb("sqlite");
  // Tuesday 1 December 2026, morning in New York.
  deps = testDeps(db.store, { now: new Date("2026-12-01T15:00:00Z") });
});
afterEach(() => db.drop());

const seedIntro = (timeZone?: string) =>
  createIntro(deps, { ...seedRequestInput(), timeZone }, "web");

const templates = async (introId: string) =>
  (await db.store.listOutbox({ introId })).map((m) => `${m.template}→${m.to[0]?.email}`);

describe("times proposed in the request", () => {
  it("are read in the requester's zone and offered to the target once she says yes", async () => {
    const intro = await seedIntro("America/New_York");
    // Friday 4 December, 15:00 in New York.
    expect(intro.proposedTimes).toEqual(["2026-12-04T20:00:00.000Z"]);
    await applyEvent(deps, intro.id, { type: "forward_for_consent", actor: "introducer" }, "api");
    expect(await templates(intro.id)).not.toContain("proposed_times→maya@example.com");
    await applyEvent(
      deps,
      intro.id,
      { type: "accept", actor: "target", evidence: CLICK } as IntroEvent,
      "api",
    );
    const sent = await templates(intro.id);
    expect(sent).toContain("introduction→maya@example.com");
    expect(sent).toContain("proposed_times→maya@example.com");
    const offer = (await db.store.listOutbox({ introId: intro.id })).find(
      (m) => m.template === "proposed_times",
    );
    expect(offer?.cc).toEqual([]);
    // Maya has no zone yet: shown in UTC, and named so.
    expect(offer?.text).toContain("Confirm Fri 4 Dec, 20:00");
    expect(offer?.text).toContain("(UTC time)");
  });

  it("use the requester's zone setting when the composer sent none, and nothing without one", async () => {
    expect((await seedIntro()).proposedTimes).toEqual([]);
    await db.store.updatePrefs("alice@example.com", { timeZone: "Europe/Paris" }, new Date());
    expect((await seedIntro()).proposedTimes).toEqual(["2026-12-04T14:00:00.000Z"]);
    // A zone that is not one is ignored, not trusted.
    expect((await seedIntro("Mars/Olympus")).proposedTimes).toEqual(["2026-12-04T14:00:00.000Z"]);
  });

  it("that have passed by the time she says yes are not offered", async () => {
    const intro = await seedIntro("America/New_York");
    await applyEvent(deps, intro.id, { type: "forward_for_consent", actor: "introducer" }, "api");
    const later = testDeps(db.store, { now: new Date("2026-12-05T12:00:00Z") });
    await applyEvent(
      later,
      intro.id,
      { type: "accept", actor: "target", evidence: CLICK } as IntroEvent,
      "api",
    );
    expect(await templates(intro.id)).not.toContain("proposed_times→maya@example.com");
  });
});
