// The JSON API without a socket (app.request), including the role × endpoint visibility matrix.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiHarness, apiHarness } from "./support/api.ts";
import { SEED_REQUEST } from "./support/seed.ts";

let h: ApiHarness;
let call: ApiHarness["call"];
beforeAll(async () => {
  h = await apiHarness({
    requester: "alice@example.com",
    introducer: "jane@example.com",
    target: "maya@example.com",
    stranger: "eve@example.com",
  });
  call = h.call;
});
afterAll(() => h.db.drop());

async function newIntro(extra: Record<string, unknown> = {}) {
  const r = await call("requester", "POST", "/api/intros", {
    requester: { name: "Alice" },
    introducer: { name: "Jane", email: "jane@example.com" },
    target: { name: "Maya", email: "maya@example.com" },
    request: SEED_REQUEST,
    ...extra,
  });
  expect(r.status).toBe(201);
  return r.json.id as string;
}

const ev = (who: string, id: string, body: unknown) =>
  call(who, "POST", `/api/intros/${id}/events`, body);

describe("HTTP API", () => {
  it("answers /health with the database state", async () => {
    const r = await call(null, "GET", "/health");
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ ok: true, database: "sqlite" });
  });

  it("serves its OpenAPI document and a reference page", async () => {
    const r = await call(null, "GET", "/api/openapi.json");
    expect(r.status).toBe(200);
    expect(Object.keys(r.json.paths).sort()).toEqual([
      "/intros",
      "/intros/{id}",
      "/intros/{id}/events",
      "/me/contacts",
      "/me/contacts/import",
      "/me/contacts/{key}",
      "/me/path-sharing",
      "/me/preferences",
      "/paths",
      "/requests/check",
    ]);
    expect(r.json.components.schemas.IntroEvent).toBeDefined();
  });

  it("renders the reference with Swagger UI from its own assets, nothing from elsewhere", async () => {
    const page = await h.app.request("/api/docs");
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toMatch(/^text\/html/);
    const text = await page.text();
    expect(text).toContain("url: '/api/openapi.json'");
    // Every script and stylesheet is a same-origin path; no absolute URL anywhere in the page.
    const refs = [...text.matchAll(/(?:src|href)="([^"]*)"/g)].map((m) => m[1] as string);
    expect(refs.sort()).toEqual([
      "/api/docs/assets/swagger-ui-dist/swagger-ui-bundle.js",
      "/api/docs/assets/swagger-ui-dist/swagger-ui.css",
    ]);
    expect(text).not.toMatch(/https?:|\/\/[a-z]/i);
    // The online validator is off.
    expect(text).toContain("validatorUrl: 'none'");
    for (const [path, type, marker] of [
      [
        "/api/docs/assets/swagger-ui-dist/swagger-ui-bundle.js",
        "text/javascript",
        "SwaggerUIBundle",
      ],
      ["/api/docs/assets/swagger-ui-dist/swagger-ui.css", "text/css", ".swagger-ui"],
    ] as const) {
      const r = await h.app.request(path);
      expect(r.status).toBe(200);
      expect(r.headers.get("content-type")).toBe(`${type}; charset=utf-8`);
      expect(r.headers.get("x-content-type-options")).toBe("nosniff");
      expect(await r.text()).toContain(marker);
    }
    // Only those files: not the package's others, not a path out of it.
    for (const path of [
      "/api/docs/assets/swagger-ui-dist/package.json",
      "/api/docs/assets/swagger-ui-dist/index.html",
      "/api/docs/assets/swagger-ui-dist/..%2F..%2Fpackage.json",
    ]) {
      expect((await h.app.request(path)).status).toBe(404);
    }
  });

  it("creates and submits a request in the INTERFACES.md shape", async () => {
    const r = await call("requester", "POST", "/api/intros", {
      requester: { name: "Alice" },
      introducer: { name: "Jane", email: "jane@example.com" },
      target: { name: "Maya", email: "maya@example.com" },
      request: SEED_REQUEST,
    });
    expect(r.status).toBe(201);
    expect(r.json).toMatchObject({
      status: "requested",
      requester: { name: "Alice", email: "alice@example.com" },
      introducer: { name: "Jane", email: "jane@example.com" },
      target: { name: "Maya", email: null },
      subject: "REQUEST: intro Maya <> Alice",
      introducerMovedToBcc: false,
      events: [{ type: "submit", actor: "requester", channel: "api" }],
    });
    expect(r.json.threadAddress).toMatch(/^intros\+[A-Za-z0-9_-]{20}@vouch\.localhost$/);
    expect(r.json.nextTimerAt).toBe("2026-12-04T10:00:00.000Z");
  });

  it("names the bad field with 400", async () => {
    const r = await call("requester", "POST", "/api/intros", {
      requester: { name: "Alice" },
      introducer: { name: "Jane", email: "not-an-email" },
      target: { name: "Maya" },
      request: SEED_REQUEST,
    });
    expect(r.status).toBe(400);
    expect(r.json.error).toMatchObject({ code: "INVALID_INPUT", field: "introducer.email" });
    const crlf = await call("requester", "POST", "/api/intros", {
      requester: { name: "Alice" },
      introducer: { name: "Jane\r\nBcc: x@evil.com", email: "jane@example.com" },
      target: { name: "Maya" },
      request: SEED_REQUEST,
    });
    expect(crlf.status).toBe(400);
    expect(crlf.json.error.field).toBe("introducer.name");
    const notJson = await h.app.request("/api/intros", {
      method: "POST",
      headers: { authorization: `Bearer ${h.tok.requester}`, "content-type": "application/json" },
      body: "{oops",
    });
    expect(notJson.status).toBe(400);
    const unknownEvent = await ev("introducer", await newIntro(), { type: "teleport" });
    expect(unknownEvent.status).toBe(400);
    expect(unknownEvent.json.error.field).toBe("type");
  });

  it("refuses an invalid transition with 409 and the current status", async () => {
    const id = await newIntro();
    const r = await ev("requester", id, { type: "submit" });
    expect(r.status).toBe(409);
    expect(r.json.error).toMatchObject({ code: "INVALID_TRANSITION", status: "requested" });
  });

  it("runs the flow to introduced, revealing the target's address only after consent", async () => {
    const id = await newIntro();
    expect(
      (await ev("introducer", id, { type: "forward_for_consent", note: "She's great" })).status,
    ).toBe(200);
    const before = await call("requester", "GET", `/api/intros/${id}`);
    expect(before.json.status).toBe("consent_requested");
    expect(before.json.target.email).toBeNull();
    expect(JSON.stringify(before.json)).not.toContain("maya@example.com");
    const asTarget = await call("target", "GET", `/api/intros/${id}`);
    expect(asTarget.json.requester.email).toBeNull();
    expect(JSON.stringify(asTarget.json)).not.toContain("alice@example.com");
    expect((await ev("target", id, { type: "accept" })).json.status).toBe("introduced");
    const after = await call("requester", "GET", `/api/intros/${id}`);
    expect(after.json.target.email).toBe("maya@example.com");
    const r = await ev("requester", id, { type: "reply_in_thread", movedIntroducerToBcc: true });
    expect(r.json).toMatchObject({ status: "connected", introducerMovedToBcc: true });
  });

  it("keeps the target's decline reason from the requester", async () => {
    const id = await newIntro();
    await ev("introducer", id, { type: "forward_for_consent" });
    await ev("target", id, { type: "decline", reason: "hiring freeze, sorry" });
    const asRequester = await call("requester", "GET", `/api/intros/${id}`);
    expect(asRequester.json.status).toBe("target_declined");
    expect(JSON.stringify(asRequester.json)).not.toContain("hiring freeze");
    const asIntroducer = await call("introducer", "GET", `/api/intros/${id}`);
    expect(asIntroducer.json.declineReason).toBe("hiring freeze, sorry");
  });
});

