// Proposing times through the JSON API holds links and times to the web form's rules: only https
// scheduling links without credentials, a few and short; only times still ahead. A refusal is
// 400 INVALID_INPUT naming the bad item, and nothing is stored or sent.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiHarness, apiHarness } from "./support/api.ts";
import { SEED_REQUEST } from "./support/seed.ts";

let h: ApiHarness;
let id = "";
// testDeps' clock: 2026-12-01T10:00:00Z.
const AHEAD = "2026-12-03T14:00:00Z";

beforeAll(async () => {
  h = await apiHarness({
    requester: "alice@example.com",
    introducer: "jane@example.com",
    target: "maya@example.com",
  });
  const r = await h.call("requester", "POST", "/api/intros", {
    requester: { name: "Alice" },
    introducer: { name: "Jane", email: "jane@example.com" },
    target: { name: "Maya", email: "maya@example.com" },
    request: SEED_REQUEST,
  });
  id = r.json.id;
  await propose("introducer", { type: "forward_for_consent" });
  expect((await propose("target", { type: "accept" })).json.status).toBe("introduced");
});
afterAll(() => h.db.drop());

function propose(who: string, body: Record<string, unknown>) {
  return h.call(who, "POST", `/api/intros/${id}/events`, body);
}

/** Nothing of a refused proposal was kept, and no offer was queued. */
async function expectNothingProposed() {
  const intro = await h.db.store.getIntro(id);
  expect(intro?.proposedTimes).toEqual([]);
  expect(intro?.schedulingLinks).toEqual([]);
  expect(intro?.status).toBe("introduced");
  const offers = (await h.db.store.listOutbox({ introId: id })).filter(
    (m) => m.template === "proposed_times",
  );
  expect(offers).toEqual([]);
}

describe("propose_times through the API", () => {
  it.each([
    ["an http link", ["http://cal.com/alice/30"]],
    ["a javascript: link", ["javascript:alert(1)"]],
    ["a link with a user and password", ["https://alice:secret@cal.com/alice/30"]],
    ["a link with a user name", ["https://alice@cal.com/alice/30"]],
    ["a link over 500 characters", [`https://cal.com/${"x".repeat(500)}`]],
    ["a bad second link", ["https://cal.com/alice/30", "ftp://cal.com/alice"]],
  ])("refuses %s, naming it", async (_, links) => {
    const r = await propose("requester", { type: "propose_times", times: [AHEAD], links });
    expect(r.status).toBe(400);
    const bad = links.findIndex((l) => !l.startsWith("https://cal.com/alice/30"));
    expect(r.json.error).toMatchObject({ code: "INVALID_INPUT", field: `links.${bad}` });
    await expectNothingProposed();
  });

  it("refuses more than five links", async () => {
    const links = [1, 2, 3, 4, 5, 6].map((n) => `https://cal.com/alice/${n}`);
    const r = await propose("requester", { type: "propose_times", links });
    expect(r.status).toBe(400);
    expect(r.json.error).toMatchObject({ code: "INVALID_INPUT", field: "links" });
    await expectNothingProposed();
  });

  it("refuses a time already past (or now), naming it", async () => {
    for (const [times, field] of [
      [["2026-11-30T10:00:00Z"], "times.0"],
      [[AHEAD, "2026-12-01T10:00:00Z"], "times.1"],
    ] as const) {
      const r = await propose("target", { type: "propose_times", times });
      expect(r.status).toBe(400);
      expect(r.json.error).toMatchObject({ code: "INVALID_INPUT", field });
      expect(r.json.error.message).toContain("already passed");
    }
    await expectNothingProposed();
  });

  it("refuses a proposal with neither a time nor a link", async () => {
    for (const body of [{}, { times: [] }, { times: [], links: [] }]) {
      const r = await propose("requester", { type: "propose_times", ...body });
      expect(r.status).toBe(400);
      expect(r.json.error).toMatchObject({ code: "INVALID_INPUT", field: "times" });
    }
    await expectNothingProposed();
    const events = (await h.db.store.listEvents(id)).map((e) => e.type);
    expect(events).not.toContain("propose_times");
  });

  it("takes https links and future times, the links normalised, and offers them", async () => {
    const r = await propose("requester", {
      type: "propose_times",
      times: [AHEAD],
      links: [" https://Cal.com/alice/30 "],
    });
    expect(r.status).toBe(200);
    const intro = await h.db.store.getIntro(id);
    expect(intro?.proposedTimes).toEqual([AHEAD]);
    expect(intro?.schedulingLinks).toEqual(["https://cal.com/alice/30"]);
    const [offer] = (await h.db.store.listOutbox({ introId: id })).filter(
      (m) => m.template === "proposed_times",
    );
    expect(offer?.text).toContain("https://cal.com/alice/30");
  });
});
