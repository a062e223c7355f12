// Only an authenticated sender is obeyed, over real SMTP on 127.0.0.1: a target's yes or no, an
// introducer's triage answer, a new request to intros@. DNS is what each test defines (mailauth's
// resolver hook), messages are DKIM-signed with keys made here, and a forger connects from
// another loopback address (127.0.0.66) with a fake Authentication-Results header.
import { generateKeyPairSync } from "node:crypto";
import type { SendMailOptions } from "nodemailer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyEvent } from "../src/app/apply-event.ts";
import { createIntro } from "../src/app/create-intro.ts";
import { confirmIntake } from "../src/app/intake-mail.ts";
import { type InboundDeps, receiveMail } from "../src/app/receive-mail.ts";
import type { Intro } from "../src/domain/types.ts";
import { httpApp } from "../src/http/app.ts";
import { recoverInbound } from "../src/jobs/inbound-recovery.ts";
import { mailauthChecker, trustedRelays } from "../src/mail/inbound/authenticity.ts";
import { signedLinkToken } from "../src/mail/outbound/links.ts";
import { countingTransactions, testDeps } from "./support/app.ts";
import { openTestDb, type TestDb } from "./support/databases.ts";
import { zone } from "./support/dns.ts";
import { seedRequestInput } from "./support/intros.ts";
import { inboundSmtp, type Mail } from "./support/smtp-in.ts";