describe("who sees what: role × endpoint", () => {
  type Who = "requester" | "introducer" | "target" | "stranger" | "anonymous" | "badtoken";
  const WHO: Who[] = ["requester", "introducer", "target", "stranger", "anonymous", "badtoken"];
  const caller = (w: Who) => (w === "anonymous" ? null : w === "badtoken" ? "vch_forged" : w);

  // Expected HTTP status of GET /api/intros/:id, by the intro's stage.
  const READ: Record<string, Record<Who, number>> = {
    draft: {
      requester: 200,
      introducer: 404,
      target: 404,
      stranger: 404,
      anonymous: 401,
      badtoken: 401,
    },
    requested: {
      requester: 200,
      introducer: 200,
      target: 404,
      stranger: 404,
      anonymous: 401,
      badtoken: 401,
    },
    consent_requested: {
      requester: 200,
      introducer: 200,
      target: 200,
      stranger: 404,
      anonymous: 401,
      badtoken: 401,
    },
    introduced: {
      requester: 200,
      introducer: 200,
      target: 200,
      stranger: 404,
      anonymous: 401,
      badtoken: 401,
    },
  };

  async function introAt(stage: string) {
    const id = await newIntro(stage === "draft" ? { draft: true } : {});
    if (stage === "consent_requested" || stage === "introduced") {
      await ev("introducer", id, { type: "forward_for_consent" });
    }
    if (stage === "introduced") await ev("target", id, { type: "accept" });
    return id;
  }

  for (const stage of Object.keys(READ)) {
    for (const who of WHO) {
      it(`${who} reading a ${stage} intro gets ${READ[stage]?.[who]}`, async () => {
        const id = await introAt(stage);
        const r = await call(caller(who), "GET", `/api/intros/${id}`);
        expect(r.status).toBe(READ[stage]?.[who]);
        const text = JSON.stringify(r.json);
        if (r.status !== 200) {
          expect(text).not.toContain("Maya");
          // Nor does the list show it, in any role (a target not yet asked, say).
          if (r.status === 404) {
            const list = await call(caller(who), "GET", "/api/intros?limit=500");
            expect(list.json.some((i: { id: string }) => i.id === id)).toBe(false);
          }
          return;
        }
        const consented = stage === "introduced";
        if (who === "requester") expect(text.includes("maya@example.com")).toBe(consented);
        if (who === "target") expect(text.includes("alice@example.com")).toBe(consented);
        // The list endpoint agrees with the read endpoint.
        const list = await call(caller(who), "GET", "/api/intros?limit=500");
        expect(list.json.some((i: { id: string }) => i.id === id)).toBe(true);
      });
    }
  }

  it("lists nothing of other people's intros", async () => {
    await introAt("introduced");
    const r = await call("stranger", "GET", "/api/intros");
    expect(r.status).toBe(200);
    expect(r.json).toEqual([]);
    expect((await call(null, "GET", "/api/intros")).status).toBe(401);
  });

  // Who may send which event at the `requested` stage (after the introducer is asked).
  const EVENTS: Array<[string, Record<string, unknown>, Partial<Record<Who, number>>]> = [
    [
      "forward_for_consent",
      { type: "forward_for_consent" },
      { requester: 409, introducer: 200, target: 404, stranger: 404, anonymous: 401 },
    ],
    [
      "ask_for_changes",
      { type: "ask_for_changes", note: "more detail" },
      { requester: 409, introducer: 200, target: 404, stranger: 404 },
    ],
    [
      "decline",
      { type: "decline" },
      { requester: 409, introducer: 200, target: 404, stranger: 404 },
    ],
    [
      "withdraw",
      { type: "withdraw" },
      { requester: 200, introducer: 409, target: 404, stranger: 404, badtoken: 401 },
    ],
    ["accept", { type: "accept" }, { requester: 409, introducer: 409, target: 404, stranger: 404 }],
  ];
  for (const [name, body, expected] of EVENTS) {
    for (const [who, status] of Object.entries(expected) as Array<[Who, number]>) {
      it(`${who} sending ${name} on a requested intro gets ${status}`, async () => {
        const id = await introAt("requested");
        const r = await ev(caller(who) as string, id, body);
        expect(r.status).toBe(status);
        const after = await call("requester", "GET", `/api/intros/${id}`);
        if (status !== 200) expect(after.json.status).toBe("requested");
      });
    }
  }

  it("lets only the target answer a consent request", async () => {
    const id = await introAt("consent_requested");
    for (const who of ["requester", "introducer", "stranger"] as const) {
      const r = await ev(who, id, { type: "accept" });
      expect(r.status).toBe(who === "stranger" ? 404 : 409);
    }
    expect((await ev("target", id, { type: "accept" })).status).toBe(200);
  });
});
