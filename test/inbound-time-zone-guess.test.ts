// Issue 7: "Time zones come from each person's settings, with a guess from their replies' Date
// headers when unset. Daylight-saving changes are handled." Maya never set a zone; she replies
// from New York in winter (-05:00) agreeing to a time after the clocks go forward. The guess is a
// real zone (America/New_York, not a fixed -05:00), so the meeting is at 10:00 her time (14:00Z,
// not 15:00Z), the invite carries her zone, and `met` follows the real end.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppDeps } from "../src/app/deps.ts";
import { timeZonePreference } from "../src/app/time-zone.ts";
import type { Intro } from "../src/domain/types.ts";
import { testDeps } from "./support/app.ts";
import { openTestDb, type TestDb } from "./support/databases.ts";
import { introducedIntro, replyInThread } from "./support/intros.ts";

let db: TestDb;
let deps: AppDeps;
let intro: Intro;
const clock = { now: new Date("2027-03-01T15:00:00.000Z") };

beforeAll(async () => {
  db = await openTestDb("sqlite");
  deps = testDeps(db.store, clock);
  intro = await introducedIntro(deps);
});
afterAll(() => db.drop());

const mayaReplies = (n: number, date: string, text: string) =>
  replyInThread(
    deps,
    intro,
    { name: "Maya", email: "maya@example.com" },
    { messageId: `maya-tz-${n}@example.com`, date, text, to: "Alice <alice@example.com>" },
  );

describe("a zone guessed from a reply's Date header", () => {
  it("is a real zone, remembered, that places a time after a DST change where she meant it", async () => {
    expect(await timeZonePreference(db.store, "maya@example.com")).toBeNull();
    const r = await mayaReplies(
      1,
      "Mon, 01 Mar 2027 10:00:00 -0500",
      "Thursday March 18 at 10am works for me, looking forward to it!",
    );
    expect(r.status).toBe("processed");
    expect(await timeZonePreference(db.store, "maya@example.com")).toBe("America/New_York");
    // Her setting, had she made one, would still come first: the guess is kept apart from it.
    expect((await db.store.getPrefs("maya@example.com")).timeZone).toBeUndefined();

    const after = await db.store.getIntro(intro.id);
    expect(after?.status).toBe("scheduled");
    expect(after?.meeting).toMatchObject({
      start: "2027-03-18T14:00:00.000Z",
      end: "2027-03-18T14:30:00.000Z",
      timeZone: "America/New_York",
    });
    // `met` is due at the meeting's end plus 2 hours.
    const timers = await db.store.kysely
      .selectFrom("timers")
      .select(["name", "due_at"])
      .where("intro_id", "=", intro.id)
      .where("status", "=", "pending")
      .execute();
    expect(timers.find((t) => t.name === "mark_met")?.due_at).toBe(
      Date.parse("2027-03-18T16:30:00.000Z"),
    );

    const invites = (await db.store.listOutbox({ introId: intro.id })).filter((m) => m.ics);
    expect(invites.length).toBeGreaterThan(0);
    for (const m of invites) {
      expect(m.ics?.method).toBe("request");
      expect(m.ics?.content).toContain("TZID:America/New_York");
      expect(m.ics?.content).toMatch(/DTSTART;TZID=America\/New_York:20270318T100000/);
    }
  });

  it("follows her when she writes from elsewhere, and never overrides a zone she set", async () => {
    await mayaReplies(2, "Tue, 02 Mar 2027 18:00:00 +0100", "Thanks! Talk soon.");
    expect(await timeZonePreference(db.store, "maya@example.com")).toBe("Europe/Paris");
    await db.store.updatePrefs(
      "maya@example.com",
      { ...(await db.store.getPrefs("maya@example.com")), timeZone: "America/Chicago" },
      clock.now,
    );
    await mayaReplies(3, "Wed, 03 Mar 2027 18:00:00 +0900", "Thanks again.");
    expect(await timeZonePreference(db.store, "maya@example.com")).toBe("America/Chicago");
  });
});
