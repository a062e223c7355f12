// An introducer with more requests than fit on a page reaches them all; insights count them all.
import { afterAll, beforeAll, expect, it } from "vitest";
import { applyEvent } from "../../src/app/apply-event.ts";
import { createIntro } from "../../src/app/create-intro.ts";
import type { AppDeps } from "../../src/app/deps.ts";
import { INBOX_PAGE } from "../../src/web/inbox-pages.ts";
import { testDeps } from "../support/app.ts";
import { openTestDb, type TestDb } from "../support/databases.ts";
import { SEED_REQUEST } from "../support/seed.ts";
import { signIn, type WebClient, webTestApp } from "./support.ts";

let db: TestDb;
let deps: AppDeps;
let jane: WebClient;
const waiting: string[] = [];
const clock = { now: new Date("2026-12-01T10:00:00.000Z") };
const COUNT = INBOX_PAGE + 7;

const ask = async (n: number, introducer = "jane@example.com") => {
  clock.now = new Date(clock.now.getTime() + 1000);
  return (
    await createIntro(
      deps,
      {
        requester: { name: `Requester ${n}`, email: `r${n}@example.com` },
        introducer: { name: "Jane", email: introducer },
        target: { name: "Maya", email: "maya@example.com" },
        requestText: SEED_REQUEST,
        submit: true,
      },
      "api",
    )
  ).id;
};

beforeAll(async () => {
  db = await openTestDb("sqlite");
  deps = testDeps(db.store, clock);
  for (let n = 0; n < COUNT; n++) waiting.push(await ask(n));
  // Two Jane already handled, and one for another introducer.
  for (const id of waiting.splice(0, 2))
    await applyEvent(deps, id, { type: "decline", actor: "introducer" }, "api");
  await ask(999, "omar@example.com");
  jane = await signIn(webTestApp(deps), deps, "jane@example.com", "10.0.4.1");
}, 60_000);
afterAll(() => db.drop());

const links = (html: string, section: RegExp) =>
  [...(section.exec(html)?.[0] ?? "").matchAll(/href="\/intros\/([^"]+)"/g)].map((m) => m[1]);
const TABLE = /<table id="waiting">[\s\S]*?<\/table>/;

it("pages the requests waiting on the introducer, 50 at a time, until all are reached", async () => {
  const first = await jane.get("/inbox");
  const one = links(first.text, TABLE);
  expect(one).toHaveLength(INBOX_PAGE);
  expect(first.text).toContain(`Requests 1 to ${INBOX_PAGE} waiting on you, newest first`);
  expect(first.text).toContain('<a href="/inbox?page=1" rel="next">Older requests</a>');
  expect(first.text).not.toContain("Newer requests");
  const second = await jane.get("/inbox?page=1");
  const two = links(second.text, TABLE);
  expect(two).toHaveLength(COUNT - 2 - INBOX_PAGE);
  expect(second.text).toContain('<a href="/inbox" rel="prev">Newer requests</a>');
  expect(second.text).not.toContain("Older requests");
  expect(new Set([...one, ...two])).toEqual(new Set(waiting));
  expect((await jane.get("/inbox?page=2")).text).toContain("No more requests waiting on you.");
  // A bad page number is the first page.
  expect(links((await jane.get("/inbox?page=-3")).text, TABLE)).toEqual(one);
});

it("pages the list of all the introducer's intros separately, keeping the other list's page", async () => {
  const ALL = /<h2[^>]*id="all">[\s\S]*$/;
  const first = links((await jane.get("/inbox?page=1")).text, ALL);
  expect(first).toHaveLength(INBOX_PAGE);
  const page = await jane.get("/inbox?page=1&all=1");
  expect(page.text).toContain('href="/inbox?page=1#all" rel="prev">Newer intros</a>');
  expect(links(page.text, TABLE)).toHaveLength(COUNT - 2 - INBOX_PAGE);
  const rest = links(page.text, ALL);
  expect(rest).toHaveLength(COUNT - INBOX_PAGE);
  expect(new Set([...first, ...rest]).size).toBe(COUNT);
});

it("counts every intro in insights, with no cap on how many", async () => {
  const r = await jane.get("/insights");
  expect(r.status).toBe(200);
  expect(r.text).not.toContain("data-capped");
  expect(r.text).toMatch(new RegExp(`data-stage="requested">${COUNT}<`));
  // Each requester's record is theirs across every introducer, counted for the page at once.
  const inbox = (await jane.get("/inbox")).text;
  expect(inbox).toContain("1 asked: 0 completed, 0 thanked, 0 stalled, 0 withdrawn");
  // Maya was never asked: every request still waits on Jane.
  expect(inbox).toContain("<td>0 in 90 days</td>");
});

it("counts the target's asks in the database: none, since Jane declined two and asked nobody", async () => {
  const page = (await jane.get("/insights")).text;
  expect(page).toMatch(/data-stage="asked">0</);
  for (const path of ["/insights", "/outcomes"])
    expect((await jane.get(path)).text, path).not.toContain("data-capped");
});
