// The limits of INTERFACES.md and the refusal of invisible characters, held the same way by every
// way in: the API (and its OpenAPI document), the web forms (maxlength), email intake and the CLI.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { readIntro } from "../src/app/read-intros.ts";
import { receiveMail } from "../src/app/receive-mail.ts";
import { LIMITS } from "../src/domain/text-limits.ts";
import { type ApiHarness, apiHarness } from "./support/api.ts";
import { vouch } from "./support/cli.ts";
import { withMailauth } from "./support/dns.ts";
import { SEED_FILE, SEED_REQUEST } from "./support/seed.ts";
import { signIn, type WebClient } from "./web/support.ts";
import { seedFields } from "./web/web-fixtures.ts";

const RLO = "\u202E";
const ZWSP = "\u200B";
let h: ApiHarness;
let alice: WebClient;

beforeAll(async () => {
  h = await apiHarness({ alice: "alice@example.com", jane: "jane@example.com" });
  alice = await signIn(h.app, h.deps, "alice@example.com", "10.0.0.1");
});
afterAll(() => h.db.drop());

const create = (over: Record<string, unknown>) =>
  h.call("alice", "POST", "/api/intros", {
    requester: { name: "Alice" },
    introducer: { name: "Jane", email: "jane@example.com" },
    target: { name: "Maya" },
    request: SEED_REQUEST,
    draft: true,
    ...over,
  });

describe("the API", () => {
  it.each([
    ["target.name", { target: { name: `Maya${RLO}gnp.exe` } }],
    ["introducer.name", { introducer: { name: `Ja${ZWSP}ne`, email: "jane@example.com" } }],
    ["requester.name", { requester: { name: "Alice\u0007" } }],
    ["subject", { subject: `REQUEST: intro ${RLO}Maya` }],
    ["target.name", { target: { name: "M".repeat(LIMITS.name + 1) } }],
    ["subject", { subject: "S".repeat(LIMITS.subject + 1) }],
    ["request", { request: `${SEED_REQUEST}${" ".repeat(LIMITS.requestText)}` }],
  ])("refuses a bad %s with 400 INVALID_INPUT naming it", async (field, over) => {
    const r = await create(over);
    expect(r.status).toBe(400);
    expect(r.json.error).toMatchObject({ code: "INVALID_INPUT", field });
    expect(r.json.error.message).toMatch(/^The /);
  });

  it("stores names in NFC", async () => {
    const r = await create({ target: { name: "Mai\u0308a" } });
    expect(r.status).toBe(201);
    expect(r.json.target.name).toBe("Maïa");
  });

  it("refuses an event's note over 2,000 characters, naming it", async () => {
    const c = await create({ draft: false });
    expect(c.status).toBe(201);
    const r = await h.call("jane", "POST", `/api/intros/${c.json.id}/events`, {
      type: "decline",
      reason: "r".repeat(LIMITS.note + 1),
    });
    expect(r.status).toBe(400);
    expect(r.json.error).toMatchObject({ code: "INVALID_INPUT", field: "reason" });
    const v = await readIntro(h.deps, c.json.id, { operator: true });
    expect(v.status).toBe("requested");
  });

  it("shows every limit as maxLength in the OpenAPI document", async () => {
    const doc = (await h.call(null, "GET", "/api/openapi.json")).json;
    const s = doc.components.schemas;
    expect(s.PersonIn.properties.name.maxLength).toBe(LIMITS.name);
    expect(s.CreateIntro.properties.target.properties.name.maxLength).toBe(LIMITS.name);
    expect(s.CreateIntro.properties.subject.maxLength).toBe(LIMITS.subject);
    expect(s.CreateIntro.properties.request.maxLength).toBe(LIMITS.requestText);
    const decline = s.IntroEvent.oneOf.find(
      (o: { properties: { type: { enum: string[] } } }) => o.properties.type.enum[0] === "decline",
    );
    expect(decline.properties.reason.maxLength).toBe(LIMITS.note);
  });

  it("refuses a bearer token longer than any real one without looking it up", async () => {
    const find = vi.spyOn(h.deps.store, "findApiToken");
    const r = await h.call(`vch_${"a".repeat(300_000)}`, "GET", "/api/intros");
    expect(r.status).toBe(401);
    expect(r.json.error.code).toBe("UNAUTHENTICATED");
    expect(find).not.toHaveBeenCalled();
    find.mockRestore();
  });
});

