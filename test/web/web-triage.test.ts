// What an introducer triages with, counted by the database: the requester's whole record (no
// page-size cap).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createIntro } from "../../src/app/create-intro.ts";
import type { AppDeps } from "../../src/app/deps.ts";
import { testDeps } from "../support/app.ts";
import { openTestDb, type TestDb } from "../support/databases.ts";
import { seedRequestInput } from "../support/intros.ts";
import { signIn, type WebClient, webTestApp } from "./support.ts";

let db: TestDb;
let deps: AppDeps;
let jane: WebClient;
const clock = { now: new Date("2026-12-01T10:00:00.000Z") };

beforeAll(async () => {
  db = await openTestDb("sqlite");
  deps = testDeps(db.store, clock);
  jane = await signIn(webTestApp(deps), deps, "jane@example.com", "10.0.7.1");
}, 60_000);
afterAll(() => db.drop());

describe("the requester's record at triage", () => {
  it("counts every request they sent, past a hundred", async () => {
    const rita = { requester: "rita@example.com", target: "maya@example.com" };
    for (let i = 0; i < 102; i++) {
      clock.now = new Date(clock.now.getTime() + 1000);
      await createIntro(deps, seedRequestInput(rita), "api");
    }
    const row = /<tr><td>[\s\S]*?<\/tr>/.exec((await jane.get("/inbox")).text)?.[0] ?? "";
    expect(row).toContain("102 asked: 0 completed, 0 thanked, 0 stalled, 0 withdrawn");
  }, 120_000);
});
