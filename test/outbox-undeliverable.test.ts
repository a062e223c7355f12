// Mail that can never be delivered fails at once, with its reason; only what may get better
// (a 4xx, an unreachable relay) backs off. Over a real SMTP socket on 127.0.0.1.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { AppDeps } from "../src/app/deps.ts";
import { drainOutbox } from "../src/jobs/outbox-worker.ts";
import { type MailTransport, relayTransport } from "../src/mail/outbound/transport.ts";
import type { NewOutboxMessage } from "../src/store/store.ts";
import { testDeps } from "./support/app.ts";
import { openTestDb, type TestDb } from "./support/databases.ts";
import { startSink } from "./support/mail-sink.ts";

let db: TestDb;
let deps: AppDeps;
let sink: Awaited<ReturnType<typeof startSink>>;
let relay: MailTransport;

beforeAll(async () => {
  sink = await startSink();
  relay = relayTransport(sink.url);
});
afterAll(async () => {
  relay.close();
  await sink.close();
});
beforeEach(async () => {
  db = await openTestDb("sqlite");
  deps = testDeps(db.store);
  sink.messages.length = 0;
  sink.state.reject = undefined;
});
afterEach(() => db.drop());

let n = 0;
/** A queued message as a row would hold it (written straight to the store, past every check). */
function message(over: Partial<NewOutboxMessage> = {}): NewOutboxMessage {
  n++;
  return {
    id: `ob_test_${n}`,
    introId: null,
    messageId: `<test-${n}@vouch.localhost>`,
    template: "magic_link",
    thread: "notice",
    from: { name: "Vouch", email: "intros@vouch.localhost" },
    to: [{ name: "Maya", email: "maya@example.com" }],
    cc: [],
    replyTo: null,
    inReplyTo: null,
    references: [],
    subject: "Hello",
    text: "Hello",
    html: "<p>Hello</p>",
    headers: {},
    ics: null,
    category: null,
    ...over,
  };
}

async function queue(m: NewOutboxMessage) {
  await db.store.enqueue([m], deps.now());
  return m.id;
}
const row = async (id: string) => (await db.store.listOutbox({})).find((m) => m.id === id);

describe("mail that can never be delivered", () => {
  it.each([
    ["an invalid address", { to: [{ name: "Maya", email: "maya@exa mple.com" }] }, /address/i],
    [
      "an address with a line break",
      { to: [{ name: "Maya", email: "maya@example.com\r\nRCPT TO:<eve@evil.test>" }] },
      /line break|address/i,
    ],
    [
      "a line break in a name",
      { to: [{ name: "Maya\r\nBcc: eve@evil.test", email: "maya@example.com" }] },
      /line break/i,
    ],
    ["a line break in the subject", { subject: "Hello\r\nBcc: eve@evil.test" }, /line break/i],
    [
      "a line break in a header",
      { headers: { "List-Id": "x\r\nBcc: eve@evil.test" } },
      /line break/i,
    ],
    ["no recipient at all", { to: [], cc: [] }, /recipient/i],
  ] as const)("is marked failed at once with the reason: %s", async (_what, over, why) => {
    const id = await queue(message(over as Partial<NewOutboxMessage>));
    const r = await drainOutbox(deps, relay);
    expect(r).toMatchObject({ sent: 0, retried: 0, failed: 1 });
    const stored = await row(id);
    expect(stored?.status).toBe("failed");
    expect(stored?.lastError).toMatch(why);
    expect(sink.messages).toHaveLength(0);
  });

  it("is failed when the relay refuses the recipient for good (5xx)", async () => {
    sink.state.reject = { code: 553, message: "5.1.3 Bad recipient address syntax" };
    const id = await queue(message());
    expect(await drainOutbox(deps, relay)).toMatchObject({ failed: 1, retried: 0 });
    expect((await row(id))?.lastError).toContain("Bad recipient address syntax");
  });
});

describe("mail that may yet be delivered", () => {
  it("backs off on a 4xx", async () => {
    sink.state.reject = { code: 451, message: "4.3.0 Try again later" };
    const id = await queue(message());
    expect(await drainOutbox(deps, relay)).toMatchObject({ retried: 1, failed: 0 });
    const stored = await row(id);
    expect(stored?.status).toBe("pending");
    expect(stored?.lastError).toContain("Try again later");
  });

  it("backs off while the relay cannot be reached", async () => {
    const closed = await startSink();
    await closed.close();
    const down = relayTransport(closed.url);
    try {
      const id = await queue(message());
      expect(await drainOutbox(deps, down)).toMatchObject({ retried: 1, failed: 0 });
      expect((await row(id))?.status).toBe("pending");
    } finally {
      down.close();
    }
  });

  it("sends a valid message", async () => {
    await queue(message());
    expect(await drainOutbox(deps, relay)).toMatchObject({ sent: 1 });
    expect(sink.messages).toHaveLength(1);
  });
});
