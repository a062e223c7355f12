// The whole flow from the mailbox side, over real SMTP on 127.0.0.1: replies are events.
import nodemailer, { type SendMailOptions, type Transporter } from "nodemailer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppDeps } from "../src/app/deps.ts";
import { readIntro } from "../src/app/read-intros.ts";
import { type InboundDeps, receiveMail } from "../src/app/receive-mail.ts";
import { drainOutbox } from "../src/jobs/outbox-worker.ts";
import { mailauthChecker } from "../src/mail/inbound/authenticity.ts";
import { startSmtpListener } from "../src/mail/inbound/smtp-listener.ts";
import { relayTransport } from "../src/mail/outbound/transport.ts";
import { testDeps } from "./support/app.ts";
import { vouch } from "./support/cli.ts";
import { openTestDb, type TestDb } from "./support/databases.ts";
import { startSink } from "./support/mail-sink.ts";
import { SEED_REQUEST } from "./support/seed.ts";

// DNS as the tests want it: example.com's SPF allows 127.0.0.1 unless `spoof` is on, and its
// DMARC policy is reject, so a message from 127.0.0.1 fails DMARC while spoofing.
const dns = { spoof: false };
const resolver = async (name: string, type: string) => {
  if (type === "TXT" && name === "example.com")
    return [[dns.spoof ? "v=spf1 -all" : "v=spf1 ip4:127.0.0.1 -all"]];
  if (type === "TXT" && name === "_dmarc.example.com") return [["v=DMARC1; p=reject"]];
  throw Object.assign(new Error(`no ${type} for ${name}`), { code: "ENOTFOUND" });
};

let db: TestDb;
let deps: InboundDeps;
let sink: Awaited<ReturnType<typeof startSink>>;
let listener: Awaited<ReturnType<typeof startSmtpListener>>;
let client: Transporter;
const clock = { now: new Date("2026-12-01T10:00:00.000Z") };

beforeAll(async () => {
  db = await openTestDb("sqlite");
  const base: AppDeps = testDeps(db.store, clock);
  deps = { ...base, authenticate: mailauthChecker({ mta: "vouch.localhost", resolver }) };
  sink = await startSink();
  listener = await startSmtpListener({
    host: "127.0.0.1",
    port: 0,
    mailDomain: "vouch.localhost",
    maxBytes: 200_000,
    onMessage: async (a) => {
      await receiveMail(deps, a);
    },
  });
  client = nodemailer.createTransport({
    host: "127.0.0.1",
    port: listener.port,
    secure: false,
    ignoreTLS: true,
  });
});
afterAll(async () => {
  client.close();
  await listener.close();
  await sink.close();
  await db.drop();
});

/** Sends mail to Vouch's SMTP listener with an explicit envelope (BCC lives only there). */
function deliver(m: SendMailOptions & { envelope: { from: string; to: string[] } }) {
  return client.sendMail(m);
}

async function flush() {
  const relay = relayTransport(sink.url);
  await drainOutbox(deps, relay);
  relay.close();
}
const lastTo = (addr: string) => sink.messages.filter((m) => m.rcptTo.includes(addr)).at(-1);

