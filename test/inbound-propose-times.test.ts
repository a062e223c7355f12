// Times proposed by an emailed reply in the intro thread: a time already past when the message is
// processed ("how about yesterday at 3pm?") offers nothing. It is dropped before the
// propose_times event, and the message is still processed, never failed.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppDeps } from "../src/app/deps.ts";
import { readIntro } from "../src/app/read-intros.ts";
import type { Intro } from "../src/domain/types.ts";
import { testDeps } from "./support/app.ts";
import { openTestDb, type TestDb } from "./support/databases.ts";
import { introducedIntro, replyInThread } from "./support/intros.ts";

let db: TestDb;
let deps: AppDeps;
let introId = "";
let intro: Intro;
// A Tuesday.
const clock = { now: new Date("2026-12-01T10:00:00.000Z") };

beforeAll(async () => {
  db = await openTestDb("sqlite");
  deps = testDeps(db.store, clock);
  intro = await introducedIntro(deps);
  introId = intro.id;
});
afterAll(() => db.drop());

/** Alice's reply in the intro thread, received as SMTP would hand it over. */
const aliceReplies = (n: number, text: string) =>
  replyInThread(
    deps,
    intro,
    { name: "Alice", email: "alice@example.com" },
    { messageId: `alice-times-${n}@example.com`, date: "Tue, 01 Dec 2026 10:00:00 +0000", text },
  );

const proposals = async () =>
  (await readIntro(deps, introId, { operator: true })).events.filter(
    (e) => e.type === "propose_times",
  );
const offers = async () =>
  (await db.store.listOutbox({ introId })).filter((m) => m.template === "proposed_times");

describe("times proposed by email", () => {
  it("proposes nothing for a time already past, and still processes the message", async () => {
    const r = await aliceReplies(1, "Thanks Maya! How about yesterday at 3pm?\n\nAlice");
    expect(r.status).toBe("processed");
    const v = await readIntro(deps, introId, { operator: true });
    expect(v.status).toBe("connected");
    expect(v.proposedTimes).toEqual([]);
    expect(await proposals()).toEqual([]);
    expect(await offers()).toEqual([]);
    const stored = await db.store.getInbound(r.id);
    expect(stored?.result).toMatchObject({ event: "reply_in_thread", times: [] });
  });

  it("keeps the times still ahead and drops the past ones", async () => {
    const r = await aliceReplies(
      2,
      "Sorry, I meant: would yesterday at 4pm or Thursday at 9am suit you?\n\nAlice",
    );
    expect(r.status).toBe("processed");
    const v = await readIntro(deps, introId, { operator: true });
    expect(v.proposedTimes).toEqual(["2026-12-03T09:00:00+00:00"]);
    expect((await proposals()).map((e) => e.data?.times)).toEqual([["2026-12-03T09:00:00+00:00"]]);
    expect((await offers()).map((o) => o.to.map((t) => t.email))).toEqual([["maya@example.com"]]);
  });

  it("takes booking links only as https addresses without credentials", async () => {
    const r = await aliceReplies(
      3,
      [
        "Or grab any slot here: http://calendly.com/alice-martin/30min",
        "(old one: https://alice:secret@calendly.com/alice-old)",
        "",
        "Alice",
      ].join("\n"),
    );
    expect(r.status).toBe("processed");
    const last = (await proposals()).at(-1);
    expect(last?.data?.links).toEqual(["https://calendly.com/alice-martin/30min"]);
  });
});