const { publicKey, privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
const DKIM_P = publicKey.export({ type: "spki", format: "der" }).toString("base64");

// example.com: SPF for 127.0.0.1, DMARC reject. nodmarc.test: SPF for 127.0.0.1, no DMARC.
// signed.test: no SPF for anyone, DKIM key "sel", DMARC reject. broken.test: DNS fails.
const dnsRecords: Record<string, string[]> = {
  "example.com": ["v=spf1 ip4:127.0.0.1 -all"],
  "_dmarc.example.com": ["v=DMARC1; p=reject"],
  "nodmarc.test": ["v=spf1 ip4:127.0.0.1 -all"],
  "signed.test": ["v=spf1 -all"],
  "_dmarc.signed.test": ["v=DMARC1; p=reject"],
  "sel._domainkey.signed.test": [`v=DKIM1; k=rsa; p=${DKIM_P}`],
};
const defined = zone(dnsRecords);
const resolver = async (name: string, type: string) => {
  if (name.endsWith("broken.test"))
    throw Object.assign(new Error("SERVFAIL"), { code: "ESERVFAIL" });
  return defined(name, type);
};

let db: TestDb;
let deps: InboundDeps;
let smtp: Awaited<ReturnType<typeof inboundSmtp>>;
const clock = { now: new Date("2026-12-01T10:00:00.000Z") };

beforeAll(async () => {
  db = await openTestDb("sqlite");
  deps = {
    ...testDeps(db.store, clock),
    authenticate: mailauthChecker({ mta: "vouch.localhost", resolver }),
    // An MTA at 127.0.0.2 stands in front of Vouch and stamps its verdict as mx.test.
    trustedRelays: trustedRelays("127.0.0.2"),
    authservId: "mx.test",
  };
  smtp = await inboundSmtp(() => deps);
});
afterAll(async () => {
  await smtp.close();
  await db.drop();
});

/** Sends over SMTP from a chosen loopback address, optionally DKIM-signed (key "sel"). */
function deliver(m: Mail, o: { from?: string; dkim?: { domainName: string } } = {}) {
  const pem = privateKey.export({ type: "pkcs8", format: "pem" }).toString();
  return smtp.deliver(
    { ...m, date: new Date("2026-12-01T10:05:00Z") },
    {
      ...(o.from ? { from: o.from } : {}),
      ...(o.dkim ? { dkim: { ...o.dkim, keySelector: "sel", privateKey: pem } } : {}),
    },
  );
}

async function askedTarget(target: string): Promise<Intro> {
  const intro = await createIntro(deps, seedRequestInput({ target }), "api");
  return (
    await applyEvent(deps, intro.id, { type: "forward_for_consent", actor: "introducer" }, "api")
  ).intro;
}
const thread = (i: Intro) => `intros+${i.threadToken}@vouch.localhost`;
const status = async (i: Intro) => (await db.store.getIntro(i.id))?.status;
/** The newest message to `email`, of one intro (or of none: notices). */
const lastTo = async (email: string, introId: string | null = null) =>
  (await db.store.listOutbox({}))
    .filter((m) => m.introId === introId && m.to.some((t) => t.email === email))
    .at(-1);

function yesFrom(i: Intro, from: string, extra: Omit<SendMailOptions, "envelope"> = {}): Mail {
  return {
    from: `Maya <${from}>`,
    to: thread(i),
    subject: "Re: Would you like an intro to Alice?",
    text: "Happy to chat!",
    ...extra,
    envelope: { from, to: [thread(i)] },
  };
}

describe("a target's yes by email", () => {
  it("is consent when DMARC passes (SPF aligned from an allowed address)", async () => {
    const i = await askedTarget("maya@example.com");
    await deliver(yesFrom(i, "maya@example.com"));
    expect(await status(i)).toBe("introduced");
  });

  it("is consent when an aligned DKIM signature passes, even where SPF fails", async () => {
    const i = await askedTarget("maya@signed.test");
    await deliver(yesFrom(i, "maya@signed.test"), { dkim: { domainName: "signed.test" } });
    expect(await status(i)).toBe("introduced");
  });

  it("a forged yes from another host with a fake Authentication-Results changes nothing; the real target gets buttons", async () => {
    const i = await askedTarget("maya@example.com");
    await deliver(
      yesFrom(i, "maya@example.com", {
        headers: {
          "Authentication-Results": "mx.test; dmarc=pass header.from=example.com; spf=pass",
        },
      }),
      { from: "127.0.0.66" },
    );
    expect(await status(i)).toBe("consent_requested");
    const ask = await lastTo("maya@example.com", i.id);
    expect(ask?.template).toBe("unclear_reply_ask_again");
    expect(ask?.text).toMatch(/couldn't confirm it really came from your mailbox/);
    expect(ask?.text).toMatch(/Yes, introduce us/);
    const [event] = (await db.store.listEvents(i.id)).filter((e) => e.type === "reply_unclear");
    expect(event?.data).toMatchObject({ reason: "unverified" });
  });

  it.each([
    [
      "no DMARC record and no aligned pass (SPF from another host)",
      "maya@nodmarc.test",
      "127.0.0.66",
    ],
    ["a DNS error (temperror)", "maya@broken.test", undefined],
  ])("is not consent with %s", async (_what, target, from) => {
    const i = await askedTarget(target);
    await deliver(yesFrom(i, target), from ? { from } : {});
    expect(await status(i)).toBe("consent_requested");
    expect((await lastTo(target, i.id))?.template).toBe("unclear_reply_ask_again");
  });

  it("is consent with aligned SPF where the domain publishes no DMARC", async () => {
    const i = await askedTarget("maya@nodmarc.test");
    await deliver(yesFrom(i, "maya@nodmarc.test"));
    expect(await status(i)).toBe("introduced");
  });

  it("from a trusted relay, follows the relay's Authentication-Results and nothing else", async () => {
    const i = await askedTarget("maya@elsewhere.test");
    const stamped = "mx.test; dmarc=pass header.from=elsewhere.test";
    // A relay header with another authserv-id proves nothing.
    await deliver(
      yesFrom(i, "maya@elsewhere.test", {
        headers: { "Authentication-Results": "mx.other; dmarc=pass header.from=elsewhere.test" },
      }),
      { from: "127.0.0.2" },
    );
    expect(await status(i)).toBe("consent_requested");
    await deliver(
      yesFrom(i, "maya@elsewhere.test", {
        messageId: "<maya-2@elsewhere.test>",
        headers: { "Authentication-Results": stamped },
      }),
      { from: "127.0.0.2" },
    );
    expect(await status(i)).toBe("introduced");
  });

  it("a hedged reply is asked again with buttons, quoting how Vouch read it", async () => {
    const i = await askedTarget("maya@example.com");
    await deliver(
      yesFrom(i, "maya@example.com", { text: "Sure is a busy week for me, ask again later" }),
    );
    expect(await status(i)).toBe("consent_requested");
    const ask = await lastTo("maya@example.com", i.id);
    expect(ask?.text).toContain("You wrote: “Sure is a busy week for me, ask again later”");
  });

  it("an auto-reply with Precedence: auto_reply is never an answer, however it is worded", async () => {
    const i = await askedTarget("maya@example.com");
    await deliver(
      yesFrom(i, "maya@example.com", {
        text: "Sure thing!",
        headers: { Precedence: "auto_reply" },
      }),
    );
    expect(await status(i)).toBe("consent_requested");
  });
});

describe("an introducer's answer by email", () => {
  it("is obeyed only when it authenticates", async () => {
    const intro = await createIntro(deps, seedRequestInput({ target: "maya@example.com" }), "api");
    const answer = {
      from: "Jane <jane@example.com>",
      to: thread(intro),
      subject: "Re: REQUEST: intro Maya <> Alice",
      text: "Sure, I'll ask her!",
      envelope: { from: "jane@example.com", to: [thread(intro)] },
    };
    await deliver(answer, { from: "127.0.0.66" });
    expect(await status(intro)).toBe("requested");
    expect((await lastTo("jane@example.com", intro.id))?.template).toBe("unclear_reply_ask_again");
    await deliver({ ...answer, messageId: "<jane-real@example.com>" });
    expect(await status(intro)).toBe("consent_requested");
  });
});

describe("a new request to intros@", () => {
  const request = (from: string, to = "Jane <jane@example.com>") => ({
    from: `Big Boss <${from}>`,
    to,
    subject: "REQUEST: intro Maya <> Eve",
    text: "Hey Jane, could you introduce me to Maya?\n\nHey Maya, I'd love 20 minutes to learn how you built your team. Would Thursday at 3pm work, or a call?\n\nAbout me: I run ops at a small startup.\n\nThanks,\nEve\nhttps://eve.example",
    envelope: { from, to: ["intros@vouch.localhost"] },
  });

  it("from a forged sender is held; only the From address's click sends it on", async () => {
    const before = (await db.store.listIntros({ email: "jane@example.com" })).length;
    await deliver(request("boss@example.com"), { from: "127.0.0.66" });
    const [held] = await db.store.listInbound({ status: "held" });
    expect(held).toBeDefined();
    expect((await db.store.listIntros({ email: "jane@example.com" })).length).toBe(before);
    const confirm = await lastTo("boss@example.com");
    expect(confirm?.template).toBe("intake_confirm");
    const toJane = async () =>
      (await db.store.listOutbox({})).filter((m) => m.subject === "REQUEST: intro Maya <> Eve");
    expect(await toJane()).toEqual([]);
    // The link in that email (filled in at send time from the secret and the outbox id).
    const token = signedLinkToken(deps.secret, confirm?.id ?? "", "confirm_intake");
    const o = await confirmIntake(deps, token);
    expect(o.status).toBe("processed");
    expect((await db.store.listIntros({ email: "jane@example.com" })).length).toBe(before + 1);
    expect((await toJane()).map((m) => m.to[0]?.email)).toEqual(["jane@example.com"]);
    await expect(confirmIntake(deps, token)).rejects.toThrow(/cannot be used/);
  });

  it("is confirmed on a page whose GET changes nothing and whose button sends it on", async () => {
    const app = httpApp(deps, { log: () => {} });
    await deliver(
      { ...request("page@example.com"), messageId: "<page-1@example.com>" },
      {
        from: "127.0.0.66",
      },
    );
    const confirm = await lastTo("page@example.com");
    const url = `/a/${signedLinkToken(deps.secret, confirm?.id ?? "", "confirm_intake")}`;
    const page = await app.request(url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("Confirm your intro request");
    expect(await db.store.listIntros({ email: "page@example.com" })).toEqual([]);
    const done = await app.request(url, { method: "POST", body: new URLSearchParams() });
    expect(done.status).toBe(200);
    expect(await done.text()).toContain("on its way to your introducer");
    expect((await db.store.listIntros({ email: "page@example.com" })).length).toBe(1);
    expect((await app.request(url, { method: "POST", body: new URLSearchParams() })).status).toBe(
      410,
    );
  });

  it("delivered twice, is held once and started once (with or without a Message-ID)", async () => {
    const confirms = async () =>
      (await db.store.listOutbox({})).filter(
        (m) => m.template === "intake_confirm" && m.to[0]?.email === "twice@example.com",
      ).length;
    const forged = { ...request("twice@example.com"), messageId: "<twice-1@example.com>" };
    await deliver(forged, { from: "127.0.0.66" });
    await deliver(forged, { from: "127.0.0.66" });
    expect(await confirms()).toBe(1);
    // No Message-ID at all: the same sender, recipients, Date and text are the same message.
    const raw = Buffer.from(
      [
        "From: Eve <eve2@example.com>",
        "To: Jane <jane@example.com>",
        "Subject: REQUEST: intro Maya <> Eve",
        "Date: Tue, 01 Dec 2026 10:00:00 +0000",
        "",
        request("eve2@example.com").text,
        "",
      ].join("\r\n"),
    );
    const arrival = {
      channel: "smtp",
      mailFrom: "eve2@example.com",
      rcptTo: ["intros@vouch.localhost"],
      remote: { ip: "127.0.0.1", helo: "mail.example.com" },
      raw,
    };
    const first = await receiveMail(deps, arrival);
    const second = await receiveMail(deps, arrival);
    expect([first.status, second.status]).toEqual(["processed", "duplicate"]);
    expect((await db.store.listIntros({ email: "eve2@example.com" })).length).toBe(1);
  });

  it("with a problem, replies only to an authenticated sender", async () => {
    const notices = async () =>
      (await db.store.listOutbox({})).filter((m) => m.template === "intake_problem").length;
    const before = await notices();
    // Two possible introducers: the request cannot start, and only a real sender is told so.
    const two = "Jane <jane@example.com>, Bob <bob@example.com>";
    await deliver(request("boss@example.com", two), { from: "127.0.0.66" });
    expect(await notices()).toBe(before);
    await deliver({ ...request("eve@example.com", two), messageId: "<eve-two@example.com>" });
    expect(await notices()).toBe(before + 1);
  });
});

describe("one reply, one decision, one commit", () => {
  it("two targets replying the same words without a Message-ID are two answers", async () => {
    const a = await askedTarget("maya@example.com");
    const b = await askedTarget("maya2@example.com");
    const raw = (i: Intro, from: string) =>
      Buffer.from(
        [
          `From: <${from}>`,
          `To: <${thread(i)}>`,
          "Subject: Re: Would you like an intro to Alice?",
          "Date: Tue, 01 Dec 2026 10:00:00 +0000",
          "",
          "Happy to chat!",
          "",
        ].join("\r\n"),
      );
    for (const [i, from] of [
      [a, "maya@example.com"],
      [b, "maya2@example.com"],
    ] as const) {
      await receiveMail(deps, {
        channel: "smtp",
        mailFrom: from,
        rcptTo: [thread(i)],
        remote: { ip: "127.0.0.1", helo: "mail.example.com" },
        raw: raw(i, from),
      });
    }
    expect(await status(a)).toBe("introduced");
    expect(await status(b)).toBe("introduced");
  });

  it("applies a thread reply's events and marks the message in one transaction", async () => {
    const i = await askedTarget("maya@example.com");
    await applyEvent(
      deps,
      i.id,
      {
        type: "accept",
        actor: "target",
        evidence: { via: "click", confidence: 1, authenticated: true },
      },
      "api",
    );
    const { store: counting, count: transactions } = countingTransactions(db.store);
    const reply = Buffer.from(
      [
        "From: Alice <alice@example.com>",
        `To: Maya <maya@example.com>`,
        "Subject: Re: REQUEST: intro Maya <> Alice",
        "Message-ID: <alice-times@example.com>",
        "Date: Tue, 01 Dec 2026 10:00:00 +0000",
        "",
        "Thanks Jane (moving you to BCC)! Maya, could we talk Thursday at 3pm or Friday at 10am? https://tidycal.com/alice/20min (or cal.com/alice)",
        "",
      ].join("\r\n"),
    );
    await receiveMail(
      { ...deps, store: counting },
      {
        channel: "smtp",
        mailFrom: "alice@example.com",
        rcptTo: [thread(i)],
        remote: null,
        raw: reply,
      },
    );
    expect(transactions()).toBe(1);
    const types = (await db.store.listEvents(i.id)).map((e) => e.type);
    expect(types.slice(-2)).toEqual(["reply_in_thread", "propose_times"]);
    const [m] = (await db.store.listInbound({ status: "processed", limit: 10_000 })).filter(
      (x) => x.messageId === "<alice-times@example.com>",
    );
    // Providers that find-links.ts knows (a local pattern used to drop TidyCal), bare ones too.
    expect(m?.result).toMatchObject({
      links: ["https://tidycal.com/alice/20min", "https://cal.com/alice"],
    });
  });

  it("a message left `received` by a crash is processed by the recovery sweep", async () => {
    const i = await askedTarget("maya@example.com");
    const raw = Buffer.from(
      [
        "From: Maya <maya@example.com>",
        `To: <${thread(i)}>`,
        "Subject: Re: Would you like an intro to Alice?",
        "Message-ID: <maya-crash@example.com>",
        "Date: Tue, 01 Dec 2026 10:00:00 +0000",
        "",
        "Happy to chat!",
        "",
      ].join("\r\n"),
    );
    // Stored, then the process died before reading it.
    await db.store.insertInbound({
      id: "im_crashed",
      messageId: "<maya-crash@example.com>",
      receivedAt: clock.now.toISOString(),
      channel: "smtp",
      mailFrom: "maya@example.com",
      rcptTo: [thread(i)],
      remote: { ip: "127.0.0.1", helo: "mail.example.com" },
      raw,
    });
    expect((await recoverInbound(deps)).recovered).toBe(0);
    const later = { ...deps, now: () => new Date(clock.now.getTime() + 5 * 60_000) };
    expect(await recoverInbound(later)).toEqual({ recovered: 1, statuses: ["processed"] });
    expect(await status(i)).toBe("introduced");
  });
});
