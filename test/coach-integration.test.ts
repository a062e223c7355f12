// The coach wherever a request is written: the API refuses what it finds an error in (422), the
// CLI exits non-zero, an introducer's minimum score is enforced, and nothing half-done is stored.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiHarness, apiHarness } from "./support/api.ts";
import { vouch } from "./support/cli.ts";

const GOOD = `Hey Jane, could you introduce me to Maya? You can simply CC them, thanks!

Hey Maya,

I'd greatly appreciate a chance to chat with you about building a career in Tech. I'd love to understand your experiences at Snapchat, Instagram and SpaceX to help me weigh startups against big companies.

Would a quick 20 min coffee work for you this Friday afternoon at 3pm? Can also do a phone call / anything you'd prefer.

About me:
- Full-stack engineer with a background in web and mobile.
- Recent grad from Internet University.

Regards,
Alice
https://alicepersonalwebsite.com`;

// The seed's anti-pattern: a paragraph about yourself, asking them to forward it to people they know.
const SPRAY = `Hi Jane,

I'm a recent grad looking for software engineering roles. I've built a note-taking app and I love web and mobile work. Could you forward this to anyone you know who might be hiring? Thanks!

Alice`;

let h: ApiHarness;
let call: ApiHarness["call"];
beforeAll(async () => {
  h = await apiHarness({ alice: "alice@example.com", jane: "jane@example.com" });
  call = h.call;
});
afterAll(() => h.db.drop());

const create = (request: string) =>
  call("alice", "POST", "/api/intros", {
    requester: { name: "Alice" },
    introducer: { name: "Jane", email: "jane@example.com" },
    target: { name: "Maya", email: "maya@example.com" },
    request,
    targetProfile: { companies: ["Snapchat", "Instagram", "SpaceX"] },
  });

describe("the coach guards every way in", () => {
  it("checks a request through the API", async () => {
    const r = await call("alice", "POST", "/api/requests/check", { request: SPRAY });
    expect(r.status).toBe(200);
    expect(r.json.findings.map((f: { rule: string }) => f.rule)).toContain("no-target");
    const good = await call("alice", "POST", "/api/requests/check", {
      request: GOOD,
      targetProfile: { companies: ["Snapchat", "Instagram", "SpaceX"] },
    });
    expect(good.json.findings.filter((f: { severity: string }) => f.severity !== "tip")).toEqual(
      [],
    );
  });

  it("refuses to submit a request with an error, with the findings, storing nothing", async () => {
    const r = await create(SPRAY);
    expect(r.status).toBe(422);
    expect(r.json.error.code).toBe("REQUEST_REJECTED");
    expect(r.json.error.findings.some((f: { rule: string }) => f.rule === "no-target")).toBe(true);
    expect((await call("alice", "GET", "/api/intros")).json).toEqual([]);
    expect(await h.db.store.listOutbox({})).toEqual([]);
  });

  it("submits a good request, and shows the coach's report to the requester", async () => {
    const r = await create(GOOD);
    expect(r.status).toBe(201);
    expect(r.json.coach.score).toBeGreaterThanOrEqual(80);
  });

  it("enforces the introducer's minimum score", async () => {
    expect(
      (await call("jane", "PUT", "/api/me/preferences", { minRequestScore: 101 })).status,
    ).toBe(400);
    const set = await call("jane", "PUT", "/api/me/preferences", { minRequestScore: 100 });
    expect(set.json).toEqual({
      minRequestScore: 100,
      mutedCategories: [],
      timeZone: null,
      paused: false,
      monthlyMax: null,
      topics: [],
      introduceFrom: "relay",
      // No profile yet (issue 15).
      displayName: null,
      bio: null,
      website: null,
      linkedin: null,
    });
    expect(
      (await call("jane", "PUT", "/api/me/preferences", { timeZone: "Mars/Olympus" })).status,
    ).toBe(400);
    const tz = await call("jane", "PUT", "/api/me/preferences", { timeZone: "Europe/Paris" });
    expect(tz.json.timeZone).toBe("Europe/Paris");
    const thin = GOOD.replace("Can also do a phone call / anything you'd prefer.", "");
    const r = await create(thin);
    expect(r.status).toBe(422);
    expect(r.json.error).toMatchObject({ code: "REQUEST_REJECTED", minScore: 100 });
    await call("jane", "PUT", "/api/me/preferences", { minRequestScore: null });
    expect((await create(thin)).status).toBe(201);
  });

  it("checks a revision too: a revised request with an error stays with the requester", async () => {
    const { json } = await create(GOOD);
    await call("jane", "POST", `/api/intros/${json.id}/events`, {
      type: "ask_for_changes",
      note: "Say why Maya",
    });
    const bad = await call("alice", "POST", `/api/intros/${json.id}/events`, {
      type: "revise",
      request: SPRAY,
    });
    expect(bad.status).toBe(422);
    expect((await call("alice", "GET", `/api/intros/${json.id}`)).json.status).toBe(
      "changes_requested",
    );
    const ok = await call("alice", "POST", `/api/intros/${json.id}/events`, {
      type: "revise",
      request: GOOD,
    });
    expect(ok.json.status).toBe("requested");
  });

  it("makes vouch intro create exit non-zero with one line", async () => {
    const file = join(h.db.dataDir, "spray.txt");
    writeFileSync(file, SPRAY);
    const r = await vouch(
      [
        "intro",
        "create",
        "--requester",
        "Alice <alice@example.com>",
        "--introducer",
        "Jane <jane@example.com>",
        "--target",
        "Maya",
        "--request-file",
        file,
        "--json",
      ],
      // No server has run here: the links' address is given, so the coach is what refuses.
      { VOUCH_DATA_DIR: h.db.dataDir, VOUCH_PUBLIC_URL: "http://localhost:3000" },
    );
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(/^vouch: The request is not ready to send: /);
  });
});
