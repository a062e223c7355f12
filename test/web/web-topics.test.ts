// "Topics you welcome": a target sets them on the preferences page (no JavaScript), and they show
// where they help: the introducer's inbox and intro page, and the requester's composer once the
// target's address is typed.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
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
let id: string;

beforeAll(async () => {
  db = await openTestDb("sqlite");
  deps = testDeps(db.store);
  const app = webTestApp(deps);
  alice = await signIn(app, deps, "alice@example.com", "10.0.2.1");
  jane = await signIn(app, deps, "jane@example.com", "10.0.2.2");
  maya = await signIn(app, deps, "maya@example.com", "10.0.2.3");
  id = await sendRequest(alice, seedFields());
});
afterAll(() => db.drop());

const topicsOf = async (email: string) => (await deps.store.getPrefs(email)).topics;
const LINE = "Maya welcomes intros about:</strong> careers in tech, climate startups";

describe("setting topics on the preferences page", () => {
  it("saves them trimmed and without repeats", async () => {
    const r = await maya.post("/preferences", {
      topics: " careers in tech , climate startups,Careers in Tech,, ",
      monthlyMax: "",
    });
    expect(r.status).toBe(303);
    expect(await topicsOf("maya@example.com")).toEqual(["careers in tech", "climate startups"]);
    const page = await maya.get("/preferences");
    expect(page.text).toContain('value="careers in tech, climate startups"');
    expect(page.text).toContain("Introducers, and people writing a request to you, see them.");
  });

  it("refuses too many, too long or control characters with a 400 naming the field", async () => {
    const bad = [
      Array.from({ length: 21 }, (_, i) => `topic ${i}`).join(","),
      `fine, ${"x".repeat(81)}`,
      "fine, tab\there",
    ];
    for (const topics of bad) {
      const r = await maya.post("/preferences", { topics, monthlyMax: "" });
      expect(r.status, topics).toBe(400);
      expect(r.text).toMatch(/<p class="err" role="alert" id="p-error">Topics you welcome: /);
      expect(r.text).toContain('aria-invalid="true"');
      expect(await topicsOf("maya@example.com")).toEqual(["careers in tech", "climate startups"]);
    }
  });
});

describe("where topics show", () => {
  it("in the introducer's inbox row and on the intro page", async () => {
    const inbox = await jane.get("/inbox");
    const row = inbox.text.split("<tr>").find((r) => r.includes(`/intros/${id}`)) ?? "";
    expect(row).toContain(LINE);
    expect((await jane.get(`/intros/${id}`)).text).toContain(LINE);
    // Not for the requester's intro page: there the target's address is not theirs to look up.
    expect((await alice.get(`/intros/${id}`)).text).not.toContain("welcomes intros about");
  });

  it("in the composer once the target's address is typed, with or without JavaScript", async () => {
    const live = await alice.post("/requests/coach", seedFields());
    expect(live.text).toContain(LINE);
    const noJs = await alice.post("/requests/new", { do: "check", ...seedFields() });
    expect(noJs.text).toContain(LINE);
    const unknown = await alice.post("/requests/coach", seedFields({ targetEmail: "" }));
    expect(unknown.text).not.toContain("welcomes intros about");
    const other = await alice.post("/requests/coach", seedFields({ targetEmail: "zed@x.org" }));
    expect(other.text).not.toContain("welcomes intros about");
  });

  it("nowhere once the target clears them", async () => {
    await maya.post("/preferences", { topics: "", monthlyMax: "" });
    expect(await topicsOf("maya@example.com")).toEqual([]);
    expect((await jane.get("/inbox")).text).not.toContain("welcomes intros about");
    expect((await alice.post("/requests/coach", seedFields())).text).not.toContain("welcomes");
  });
});
