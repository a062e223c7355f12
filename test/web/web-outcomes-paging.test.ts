// An introducer with more intros made than fit on a page reaches every outcome, 50 at a time.
import { afterAll, beforeAll, expect, it } from "vitest";
import type { AppDeps } from "../../src/app/deps.ts";
import { OUTCOMES_PAGE } from "../../src/web/outcomes-pages.ts";
import { testDeps } from "../support/app.ts";
import { openTestDb, type TestDb } from "../support/databases.ts";
import { introducedIntro } from "../support/intros.ts";
import { signIn, type WebClient, webTestApp } from "./support.ts";

let db: TestDb;
let deps: AppDeps;
let jane: WebClient;
const made: string[] = [];
const clock = { now: new Date("2026-12-01T10:00:00.000Z") };
const COUNT = OUTCOMES_PAGE + 3;

beforeAll(async () => {
  db = await openTestDb("sqlite");
  deps = testDeps(db.store, clock);
  for (let n = 0; n < COUNT; n++) {
    clock.now = new Date(clock.now.getTime() + 60_000);
    made.push(
      (await introducedIntro(deps, { requester: `r${n}@example.com`, target: `t${n}@example.com` }))
        .id,
    );
  }
  jane = await signIn(webTestApp(deps), deps, "jane@example.com", "10.0.4.9");
}, 60_000);
afterAll(() => db.drop());

const rows = (html: string) => [...html.matchAll(/<tr data-intro="([^"]+)"/g)].map((m) => m[1]);

it("pages the intros made, newest first, until every one is reached", async () => {
  const first = await jane.get("/outcomes");
  expect(rows(first.text)).toEqual(made.slice(-OUTCOMES_PAGE).reverse());
  expect(first.text).toContain(`1 to ${OUTCOMES_PAGE} of ${COUNT} intros you made, newest first`);
  expect(first.text).toContain('<a href="/outcomes?page=1" rel="next">Older intros</a>');
  const second = await jane.get("/outcomes?page=1");
  expect(rows(second.text)).toEqual(made.slice(0, COUNT - OUTCOMES_PAGE).reverse());
  expect(second.text).toContain(`${OUTCOMES_PAGE + 1} to ${COUNT} of ${COUNT} intros`);
  expect(second.text).toContain('<a href="/outcomes" rel="prev">Newer intros</a>');
  expect(second.text).not.toContain("Older intros");
  const past = await jane.get("/outcomes?page=2");
  expect(rows(past.text)).toEqual([]);
  expect(past.text).toContain("No more intros.");
  expect(rows((await jane.get("/outcomes?page=oops")).text)).toEqual(rows(first.text));
});
