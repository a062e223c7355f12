// The target's own limits shield them: a pause or a monthly maximum holds requests back before
// anything is sent, and the intro stays with the introducer.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppDeps } from "../src/app/deps.ts";
import { httpApp } from "../src/http/app.ts";
import { testDeps, tokensFor } from "./support/app.ts";
import { openTestDb, type TestDb } from "./support/databases.ts";

const REQUEST = readFileSync(new URL("./fixtures/seed-request.txt", import.meta.url), "utf8");

let db: TestDb;
let deps: AppDeps;
let app: ReturnType<typeof httpApp>;
let tok: Record<string, string>;

beforeAll(async () => {
  db = await openTestDb("sqlite");
  deps = testDeps(db.store);
  app = httpApp(deps, { log: () => {} });
  tok = await tokensFor(deps, {
    alice: "alice@example.com",
    bob: "bob@example.com",
    jane: "jane@example.com",
    maya: "maya@example.com",
  });
});
afterAll(() => db.drop());

async function call(who: string, method: string, path: string, body?: unknown) {
  const res = await app.request(path, {
    method,
    headers: { authorization: `Bearer ${tok[who]}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return {
    status: res.status,
    json: (await res.json()) as Record<string, unknown> & { error?: Record<string, unknown> },
  };
}

async function request(from: "alice" | "bob") {
  const r = await call(from, "POST", "/api/intros", {
    requester: { name: from === "alice" ? "Alice" : "Bob" },
    introducer: { name: "Jane", email: "jane@example.com" },
    target: { name: "Maya", email: "maya@example.com" },
    request: REQUEST.replace(/^Subject:.*\n\n/, "").replaceAll(
      "Alice",
      from === "alice" ? "Alice" : "Bob",
    ),
  });
  expect(r.status).toBe(201);
  return r.json.id as string;
}
const forward = (id: string) =>
  call("jane", "POST", `/api/intros/${id}/events`, { type: "forward_for_consent" });

describe("target protection", () => {
  it("holds every request back while the target has paused, sending nothing", async () => {
    await call("maya", "PUT", "/api/me/preferences", { paused: true });
    const id = await request("alice");
    const before = (await db.store.listOutbox({ introId: id })).length;
    const r = await forward(id);
    expect(r.status).toBe(409);
    expect(r.json.error).toMatchObject({ code: "TARGET_UNAVAILABLE", reason: "paused" });
    expect((await call("jane", "GET", `/api/intros/${id}`)).json.status).toBe("requested");
    expect((await db.store.listOutbox({ introId: id })).length).toBe(before);
    await call("maya", "PUT", "/api/me/preferences", { paused: false });
    expect((await forward(id)).json.status).toBe("consent_requested");
  });

  it("keeps to the target's monthly maximum across requests", async () => {
    await call("maya", "PUT", "/api/me/preferences", { monthlyMax: 1 });
    const id = await request("bob");
    const r = await forward(id);
    expect(r.status).toBe(409);
    expect(r.json.error).toMatchObject({
      code: "TARGET_UNAVAILABLE",
      reason: "monthly_max",
      max: 1,
      asked: 1,
    });
    await call("maya", "PUT", "/api/me/preferences", { monthlyMax: 2 });
    expect((await forward(id)).json.status).toBe("consent_requested");
  });
});
