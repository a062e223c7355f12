// GET/PUT /api/me/preferences: the topics a target welcomes, validated like the web form.
import { afterAll, beforeAll, expect, it } from "vitest";
import { type ApiHarness, apiHarness } from "./support/api.ts";

let h: ApiHarness;
beforeAll(async () => {
  h = await apiHarness({ maya: "maya@example.com", jane: "jane@example.com" });
});
afterAll(() => h.db.drop());

it("has no topics until set; a PUT trims them, drops repeats and keeps the other fields", async () => {
  expect((await h.call("maya", "GET", "/api/me/preferences")).json.topics).toEqual([]);
  await h.call("maya", "PUT", "/api/me/preferences", { monthlyMax: 4 });
  const put = await h.call("maya", "PUT", "/api/me/preferences", {
    topics: [" careers in tech ", "climate startups", "Careers in Tech"],
  });
  expect(put.status).toBe(200);
  expect(put.json).toMatchObject({
    topics: ["careers in tech", "climate startups"],
    monthlyMax: 4,
  });
  const got = await h.call("maya", "GET", "/api/me/preferences");
  expect(got.json.topics).toEqual(["careers in tech", "climate startups"]);
  // A PUT without topics leaves them; an empty list clears them.
  await h.call("maya", "PUT", "/api/me/preferences", { paused: true });
  expect((await h.call("maya", "GET", "/api/me/preferences")).json.topics).toHaveLength(2);
  await h.call("maya", "PUT", "/api/me/preferences", { topics: [] });
  expect((await h.call("maya", "GET", "/api/me/preferences")).json.topics).toEqual([]);
  // null clears a field; the PUT answers what is now stored.
  const cleared = await h.call("maya", "PUT", "/api/me/preferences", { monthlyMax: null });
  expect(cleared.json).toMatchObject({ monthlyMax: null, paused: true, topics: [] });
  expect((await h.call("maya", "GET", "/api/me/preferences")).json).toMatchObject({
    monthlyMax: null,
    paused: true,
  });
});

it("answers 400 INVALID_INPUT naming the field, and saves nothing, on bad topics", async () => {
  await h.call("maya", "PUT", "/api/me/preferences", { topics: ["kept"] });
  const cases: [unknown, string][] = [
    [Array.from({ length: 21 }, (_, i) => `t${i}`), "topics"],
    [["ok", "x".repeat(81)], "topics.1"],
    [["line\nbreak"], "topics.0"],
    [["bell\u0007"], "topics.0"],
    [["a, b"], "topics.0"],
    [["ok", "   "], "topics.1"],
    [[42], "topics.0"],
    ["careers", "topics"],
  ];
  for (const [topics, field] of cases) {
    const r = await h.call("maya", "PUT", "/api/me/preferences", { topics });
    expect(r.status, JSON.stringify(topics)).toBe(400);
    expect(r.json.error).toMatchObject({ code: "INVALID_INPUT", field });
  }
  expect((await h.call("maya", "GET", "/api/me/preferences")).json.topics).toEqual(["kept"]);
});

it("documents topics in the OpenAPI document", async () => {
  const doc = (await (await h.app.request("/api/openapi.json")).json()) as {
    components: { schemas: { Preferences: { properties: Record<string, unknown> } } };
  };
  expect(doc.components.schemas.Preferences.properties.topics).toMatchObject({
    type: "array",
    items: { type: "string" },
  });
});

it("lets an introducer choose to introduce from their own mailbox, and back", async () => {
  expect((await h.call("jane", "GET", "/api/me/preferences")).json).toMatchObject({
    introduceFrom: "relay",
  });
  const own = await h.call("jane", "PUT", "/api/me/preferences", { introduceFrom: "own_mailbox" });
  expect(own.status).toBe(200);
  expect(own.json).toMatchObject({ introduceFrom: "own_mailbox" });
  const bad = await h.call("jane", "PUT", "/api/me/preferences", { introduceFrom: "fax" });
  expect(bad.status).toBe(400);
  expect((await h.call("jane", "GET", "/api/me/preferences")).json).toMatchObject({
    introduceFrom: "own_mailbox",
  });
  const back = await h.call("jane", "PUT", "/api/me/preferences", { introduceFrom: null });
  expect(back.json).toMatchObject({ introduceFrom: "relay" });
});
