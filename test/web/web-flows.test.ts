// The triage choices other than "ask the target", through the web forms (no JavaScript).
import { afterAll, beforeAll, expect, it } from "vitest";
import type { AppDeps } from "../../src/app/deps.ts";
import { testDeps } from "../support/app.ts";
import { openTestDb, type TestDb } from "../support/databases.ts";
import { signIn, type WebClient, webTestApp } from "./support.ts";
import { seedFields, sendRequest } from "./web-fixtures.ts";

let db: TestDb;
let deps: AppDeps;
let alice: WebClient;
let jane: WebClient;
let maya: WebClient;

beforeAll(async () => {
  db = await openTestDb("sqlite");
  deps = testDeps(db.store);
  const app = webTestApp(deps);
  alice = await signIn(app, deps, "alice@example.com", "10.0.1.1");
  jane = await signIn(app, deps, "jane@example.com", "10.0.1.2");
  maya = await signIn(app, deps, "maya@example.com", "10.0.1.3");
});
afterAll(() => db.drop());

const status = async (id: string) => (await deps.store.getIntro(id))?.status;

it("asks for changes with a note; the requester sees it and revises", async () => {
  const id = await sendRequest(alice, seedFields());
  expect((await jane.post(`/intros/${id}/act`, { event: "ask_changes", note: "" })).status).toBe(
    400,
  );
  await jane.post(`/intros/${id}/act`, { event: "ask_changes", note: "Say which team you mean." });
  expect(await status(id)).toBe("changes_requested");
  const page = await alice.get(`/intros/${id}`);
  expect(page.text).toContain("Say which team you mean.");
  expect(page.text).toContain("Revise your request");
  const text = (await deps.store.getIntro(id))?.requestText ?? "";
  await alice.post(`/intros/${id}/act`, {
    event: "revise",
    request: text.replace("in Tech", "in Tech, on the platform team"),
  });
  expect(await status(id)).toBe("requested");
});

it("declines kindly; the requester can no longer act, and a stale form says so", async () => {
  const id = await sendRequest(alice, seedFields());
  await jane.post(`/intros/${id}/act`, { event: "decline", reason: "Maya is swamped" });
  expect(await status(id)).toBe("introducer_declined");
  expect((await alice.get(`/intros/${id}`)).text).toContain("Nothing for you to do right now.");
  const again = await jane.post(`/intros/${id}/act`, { event: "forward" });
  expect(again.status).toBe(409);
});

it("lets the requester withdraw, and keeps a request below the introducer's bar in the composer", async () => {
  const id = await sendRequest(alice, seedFields());
  await alice.post(`/intros/${id}/act`, { event: "withdraw" });
  expect(await status(id)).toBe("withdrawn");
  // Jane asks for requests that score at least 95: a vague one comes back with the findings.
  await deps.store.updatePrefs("jane@example.com", { minRequestScore: 95 }, deps.now());
  const vague = seedFields({ ask: "Could I pick your brain sometime?", whyThem: "", nextStep: "" });
  const r = await alice.post("/requests/new", { do: "send", ...vague });
  expect(r.status).toBe(422);
  expect(r.text).toContain("score at least 95");
  expect(r.text).toContain('data-rule="vague-ask"');
});

it("gives the ready BCC reply without JavaScript; the copy button waits for the script", async () => {
  const id = await sendRequest(alice, seedFields());
  await jane.post(`/intros/${id}/act`, { event: "forward" });
  await maya.post(`/intros/${id}/act`, { event: "accept" });
  const page = (await alice.get(`/intros/${id}`)).text;
  expect(page).toMatch(/<a id="bcc-mailto" href="mailto:maya@example\.com\?bcc=intros%2B/);
  expect(page).toMatch(/<textarea id="bcc-text" rows="10" readonly>[^<]*Thanks for the intro Jane/);
  // Hidden without JavaScript (it could do nothing); the script shows it and announces the copy.
  expect(page).toMatch(
    /<button type="button"[^>]* id="bcc-copy" data-copy="bcc-text"[^>]* hidden>/,
  );
  expect(page).toContain('<span id="bcc-copy-status" role="status"></span>');
  const js = await alice.get("/static/copy.js");
  expect(js.status).toBe(200);
  expect(js.text).toContain("navigator.clipboard.writeText");
});