describe("the flow from the mailbox", () => {
  let introId = "";
  let thread = "";

  it("1. the requester emails the introducer with intros@ in BCC", async () => {
    await deliver({
      from: "Alice <alice@example.com>",
      to: "Jane <jane@example.com>",
      subject: "REQUEST: intro Maya <> Alice",
      text: SEED_REQUEST,
      messageId: "<alice-1@example.com>",
      envelope: { from: "alice@example.com", to: ["intros@vouch.localhost"] },
    });
    const [intro] = await db.store.listIntros({});
    expect(intro).toMatchObject({
      status: "requested",
      requester: { email: "alice@example.com" },
      introducer: { email: "jane@example.com" },
      target: { name: "Maya", email: null },
    });
    introId = intro?.id ?? "";
    thread = `intros+${intro?.threadToken}@vouch.localhost`;
    await flush();
    expect(lastTo("jane@example.com")?.parsed.subject).toBe("REQUEST: intro Maya <> Alice");
  });

  it("2. the introducer replies 'sure' with the target's address", async () => {
    const toJane = lastTo("jane@example.com");
    await deliver({
      from: "Jane <jane@example.com>",
      to: thread,
      subject: "Re: REQUEST: intro Maya <> Alice",
      text: `Sure, I'll ask her! Her address is maya@example.com.\n\nOn Tue, Dec 1, 2026 Alice via Vouch wrote:\n> Hey Jane, could you introduce me to Maya?`,
      inReplyTo: toJane?.headers["message-id"],
      references: toJane?.headers["message-id"],
      messageId: "<jane-1@example.com>",
      envelope: { from: "jane@example.com", to: [thread] },
    });
    const intro = await readIntro(deps, introId, { operator: true });
    expect(intro.status).toBe("consent_requested");
    expect(intro.target.email).toBe("maya@example.com");
    await flush();
    const ask = lastTo("maya@example.com");
    expect(ask?.parsed.subject).toBe("Would you like an intro to Alice?");
    expect(ask?.raw).not.toContain("alice@example.com");
  });

  it("an out-of-office reply changes nothing and is never answered", async () => {
    const before = sink.messages.length;
    await deliver({
      from: "Maya <maya@example.com>",
      to: thread,
      subject: "Automatic reply: Would you like an intro to Alice?",
      text: "I'm out of the office until Monday with limited access to email.",
      headers: { "Auto-Submitted": "auto-replied" },
      messageId: "<maya-ooo@example.com>",
      envelope: { from: "maya@example.com", to: [thread] },
    });
    await flush();
    expect((await db.store.getIntro(introId))?.status).toBe("consent_requested");
    expect(sink.messages.length).toBe(before);
    const [stored] = await db.store.listInbound({ status: "ignored" });
    expect(stored?.messageId).toBe("<maya-ooo@example.com>");
  });

  it("a spoofed yes (DMARC fails for the target's domain) is not consent: asked again with buttons", async () => {
    dns.spoof = true;
    await deliver({
      from: "Maya <maya@example.com>",
      to: thread,
      subject: "Re: Would you like an intro to Alice?",
      text: "Happy to chat!",
      messageId: "<spoof-1@evil.test>",
      envelope: { from: "maya@example.com", to: [thread] },
    });
    dns.spoof = false;
    expect((await db.store.getIntro(introId))?.status).toBe("consent_requested");
    await flush();
    const again = lastTo("maya@example.com");
    expect(again?.parsed.text).toMatch(/couldn't confirm it really came from your mailbox/);
    expect(again?.parsed.text).toMatch(/Yes, introduce us: http:\/\/localhost:3000\/a\//);
  });

  it("3-4. the target replies 'happy to chat' and the intro goes out; a duplicate changes nothing", async () => {
    const reply = {
      from: "Maya <maya@example.com>",
      to: thread,
      subject: "Re: Would you like an intro to Alice?",
      text: "Happy to chat!\n\nOn Tue, Jane via Vouch wrote:\n> Would you like an intro to Alice?",
      messageId: "<maya-yes@example.com>",
      envelope: { from: "maya@example.com", to: [thread] },
    };
    await deliver(reply);
    expect((await db.store.getIntro(introId))?.status).toBe("introduced");
    await deliver(reply); // the same Message-ID, delivered again
    const events = (await readIntro(deps, introId, { operator: true })).events.filter(
      (e) => e.type === "accept",
    );
    expect(events).toHaveLength(1);
    expect((await db.store.listInbound({ status: "duplicate" })).map((m) => m.messageId)).toEqual([
      "<maya-yes@example.com>",
    ]);
    const before = sink.messages.length;
    await flush();
    const sent = sink.messages.slice(before);
    const intro = sent.find((m) => m.parsed.cc?.length);
    expect(intro?.rcptTo.sort()).toEqual(["alice@example.com", "maya@example.com"]);
    expect(intro?.parsed.cc?.map((a) => a.address)).toEqual(["alice@example.com"]);
    expect(intro?.parsed.subject).toBe("Re: REQUEST: intro Maya <> Alice");
    // The request proposed "this Friday afternoon … 3pm": Maya, and only she, can now confirm it.
    const offer = sent.find((m) => m !== intro);
    expect(offer?.rcptTo).toEqual(["maya@example.com"]);
    expect(offer?.parsed.text).toMatch(/^Confirm Fri 4 Dec, 15:00: http\S+\/a\/\S+$/m);
    expect(sent).toHaveLength(2);
  });

  it("5-6. the requester replies with the introducer moved to BCC: connected, recorded", async () => {
    const before = sink.messages.length;
    await deliver({
      from: "Alice <alice@example.com>",
      to: "Maya <maya@example.com>",
      subject: "Re: REQUEST: intro Maya <> Alice",
      // No References and no "moved to BCC" in the words: only the envelope tells Vouch that
      // Jane is in BCC (and which intro this is).
      text: "Thanks for the intro Jane!\n\nThanks Maya, great to meet you! Would Thursday at 9am or Friday at 2pm suit you?\n\n-- Alice",
      messageId: "<alice-2@example.com>",
      // Maya's copy goes to her directly; Vouch gets the BCC copy.
      envelope: { from: "alice@example.com", to: [thread] },
    });
    const v = await readIntro(deps, introId, { operator: true });
    expect(v.status).toBe("connected");
    expect(v.introducerMovedToBcc).toBe(true);
    await flush();
    // Relayed to Jane only (she sees this one message); Maya already had it. Maya also gets
    // the times Alice proposed, each with a one-click confirm; Jane, now in BCC, does not.
    const relayed = sink.messages.slice(before);
    expect(relayed.map((m) => m.rcptTo)).toEqual([["jane@example.com"], ["maya@example.com"]]);
    expect(relayed[0]?.parsed.text).toContain("Thanks for the intro Jane!");
    expect(relayed[1]?.parsed.text).toMatch(/^Confirm Thu 3 Dec, 09:00: http\S+\/a\/\S+$/m);
    expect(relayed[1]?.parsed.text).toMatch(/^Confirm Fri 4 Dec, 14:00: http\S+\/a\/\S+$/m);

    // After that, the introducer is out of the thread: Maya's answer is not relayed to Jane.
    const n = sink.messages.length;
    await deliver({
      from: "Maya <maya@example.com>",
      to: thread,
      subject: "Re: REQUEST: intro Maya <> Alice",
      text: "Great to meet you too, Alice! Let me check my calendar.",
      messageId: "<maya-2@example.com>",
      envelope: { from: "maya@example.com", to: [thread] },
    });
    await flush();
    expect(sink.messages.slice(n).map((m) => m.rcptTo)).toEqual([["alice@example.com"]]);
    expect((await readIntro(deps, introId, { operator: true })).proposedTimes).toContain(
      "2026-12-03T09:00:00+00:00",
    );
  });

  it("a reply that settles a proposed time schedules the meeting and sends the invite", async () => {
    const n = sink.messages.length;
    await deliver({
      from: "Maya <maya@example.com>",
      to: thread,
      subject: "Re: REQUEST: intro Maya <> Alice",
      text: "Thursday at 9am works for me, see you then!",
      messageId: "<maya-3@example.com>",
      envelope: { from: "maya@example.com", to: [thread] },
    });
    const v = await readIntro(deps, introId, { operator: true });
    expect(v.status).toBe("scheduled");
    expect(v.meeting).toMatchObject({
      start: "2026-12-03T09:00:00.000Z",
      end: "2026-12-03T09:30:00.000Z",
    });
    await flush();
    const invite = sink.messages.slice(n).find((m) => m.raw.includes("METHOD:REQUEST"));
    expect(invite?.rcptTo.sort()).toEqual(["alice@example.com", "maya@example.com"]);
  });

  it("quarantines mail from a non-participant to a thread address", async () => {
    await deliver({
      from: "Eve <eve@example.org>",
      to: thread,
      subject: "Re: REQUEST: intro Maya <> Alice",
      text: "Yes! Introduce us.",
      messageId: "<eve-1@example.org>",
      envelope: { from: "eve@example.org", to: [thread] },
    });
    const [q] = await db.store.listInbound({ status: "quarantined" });
    expect(q?.messageId).toBe("<eve-1@example.org>");
  });
});

describe("the SMTP listener", () => {
  it("answers 550 for other domains and 552 over the size limit, storing nothing", async () => {
    const before = (await db.store.listInbound({ limit: 1000 })).length;
    await expect(
      deliver({
        from: "a@example.com",
        to: "b@elsewhere.test",
        text: "hi",
        envelope: { from: "a@example.com", to: ["b@elsewhere.test"] },
      }),
    ).rejects.toMatchObject({ responseCode: 550 });
    await expect(
      deliver({
        from: "a@example.com",
        to: "intros@vouch.localhost",
        text: "x".repeat(300_000),
        envelope: { from: "a@example.com", to: ["intros@vouch.localhost"] },
      }),
    ).rejects.toMatchObject({ responseCode: 552 });
    expect((await db.store.listInbound({ limit: 1000 })).length).toBe(before);
  });

  it("tells an intake sender exactly what is missing, and keeps the message", async () => {
    const before = sink.messages.length;
    await deliver({
      from: "Bob <bob@example.com>",
      to: "intros@vouch.localhost",
      subject: "Could you help?",
      text: "Hi, I'd love an intro to someone at Acme.",
      messageId: "<bob-1@example.com>",
      envelope: { from: "bob@example.com", to: ["intros@vouch.localhost"] },
    });
    await flush();
    const reply = sink.messages.slice(before).find((m) => m.rcptTo.includes("bob@example.com"));
    expect(reply?.headers["in-reply-to"]).toBe("<bob-1@example.com>");
    expect(reply?.parsed.text).toMatch(/introducer|who/i);
    const rejected = await db.store.listInbound({ status: "rejected" });
    expect(rejected.map((m) => m.messageId)).toContain("<bob-1@example.com>");
  });

  it("lists what was received, and retries a stored message, from the CLI", async () => {
    const env = { VOUCH_DATA_DIR: db.dataDir };
    const list = JSON.parse(
      (await vouch(["mail", "inbound", "--status", "quarantined", "--json"], env)).stdout,
    );
    expect(list).toEqual([
      expect.objectContaining({
        messageId: "<eve-1@example.org>",
        status: "quarantined",
        channel: "smtp",
      }),
    ]);
    // Processing again is safe: the stranger is still quarantined, nothing is applied.
    const r = await vouch(["mail", "retry", list[0].id, "--json"], env);
    expect(JSON.parse(r.stdout)).toEqual({ id: list[0].id, status: "quarantined" });
    const bad = await vouch(["mail", "inbound", "--status", "lost"], env);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/^vouch: --status must be one of/);
  });
});
