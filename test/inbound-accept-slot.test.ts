// Issue 7: a time is agreed "by a reply that accepts a proposed slot". Alice proposes Thursday
// 09:00 and Friday 14:00 (New York); Maya answers by email naming only the day ("Thursday works
// for me!"): the Thursday slot is confirmed, scheduled, with an invite to both. A reply naming a
// day with no single slot settles nothing.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { applyEvent } from "../src/app/apply-event.ts";
import type { AppDeps } from "../src/app/deps.ts";
import type { Intro } from "../src/domain/types.ts";
import { testDeps } from "./support/app.ts";
import { openTestDb, type TestDb } from "./support/databases.ts";
import { introducedIntro, replyInThread } from "./support/intros.ts";

const THU = "2026-12-03T14:00:00Z";
const FRI = "2026-12-04T19:00:00Z";
let db: TestDb;
let deps: AppDeps;
let intro: Intro;

beforeEach(async () => {
  db = await openTestDb("sqlite");
  // Tuesday 1 December, 10:00 in New York.
  deps = testDeps(db.store, { now: new Date("2026-12-01T15:00:00Z") });
  intro = await introducedIntro(deps);
  await applyEvent(
    deps,
    intro.id,
    { type: "propose_times", actor: "requester", times: [THU, FRI] },
    "api",
  );
});
afterEach(() => db.drop());

const mayaSays = (text: string) =>
  replyInThread(
    deps,
    intro,
    { name: "Maya", email: "maya@example.com" },
    {
      messageId: `maya-${text.length}-${Date.now()}@example.com`,
      date: "Tue, 01 Dec 2026 10:05:00 -0500",
      text,
      to: "Alice <alice@example.com>",
    },
  );

describe("a reply that accepts a proposed slot", () => {
  it("confirms the slot on the day it names, with an invite to both", async () => {
    const r = await mayaSays("Thursday works for me! Looking forward to it.\n\nMaya");
    expect(r.status).toBe("processed");
    const after = await db.store.getIntro(intro.id);
    expect(after?.status).toBe("scheduled");
    expect(after?.meeting).toMatchObject({
      start: "2026-12-03T14:00:00.000Z",
      end: "2026-12-03T14:30:00.000Z",
      timeZone: "America/New_York",
    });
    const invites = (await db.store.listOutbox({ introId: intro.id })).filter(
      (m) => m.ics?.method === "request",
    );
    expect(invites.flatMap((m) => [...m.to, ...m.cc].map((p) => p.email)).sort()).toEqual([
      "alice@example.com",
      "maya@example.com",
    ]);
  });

  it("settles nothing when the day it names has no single slot, or it agrees to nothing", async () => {
    for (const text of ["Wednesday works for me!", "Sounds good, talk soon."]) {
      expect((await mayaSays(text)).status).toBe("processed");
      expect((await db.store.getIntro(intro.id))?.status).toBe("connected");
    }
  });
});
