// A busy introducer's home page: each need shows its newest few with the count of all of them,
// and a page of its own reaches every one, 50 at a time (the home page costs what it shows).
import { afterAll, beforeAll, expect, it } from "vitest";
import { createIntro } from "../../src/app/create-intro.ts";
import type { AppDeps } from "../../src/app/deps.ts";
import { NEEDS_SHOWN, PAGE_SIZE } from "../../src/web/dashboard-pages.ts";
import { testDeps } from "../support/app.ts";
import { openTestDb, type TestDb } from "../support/databases.ts";
import { SEED_REQUEST } from "../support/seed.ts";
import { signIn, type WebClient, webTestApp } from "./support.ts";

let db: TestDb;
let deps: AppDeps;
let jane: WebClient;
const asked: string[] = [];
const clock = { now: new Date("2026-12-01T10:00:00.000Z") };
const COUNT = PAGE_SIZE + 3;

beforeAll(async () => {
  db = await openTestDb("sqlite");
  deps = testDeps(db.store, clock);
  for (let n = 0; n < COUNT; n++) {
    clock.now = new Date(clock.now.getTime() + 1000);
    const intro = await createIntro(
      deps,
      {
        requester: { name: `Requester ${n}`, email: `r${n}@example.com` },
        introducer: { name: "Jane", email: "jane@example.com" },
        target: { name: "Maya", email: "maya@example.com" },
        requestText: SEED_REQUEST,
        submit: true,
      },
      "api",
    );
    asked.push(intro.id);
  }
  jane = await signIn(webTestApp(deps), deps, "jane@example.com", "10.0.6.1");
}, 60_000);
afterAll(() => db.drop());

/** The intros the triage items of a page link to, in order. */
const triage = (page: string) =>
  [
    ...page.matchAll(/<li class="box need" data-need="triage">[\s\S]*?href="\/intros\/([^"#]+)"/g),
  ].map((m) => m[1]);
const newestFirst = () => [...asked].reverse();

it("shows the newest few of a need, the count of all, and a link to every one", async () => {
  const home = (await jane.get("/")).text;
  expect(triage(home)).toEqual(newestFirst().slice(0, NEEDS_SHOWN));
  expect(home).toContain(`Requests to triage <span class="muted">(${COUNT})</span>`);
  expect(home).toContain(`<a href="/?need=triage">All ${COUNT} requests to triage</a>`);
  // What is listed above is not repeated in "Your intros" below.
  const below = home.slice(home.indexOf('id="all"'));
  for (const id of newestFirst().slice(0, NEEDS_SHOWN)) expect(below).not.toContain(id);
  expect(below).toContain(newestFirst()[NEEDS_SHOWN]);
});

it("pages a need of its own, until every item is reached", async () => {
  const first = (await jane.get("/?need=triage")).text;
  expect(triage(first)).toEqual(newestFirst().slice(0, PAGE_SIZE));
  expect(first).toContain('<a href="/?need=triage&amp;page=1" rel="next">Older items</a>');
  const second = (await jane.get("/?need=triage&page=1")).text;
  expect(triage(second)).toEqual(newestFirst().slice(PAGE_SIZE));
  expect(second).toContain('<a href="/?need=triage" rel="prev">Newer items</a>');
  expect(second).not.toContain("Older items");
  // Someone with nothing of the kind sees the need's page empty, not someone else's items.
  const maya = await signIn(webTestApp(deps), deps, "maya@example.com", "10.0.6.2");
  const none = (await maya.get("/?need=triage")).text;
  expect(triage(none)).toEqual([]);
  expect(none).toContain('Requests to triage <span class="muted">(0)</span>');
  // An unknown need is the home page itself.
  expect(triage((await jane.get("/?need=nonsense")).text)).toEqual(
    newestFirst().slice(0, NEEDS_SHOWN),
  );
});
