// The target's own limits shield them: a pause or a monthly maximum holds requests back before
// anything is sent, and the intro stays with the introducer.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiHarness, apiHarness } from "./support/api.ts";
import { SEED_REQUEST } from "./support/seed.ts";

let h: ApiHarness;
let call: ApiHarness["call"];
beforeAll(async () => {
  h = await apiHarness({
    alice: "alice@example.com",
    bob: "bob@example.com",
    jane: "jane@example.com",
    maya: "maya@example.com",
  });
  call = h.call;
});
afterAll(() => h.db.drop());

async function request(from: "alice" | "bob") {
  const r = await call(from, "POST", "/api/intros", {
    requester: { name: from === "alice" ? "Alice" : "Bob" },
    introducer: { name: "Jane", email: "jane@example.com" },
    target: { name: "Maya", email: "maya@example.com" },
    request: SEED_REQUEST.replaceAll("Alice", from === "alice" ? "Alice" : "Bob"),
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
    const before = (await h.db.store.listOutbox({ introId: id })).length;
    const r = await forward(id);
    expect(r.status).toBe(409);
    expect(r.json.error).toMatchObject({ code: "TARGET_UNAVAILABLE", reason: "paused" });
    expect((await call("jane", "GET", `/api/intros/${id}`)).json.status).toBe("requested");
    expect((await h.db.store.listOutbox({ introId: id })).length).toBe(before);
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
