// Revising a request in the composer after the introducer asked for changes (issue 15).
import { afterAll, beforeAll, expect, it } from "vitest";
import type { AppDeps } from "../../src/app/deps.ts";
import { testDeps } from "../support/app.ts";
import { openTestDb, type TestDb } from "../support/databases.ts";
import { signIn, type WebClient, webTestApp } from "./support.ts";
import { seedFields, sendRequest, XSS } from "./web-fixtures.ts";

let db: TestDb;
let deps: AppDeps;
let alice: WebClient;
let jane: WebClient;
let maya: WebClient;

beforeAll(async () => {
  db = await openTestDb("sqlite");
  deps = testDeps(db.store);
  const app = webTestApp(deps);
  alice = await signIn(app, deps, "alice@example.com", "10.0.5.1");
  jane = await signIn(app, deps, "jane@example.com", "10.0.5.2");
  maya = await signIn(app, deps, "maya@example.com", "10.0.5.3");
});
afterAll(() => db.drop());

const intro = async (id: string) => {
  const i = await deps.store.getIntro(id);
  if (!i) throw new Error(`no intro ${id}`);
  return i;
};
const toJane = async (id: string) =>
  (await deps.store.listOutbox({})).filter(
    (m) =>
      m.introId === id &&
      m.template === "request_to_introducer" &&
      m.to.some((t) => t.email === "jane@example.com"),
  ).length;

/** A sent request the introducer asked to change, with `note`. */
async function changesAsked(note: string): Promise<string> {
  const id = await sendRequest(alice, seedFields());
  const r = await jane.post(`/intros/${id}/act`, { event: "ask_changes", note });
  expect(r.status).toBe(303);
  expect((await intro(id)).status).toBe("changes_requested");
  return id;
}

const textarea = (page: string) =>
  /<textarea id="c-request"[^>]*>([^<]*)<\/textarea>/.exec(page)?.[1] ?? null;
const fromHtml = (s: string) =>
  s
    .replaceAll("&lt;", "<")
    .replaceAll("&gt;", ">")
    .replaceAll("&quot;", '"')
    .replaceAll("&#39;", "'")
    .replaceAll("&amp;", "&");

it("links the intro page to the composer, pre-filled with the request and the note", async () => {
  const id = await changesAsked(`Say which team you mean. ${XSS}`);
  const page = (await alice.get(`/intros/${id}`)).text;
  expect(page).toContain(`href="/intros/${id}/revise"`);
  const r = await alice.get(`/intros/${id}/revise`);
  expect(r.status).toBe(200);
  expect(fromHtml(textarea(r.text) ?? "")).toBe((await intro(id)).requestText);
  expect(r.text).toContain("Say which team you mean.");
  // The note is shown as text, never as markup.
  expect(r.text).not.toContain("<script>alert(1)</script>");
  expect(r.text).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
  // The live coach posts to this intro's revise endpoint and shows its findings beside it.
  expect(r.text).toContain(`data-coach="/intros/${id}/revise/coach"`);
  expect(r.text).toContain('id="coach-panel"');
  const live = await alice.request(
    "POST",
    `/intros/${id}/revise/coach`,
    { request: "Hi Jane, do you know anyone at Google who could help me?" },
    { "x-csrf-token": alice.csrf },
  );
  expect(live.status).toBe(200);
  expect(live.text).toMatch(/data-rule="no-(target|ask)"/);
});

it("resubmits: back to requested, with the revised text emailed to the introducer", async () => {
  const id = await changesAsked("Say which team you mean.");
  const before = await toJane(id);
  const text = (await intro(id)).requestText.replace("in Tech", "in Tech, on the platform team");
  const r = await alice.post(`/intros/${id}/revise`, { do: "send", request: text });
  expect(r.status).toBe(303);
  expect(r.location).toBe(`/intros/${id}?done=revise`);
  const after = await intro(id);
  expect(after.status).toBe("requested");
  expect(after.requestText).toBe(text);
  expect(await toJane(id)).toBe(before + 1);
  expect((await alice.get(r.location ?? "")).text).toContain("Sent to Jane: your revised request.");
});

it("refuses a request with a coach error and changes nothing", async () => {
  const id = await changesAsked("Say which team you mean.");
  const was = await intro(id);
  const mails = (await deps.store.listOutbox({})).length;
  const bad = "Hi Jane,\n\nDo you know anyone at Google who could help me?\n\nAlice";
  const r = await alice.post(`/intros/${id}/revise`, { do: "send", request: bad });
  expect(r.status).toBe(422);
  expect(r.text).toContain("not ready to send");
  // The typed text stays in the composer to fix.
  expect(fromHtml(textarea(r.text) ?? "")).toBe(bad);
  const now = await intro(id);
  expect(now.status).toBe("changes_requested");
  expect(now.requestText).toBe(was.requestText);
  expect(now.version).toBe(was.version);
  expect((await deps.store.listOutbox({})).length).toBe(mails);
});

it("is not found for anyone but the requester, and says why when there is nothing to revise", async () => {
  const id = await changesAsked("Say which team you mean.");
  for (const other of [jane, maya]) {
    expect((await other.get(`/intros/${id}/revise`)).status).toBe(404);
    const text = (await intro(id)).requestText;
    expect((await other.post(`/intros/${id}/revise`, { do: "send", request: text })).status).toBe(
      404,
    );
  }
  expect((await intro(id)).status).toBe("changes_requested");
  expect((await alice.get("/intros/in_nosuch/revise")).status).toBe(404);
  // Sent once; the composer is no longer for this request.
  const sent = await sendRequest(alice, seedFields());
  const r = await alice.get(`/intros/${sent}/revise`);
  expect(r.status).toBe(409);
  expect(r.text).toContain("not waiting for changes");
  expect(r.text).not.toContain('id="c-request"');
});
