// The profile in GET/PUT /api/me/preferences: name, one-line bio, https links (issue 15).
import { afterAll, beforeAll, expect, it } from "vitest";
import { type ApiHarness, apiHarness } from "./support/api.ts";

let h: ApiHarness;
beforeAll(async () => {
  h = await apiHarness({ alice: "alice@example.com" });
});
afterAll(() => h.db.drop());

const PROFILE = {
  displayName: "  Alice   Martin ",
  bio: "Full-stack engineer, web and mobile.",
  website: "https://alice.example/",
  linkedin: "https://www.linkedin.com/in/alice",
};

it("has no profile until set; a PUT stores it normalized and keeps the other fields", async () => {
  expect((await h.call("alice", "GET", "/api/me/preferences")).json).toMatchObject({
    displayName: null,
    bio: null,
    website: null,
    linkedin: null,
  });
  await h.call("alice", "PUT", "/api/me/preferences", { timeZone: "Europe/Paris" });
  const put = await h.call("alice", "PUT", "/api/me/preferences", PROFILE);
  expect(put.status).toBe(200);
  expect(put.json).toMatchObject({ ...PROFILE, displayName: "Alice Martin" });
  expect((await h.call("alice", "GET", "/api/me/preferences")).json).toMatchObject({
    displayName: "Alice Martin",
    timeZone: "Europe/Paris",
  });
  // null or an empty string clears one field; the others stay.
  await h.call("alice", "PUT", "/api/me/preferences", { linkedin: null, bio: "" });
  expect((await h.call("alice", "GET", "/api/me/preferences")).json).toMatchObject({
    displayName: "Alice Martin",
    bio: null,
    website: "https://alice.example/",
    linkedin: null,
  });
});

it("answers 400 INVALID_INPUT naming the field, and saves nothing, on a bad profile", async () => {
  await h.call("alice", "PUT", "/api/me/preferences", PROFILE);
  const cases: [Record<string, unknown>, string][] = [
    [{ displayName: "x".repeat(121) }, "displayName"],
    [{ displayName: "Alice\u202Eevil" }, "displayName"],
    [{ displayName: "Alice\nBcc: x@example.com" }, "displayName"],
    [{ bio: "b".repeat(201) }, "bio"],
    [{ bio: "two\nlines" }, "bio"],
    [{ website: "http://alice.example" }, "website"],
    [{ website: "javascript:alert(1)" }, "website"],
    [{ website: `https://alice.example/${"p".repeat(290)}` }, "website"],
    [{ linkedin: "linkedin.com/in/alice" }, "linkedin"],
    [{ linkedin: "https://user:pw@linkedin.com/in/alice" }, "linkedin"],
    [{ linkedin: 42 }, "linkedin"],
  ];
  for (const [body, field] of cases) {
    const r = await h.call("alice", "PUT", "/api/me/preferences", body);
    expect(r.status, JSON.stringify(body)).toBe(400);
    expect(r.json.error).toMatchObject({ code: "INVALID_INPUT", field });
  }
  expect((await h.call("alice", "GET", "/api/me/preferences")).json).toMatchObject({
    ...PROFILE,
    displayName: "Alice Martin",
  });
  const said = await h.call("alice", "PUT", "/api/me/preferences", { website: "http://a.example" });
  expect(said.json.error.message).toBe("Your site: must be an https:// address");
  // The limits themselves are allowed.
  const edge = await h.call("alice", "PUT", "/api/me/preferences", {
    displayName: "n".repeat(120),
    bio: "b".repeat(200),
    website: `https://a.example/${"p".repeat(300 - 18)}`,
  });
  expect(edge.status).toBe(200);
});

it("documents the profile in the OpenAPI document", async () => {
  const doc = (await (await h.app.request("/api/openapi.json")).json()) as {
    components: {
      schemas: { Preferences: { properties: Record<string, { description?: string }> } };
    };
  };
  const props = doc.components.schemas.Preferences.properties;
  for (const f of ["displayName", "bio", "website", "linkedin"])
    expect(props[f]?.description, f).toMatch(/profile/i);
  expect(props.website?.description).toContain("https://");
});