describe("the web forms", () => {
  it("carry maxlength on the composer's fields", async () => {
    const page = (await alice.get("/requests/new")).text;
    expect(page).toMatch(new RegExp(`name="yourName"[^>]*maxlength="${LIMITS.name}"`));
    expect(page).toMatch(new RegExp(`name="targetName"[^>]*maxlength="${LIMITS.name}"`));
    expect(page).toMatch(new RegExp(`name="ask"[^>]*maxlength="${LIMITS.requestText}"`));
  });

  it("refuse an invisible character in a name with the validator's message", async () => {
    const r = await alice.post("/requests/new", {
      do: "send",
      ...seedFields({ targetName: `Maya${RLO}` }),
    });
    expect(r.status).toBe(422);
    expect(r.text).toContain("The target&#39;s name contains an invisible or control character");
  });

  it("carry maxlength on the notes of an intro's page", async () => {
    const c = await create({ draft: false });
    const jane = await signIn(h.app, h.deps, "jane@example.com", "10.0.0.2");
    const page = (await jane.get(`/intros/${c.json.id}`)).text;
    const notes = [...page.matchAll(/<textarea[^>]*name="(note|reason)"[^>]*>/g)];
    expect(notes.length).toBeGreaterThan(0);
    for (const [tag] of notes) expect(tag).toContain(`maxlength="${LIMITS.note}"`);
  });
});

describe("email intake", () => {
  it("answers a request whose sender's name hides a bidi override, and starts nothing", async () => {
    const raw = [
      `From: "Alice${RLO}" <alice.mail@example.com>`,
      "To: Jane <jane.mail@example.com>",
      "Cc: intros@vouch.localhost",
      "Subject: REQUEST: intro Maya <> Alice",
      "Message-ID: <bidi-1@example.com>",
      "Date: Tue, 01 Dec 2026 10:00:00 +0000",
      "Content-Type: text/plain; charset=utf-8",
      "",
      SEED_REQUEST,
    ].join("\r\n");
    // From 127.0.0.1, which example.com's SPF allows: the sender authenticates, so is answered.
    const r = await receiveMail(withMailauth(h.deps), {
      channel: "smtp",
      mailFrom: "alice.mail@example.com",
      rcptTo: ["intros@vouch.localhost"],
      remote: { ip: "127.0.0.1", helo: "mail.example.com" },
      raw: Buffer.from(raw),
    });
    expect(r.status).toBe("rejected");
    const reply = (await h.deps.store.listOutbox({})).find(
      (m) => m.to[0]?.email === "alice.mail@example.com",
    );
    expect(reply?.text).toContain("contains an invisible or control character (U+202E)");
    expect(await h.deps.store.listIntros({ email: "alice.mail@example.com" })).toEqual([]);
  });
});

describe("the CLI", () => {
  it("refuses a name with a zero-width character in one line, exiting non-zero", async () => {
    const r = await vouch(
      [
        "intro",
        "create",
        "--requester",
        `Al${ZWSP}ice <alice@example.com>`,
        "--introducer",
        "Jane <jane@example.com>",
        "--target",
        "Maya",
        "--request-file",
        SEED_FILE,
      ],
      { VOUCH_DATA_DIR: h.db.dataDir },
    );
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe(
      "vouch: The --requester field contains an invisible or control character (U+200B), which is not allowed\n",
    );
  });
});
