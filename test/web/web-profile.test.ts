// The profile on the preferences page, and the composer starting a new request from it (issue 15).
import { afterAll, beforeAll, expect, it } from "vitest";
import type { AppDeps } from "../../src/app/deps.ts";
import { testDeps } from "../support/app.ts";
import { openTestDb, type TestDb } from "../support/databases.ts";
import { signIn, type WebClient, webTestApp } from "./support.ts";
import { seedFields, sendRequest, XSS } from "./web-fixtures.ts";

let db: TestDb;
let deps: AppDeps;
let alice: WebClient;
let sam: WebClient;

beforeAll(async () => {
  db = await openTestDb("sqlite");
  deps = testDeps(db.store);
  const app = webTestApp(deps);
  alice = await signIn(app, deps, "alice@example.com", "10.0.6.1");
  sam = await signIn(app, deps, "sam@example.com", "10.0.6.2");
});
afterAll(() => db.drop());

const field = (page: string, name: string) => {
  const input = new RegExp(`<input [^>]*name="${name}"[^>]*value="([^"]*)"`).exec(page)?.[1];
  const area = new RegExp(`<textarea [^>]*name="${name}"[^>]*>([^<]*)</textarea>`).exec(page)?.[1];
  return input ?? area ?? null;
};
const form = (extra: Record<string, string>) => ({
  topics: "",
  monthlyMax: "",
  timeZone: "Europe/Paris",
  introduceFrom: "relay",
  displayName: "",
  bio: "",
  website: "",
  linkedin: "",
  ...extra,
});

it("saves the profile from the preferences page and shows it again", async () => {
  const r = await alice.post(
    "/preferences",
    form({
      displayName: "Alice Martin",
      bio: "Full-stack engineer, web and mobile.",
      website: "https://alice.example",
      linkedin: "https://www.linkedin.com/in/alice",
    }),
  );
  expect(r.status).toBe(303);
  const prefs = await deps.store.getPrefs("alice@example.com");
  expect(prefs).toMatchObject({
    displayName: "Alice Martin",
    bio: "Full-stack engineer, web and mobile.",
    website: "https://alice.example",
    linkedin: "https://www.linkedin.com/in/alice",
    timeZone: "Europe/Paris",
  });
  const page = (await alice.get("/preferences")).text;
  expect(field(page, "displayName")).toBe("Alice Martin");
  expect(field(page, "linkedin")).toBe("https://www.linkedin.com/in/alice");
});

it("refuses a link that is not https, keeps what was typed, and saves nothing", async () => {
  const before = await deps.store.getPrefs("alice@example.com");
  const r = await alice.post(
    "/preferences",
    form({ displayName: "Someone else", website: "http://alice.example" }),
  );
  expect(r.status).toBe(400);
  expect(r.text).toMatch(/role="alert"[^>]*>Your site must be an https:\/\/ address\.</);
  expect(field(r.text, "website")).toBe("http://alice.example");
  expect(await deps.store.getPrefs("alice@example.com")).toEqual(before);
});

it("starts a new request from the profile; the requester can change it before sending", async () => {
  const page = (await alice.get("/requests/new")).text;
  expect(field(page, "yourName")).toBe("Alice Martin");
  expect(field(page, "aboutMe")).toBe("Full-stack engineer, web and mobile.");
  expect(field(page, "links")).toBe("https://alice.example\nhttps://www.linkedin.com/in/alice");
  // Only a starting text: what is sent is what the requester typed.
  const id = await sendRequest(
    alice,
    seedFields({ yourName: "Alice M.", aboutMe: "Engineer.", links: "https://alice.example" }),
  );
  const sent = await deps.store.getIntro(id);
  expect(sent?.requester.name).toBe("Alice M.");
  expect(sent?.requestText).not.toContain("linkedin.com/in/alice");
  // Without a profile, nothing is made up.
  const fresh = (await sam.get("/requests/new")).text;
  expect(field(fresh, "aboutMe")).toBe("");
  expect(field(fresh, "links")).toBe("");
});

it("escapes the bio and the name on the preferences page and in the composer", async () => {
  const r = await sam.post("/preferences", form({ displayName: "Sam <b>Bold</b>", bio: XSS }));
  expect(r.status).toBe(303);
  for (const path of ["/preferences", "/requests/new"]) {
    const page = (await sam.get(path)).text;
    expect(page, path).not.toContain("<script>alert(1)</script>");
    expect(page, path).not.toContain("<img src=x");
    expect(page, path).not.toContain("<b>Bold</b>");
    expect(page, path).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
  }
});
