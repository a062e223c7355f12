// HTTP inbound mail through app.request() (no socket): the raw RFC 822 POST and the Postmark,
// Mailgun and SendGrid webhooks, with payloads written from each provider's documented format.
// The flow of inbound-e2e.test.ts runs here in miniature, one step per format, so each adapter
// must hand the pipeline the right envelope recipient for the step to apply.
import { createHmac } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyEvent } from "../src/app/apply-event.ts";
import { createIntro } from "../src/app/create-intro.ts";
import { readIntro } from "../src/app/read-intros.ts";
import type { InboundDeps } from "../src/app/receive-mail.ts";
import { loadConfig } from "../src/config.ts";
import { httpApp } from "../src/http/app.ts";
import { envelopeLimit } from "../src/http/inbound-webhooks.ts";
import { readMessage } from "../src/mail/inbound/read-message.ts";
import { testDeps } from "./support/app.ts";
import { openTestDb, type TestDb } from "./support/databases.ts";
import { seedRequestInput } from "./support/intros.ts";
import { SEED_REQUEST } from "./support/seed.ts";

const SECRET = "test-inbound-secret-0123456789";
const MAILGUN_KEY = "key-3ax6xnjp29jd6fds4gc373sgvjxteol0";
const MAX = 64 * 1024;

let db: TestDb;
let deps: InboundDeps;
let app: ReturnType<typeof httpApp>;
const clock = { now: new Date("2026-12-01T10:00:00.000Z") };

beforeAll(async () => {
  db = await openTestDb("sqlite");
  // The operator's MTA posts to /inbound/raw and stamps its verdict as mx.test.
  deps = { ...testDeps(db.store, clock), authservId: "mx.test" };
  app = httpApp(deps, {
    log: () => {},
    inbound: { secret: SECRET, mailgunSigningKey: MAILGUN_KEY, maxBytes: MAX },
  });
});
afterAll(async () => {
  await db.drop();
});

const crlf = (s: string) => s.replace(/\r?\n/g, "\r\n");
const bearer = { authorization: `Bearer ${SECRET}` };
const basic = (user: string, password: string) => ({
  authorization: `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}`,
});
const stored = async () => db.store.listInbound({ limit: 10_000 });
const inboundById = async (id: string) => (await db.store.getInbound(id))!;

/** What the endpoints answer: `{ id, status }`, or `{ error }`. */
interface Answer {
  id: string;
  status: string;
  replay?: boolean;
  error: { code: string; message: string; field?: string; limit?: number };
}
const read = async (r: Response) => (await r.json()) as Answer;

function post(path: string, body: string | Uint8Array, headers: Record<string, string>) {
  return app.request(path, { method: "POST", body, headers });
}

/** A multipart/form-data body as providers send it (CRLF, one part per field, bytes as given). */
function multipart(
  fields: Array<[string, string | Buffer, { filename: string; type: string }?]>,
  boundary = "xYzZY",
) {
  const parts = fields.map(([name, value, file]) =>
    Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${name}"${
          file ? `; filename="${file.filename}"\r\nContent-Type: ${file.type}` : ""
        }\r\n\r\n`,
      ),
      Buffer.isBuffer(value) ? value : Buffer.from(value, "utf8"),
      Buffer.from("\r\n"),
    ]),
  );
  return {
    body: Buffer.concat([...parts, Buffer.from(`--${boundary}--\r\n`)]),
    type: `multipart/form-data; boundary=${boundary}`,
  };
}

/** Mailgun's signature fields for a post made now (by the test clock), or at `at` seconds. */
function mailgunSignature(key = MAILGUN_KEY, at = Math.floor(clock.now.getTime() / 1000)) {
  const timestamp = String(at);
  const token = createHmac("sha256", "token").update(`${Math.random()}`).digest("hex").slice(0, 50);
  const signature = createHmac("sha256", key)
    .update(timestamp + token)
    .digest("hex");
  return [
    ["timestamp", timestamp],
    ["token", token],
    ["signature", signature],
  ] as Array<[string, string]>;
}

/** A parsed Mailgun post (url-encoded, signed now): the message it stored. */
async function mailgunParsed(fields: Array<[string, string]>) {
  const form = new URLSearchParams([...fields, ...mailgunSignature()]);
  const r = await post("/inbound/mailgun", form.toString(), {
    "content-type": "application/x-www-form-urlencoded",
  });
  expect(r.status).toBe(200);
  return inboundById((await read(r)).id);
}

describe("the HTTP inbound endpoints are closed unless configured", () => {
  it("answers 404 for each endpoint whose secret is unset", async () => {
    const closed = httpApp(deps, { log: () => {} });
    for (const path of [
      "/inbound/raw",
      "/inbound/postmark",
      "/inbound/mailgun",
      "/inbound/mailgun/mime",
      "/inbound/sendgrid",
    ]) {
      const r = await closed.request(path, { method: "POST", body: "x", headers: bearer });
      expect(r.status, path).toBe(404);
      expect((await read(r)).error.code).toBe("NOT_FOUND");
    }
    // Mailgun alone: the shared-secret endpoints stay closed.
    const mgOnly = httpApp(deps, { log: () => {}, inbound: { mailgunSigningKey: MAILGUN_KEY } });
    expect((await mgOnly.request("/inbound/raw", { method: "POST", headers: bearer })).status).toBe(
      404,
    );
  });

  it("answers 401 without the secret, with a wrong one, or with a bad Mailgun signature, storing nothing", async () => {
    const before = (await stored()).length;
    const msg = crlf("From: a@example.com\nTo: intros@vouch.localhost\n\nhi\n");
    const rfc822 = { "content-type": "message/rfc822" };
    for (const auth of [
      {},
      { authorization: "Bearer wrong-secret-wrong-secret" },
      { authorization: `Bearer ${SECRET}x` },
      basic("vouch", "nope"),
      { authorization: `Token ${SECRET}` },
    ]) {
      const r = await post("/inbound/raw", msg, { ...rfc822, ...auth });
      expect(r.status).toBe(401);
      expect(r.headers.get("www-authenticate")).toMatch(/^Basic /);
      expect((await read(r)).error.code).toBe("UNAUTHENTICATED");
    }
    const postmark = await post("/inbound/postmark", "{}", { "content-type": "application/json" });
    expect(postmark.status).toBe(401);
    const sendgrid = await post("/inbound/sendgrid", multipart([["email", msg]]).body, {
      "content-type": multipart([]).type,
    });
    expect(sendgrid.status).toBe(401);

    const mg = (sig: Array<[string, string]>) =>
      multipart([
        ...sig,
        ["recipient", "intros@vouch.localhost"],
        ["sender", "a@example.com"],
        ["body-mime", msg],
      ]);
    const now = Math.floor(clock.now.getTime() / 1000);
    const cases = {
      "wrong key": mailgunSignature("key-someone-elses-key"),
      "tampered token": mailgunSignature().map(([k, v]) =>
        k === "token" ? [k, `${v.slice(0, -1)}x`] : [k, v],
      ) as Array<[string, string]>,
      "stale (10 minutes old)": mailgunSignature(MAILGUN_KEY, now - 600),
      "from the future": mailgunSignature(MAILGUN_KEY, now + 600),
      "no signature": mailgunSignature().filter(([k]) => k !== "signature"),
    };
    for (const [what, sig] of Object.entries(cases)) {
      const f = mg(sig);
      const r = await post("/inbound/mailgun/mime", f.body, { "content-type": f.type });
      expect(r.status, what).toBe(401);
      expect((await read(r)).error.code).toBe("UNAUTHENTICATED");
    }
    expect((await stored()).length).toBe(before);
  });
});

describe("the flow from the mailbox, one step per format", () => {
  let introId = "";
  let thread = "";

  it("1. raw POST: the requester emails the introducer with intros@ in BCC (envelope in the query)", async () => {
    const raw = Buffer.from(
      crlf(`Authentication-Results: mx.test; dmarc=pass header.from=example.com; spf=pass smtp.mailfrom=alice@example.com
From: Alice <alice@example.com>
To: Jane <jane@example.com>
Subject: REQUEST: intro Maya <> Alice
Message-ID: <alice-1@example.com>
Date: Tue, 1 Dec 2026 09:58:00 +0000
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8

${SEED_REQUEST}
`),
    );
    const r = await post(
      "/inbound/raw?to=intros@vouch.localhost&from=alice@example.com",
      new Uint8Array(raw),
      { "content-type": "message/rfc822", ...basic("vouch", SECRET) },
    );
    expect(r.status).toBe(200);
    const body = await read(r);
    expect(body).toMatchObject({ id: expect.stringMatching(/^im_/), status: "processed" });
    const m = await inboundById(body.id);
    expect(m).toMatchObject({
      channel: "http-raw",
      mailFrom: "alice@example.com",
      rcptTo: ["intros@vouch.localhost"],
      remote: null,
      status: "processed",
    });
    expect(m.raw.equals(raw)).toBe(true);
    const [intro] = await db.store.listIntros({});
    expect(intro).toMatchObject({
      status: "requested",
      requester: { email: "alice@example.com" },
      introducer: { email: "jane@example.com" },
      target: { name: "Maya", email: null },
    });
    introId = intro!.id;
    thread = `intros+${intro!.threadToken}@vouch.localhost`;
  });

  it("2. Mailgun (raw MIME): the introducer replies 'sure' with the target's address", async () => {
    // 8-bit Latin-1 bytes in the body: the stored message must be the posted bytes, exactly.
    const raw = Buffer.concat([
      Buffer.from(
        crlf(`Received: from mail-wr1-f41.google.com by mxa.mailgun.org with ESMTP
From: Jane <jane@example.com>
To: "Alice via Vouch" <${thread}>
Subject: Re: REQUEST: intro Maya <> Alice
Message-ID: <jane-1@example.com>
In-Reply-To: <alice-1@example.com>
Date: Tue, 1 Dec 2026 10:01:00 +0000
MIME-Version: 1.0
Content-Type: text/plain; charset=iso-8859-1
Content-Transfer-Encoding: 8bit

Sure, I'll ask her! Her address is maya@example.com. Très bien.
`),
        "latin1",
      ),
      Buffer.from([0xe9, 0x0d, 0x0a]),
    ]);
    const f = multipart(
      [
        ["recipient", thread],
        ["sender", "jane@example.com"],
        ["subject", "Re: REQUEST: intro Maya <> Alice"],
        ["from", "Jane <jane@example.com>"],
        ["X-Mailgun-Spf", "Pass"],
        ...mailgunSignature(),
        ["body-mime", raw],
      ],
      "b87a2c0f6b3d4e7f9a1c",
    );
    const r = await post("/inbound/mailgun/mime", f.body, { "content-type": f.type });
    expect(r.status).toBe(200);
    const { id, status } = await read(r);
    expect(status).toBe("processed");
    const m = await inboundById(id);
    expect(m).toMatchObject({ channel: "mailgun", mailFrom: "jane@example.com", rcptTo: [thread] });
    expect(m.raw.equals(raw)).toBe(true);
    const intro = await readIntro(deps, introId, { operator: true });
    expect(intro.status).toBe("consent_requested");
    expect(intro.target.email).toBe("maya@example.com");
  });

  it("3. Postmark (parsed JSON, no RawEmail): the target replies 'happy to chat' and the intro goes out; a retry changes nothing", async () => {
    const hash = thread.slice("intros+".length, thread.indexOf("@"));
    const payload = {
      FromName: "Maya Obi",
      MessageStream: "inbound",
      From: "maya@example.com",
      FromFull: { Email: "maya@example.com", Name: "Maya Obi", MailboxHash: "" },
      To: `"Jane via Vouch" <${thread}>`,
      ToFull: [{ Email: thread, Name: "Jane via Vouch", MailboxHash: hash }],
      Cc: "",
      CcFull: [],
      Bcc: "",
      BccFull: [],
      OriginalRecipient: thread,
      Subject: "Re: Would you like an intro to Alice?",
      MessageID: "73e6d360-66eb-11e1-8e72-a8904824019b",
      ReplyTo: "",
      MailboxHash: hash,
      Date: "Tue, 1 Dec 2026 10:05:00 +0000",
      TextBody:
        "Happy to chat!\n\nOn Tue, Dec 1, 2026 at 10:02 Jane via Vouch wrote:\n> Would you like an intro to Alice?",
      HtmlBody:
        "<div>Happy to chat!</div><blockquote>Would you like an intro to Alice?</blockquote>",
      StrippedTextReply: "Happy to chat!",
      Tag: "",
      Headers: [
        { Name: "Return-Path", Value: "<maya@example.com>" },
        { Name: "Received", Value: "by mx.example.com with SMTP id x1; Tue, 1 Dec 2026" },
        { Name: "X-Spam-Checker-Version", Value: "SpamAssassin 3.4.6 on p-pm-inboundg03" },
        { Name: "X-Spam-Status", Value: "No" },
        { Name: "X-Spam-Score", Value: "-0.1" },
        { Name: "Received-SPF", Value: "pass (example.com: 203.0.113.7 is authorized)" },
        { Name: "MIME-Version", Value: "1.0" },
        { Name: "Content-Type", Value: 'multipart/alternative; boundary="000000000000a1b2"' },
        { Name: "Message-ID", Value: "<maya-yes@example.com>" },
        { Name: "In-Reply-To", Value: "<ask-1@vouch.localhost>" },
      ],
      Attachments: [
        {
          Name: "notes.txt",
          Content: Buffer.from("see you soon").toString("base64"),
          ContentType: "text/plain",
          ContentLength: 12,
        },
      ],
    };
    const r = await post("/inbound/postmark", JSON.stringify(payload), {
      "content-type": "application/json",
      ...basic("postmark", SECRET),
    });
    expect(r.status).toBe(200);
    const { id, status } = await read(r);
    expect(status).toBe("processed");
    const m = await inboundById(id);
    expect(m).toMatchObject({
      channel: "postmark",
      mailFrom: "maya@example.com",
      rcptTo: [thread],
    });
    // The rebuilt message reads back as what Postmark parsed.
    const parsed = await readMessage(m.raw);
    expect(parsed).toMatchObject({
      from: { name: "Maya Obi", email: "maya@example.com" },
      to: [{ email: thread }],
      subject: "Re: Would you like an intro to Alice?",
      messageId: "<maya-yes@example.com>",
      inReplyTo: "<ask-1@vouch.localhost>",
      problems: [],
    });
    expect(parsed.text).toContain("Happy to chat!");
    expect(parsed.html).toContain("<div>Happy to chat!</div>");
    expect(parsed.attachments).toMatchObject([{ filename: "notes.txt", size: 12 }]);
    expect(parsed.headers["x-spam-status"]).toBe("No");

    const intro = await readIntro(deps, introId, { operator: true });
    expect(intro.status).toBe("introduced");
    const accepts = intro.events.filter((e) => e.type === "accept");
    expect(accepts).toHaveLength(1);
    expect(accepts[0]).toMatchObject({ actor: "target", channel: "email" });

    // Postmark retries a post it did not see answered: the same message applies once.
    const again = await post("/inbound/postmark", JSON.stringify(payload), bearer);
    expect(await read(again)).toMatchObject({ status: "duplicate" });
    const after = await readIntro(deps, introId, { operator: true });
    expect(after.events.filter((e) => e.type === "accept")).toHaveLength(1);
  });

  it("5-6. SendGrid (raw MIME): the requester replies with the introducer moved to BCC: connected", async () => {
    // Alice answers the introduction email Vouch sent (stored in the outbox, never sent here).
    const introduction = (await db.store.listOutbox({ introId })).find(
      (m) => m.template === "introduction",
    );
    expect(introduction).toBeDefined();
    const raw = crlf(`Received: by mx0047p1mdw1.sendgrid.net with SMTP id abc
From: Alice <alice@example.com>
To: Maya <maya@example.com>
Subject: Re: REQUEST: intro Maya <> Alice
Message-ID: <alice-2@example.com>
In-Reply-To: ${introduction?.messageId}
References: ${introduction?.messageId}
Date: Tue, 1 Dec 2026 11:00:00 +0000
MIME-Version: 1.0
Content-Type: multipart/alternative; boundary="000000000000b3c4"

--000000000000b3c4
Content-Type: text/plain; charset="UTF-8"

Thanks for the intro Jane (moved to BCC).

Thanks Maya, great to e-meet you! I'll send over a few questions first.

-- Alice
--000000000000b3c4
Content-Type: text/html; charset="UTF-8"

<div>Thanks for the intro Jane (moved to BCC).</div>
--000000000000b3c4--
`);
    const f = multipart([
      ["headers", raw.slice(0, raw.indexOf("\r\n\r\n"))],
      ["dkim", "{@example.com : pass}"],
      ["email", raw],
      ["to", "Maya <maya@example.com>"],
      ["from", "Alice <alice@example.com>"],
      ["subject", "Re: REQUEST: intro Maya <> Alice"],
      ["sender_ip", "203.0.113.9"],
      ["spam_report", ""],
      // Vouch got the BCC copy: its address is in the envelope only.
      ["envelope", JSON.stringify({ to: [thread], from: "alice@example.com" })],
      ["charsets", JSON.stringify({ to: "UTF-8", from: "UTF-8", subject: "UTF-8" })],
      ["SPF", "pass"],
      ["spam_score", "0.1"],
    ]);
    const r = await post("/inbound/sendgrid", f.body, { "content-type": f.type, ...bearer });
    expect(r.status).toBe(200);
    const { id, status } = await read(r);
    expect(status).toBe("processed");
    const m = await inboundById(id);
    expect(m).toMatchObject({
      channel: "sendgrid",
      mailFrom: "alice@example.com",
      rcptTo: [thread],
    });
    expect(m.raw.toString("utf8")).toBe(raw);
    const v = await readIntro(deps, introId, { operator: true });
    expect(v.status).toBe("connected");
    expect(v.introducerMovedToBcc).toBe(true);
  });
});

describe("envelope recipients from each format", () => {
  it("raw without an envelope: Delivered-To / X-Original-To first, else To and Cc at the mail domain", async () => {
    const send = async (headers: string) => {
      const r = await post(
        "/inbound/raw",
        crlf(`${headers}\nFrom: Bob <bob@example.com>\nSubject: hi\n\nHello\n`),
        { "content-type": "message/rfc822; charset=utf-8", ...bearer },
      );
      return { status: r.status, body: await read(r) };
    };
    const a = await send(
      "Delivered-To: intros+zzz@vouch.localhost\nTo: Carol <carol@example.com>, intros@vouch.localhost",
    );
    expect((await inboundById(a.body.id)).rcptTo).toEqual(["intros+zzz@vouch.localhost"]);
    const b = await send("To: Carol <carol@example.com>\nCc: INTROS@Vouch.Localhost");
    const m = await inboundById(b.body.id);
    expect(m.rcptTo).toEqual(["INTROS@Vouch.Localhost"]);
    expect(m.mailFrom).toBe("bob@example.com");
    const none = await send("To: Carol <carol@example.com>");
    expect(none.status).toBe(400);
    expect(none.body.error).toMatchObject({ code: "INVALID_INPUT", field: "to" });
  });

  it("raw: the envelope in headers; Return-Path: <> is the null sender of a bounce", async () => {
    const r = await post(
      "/inbound/raw",
      crlf("Return-Path: <>\nFrom: MAILER-DAEMON@example.com\nSubject: x\n\nx\n"),
      {
        "content-type": "message/rfc822",
        "x-envelope-to": "bounces+ob_nothing@vouch.localhost, intros@vouch.localhost",
        ...bearer,
      },
    );
    const m = await inboundById((await read(r)).id);
    expect(m.rcptTo).toEqual(["bounces+ob_nothing@vouch.localhost", "intros@vouch.localhost"]);
    expect(m.mailFrom).toBe("");
    expect(m.status).toBe("ignored");
  });

  it("Postmark: OriginalRecipient at Postmark's own inbound address maps its +hash to the thread token", async () => {
    const rawEmail = crlf(
      "From: Maya <maya@example.com>\nTo: 451d9b70cf9364d23ff6f9d51d870251569e+tok123@inbound.postmarkapp.com\nSubject: Re: hi\nMessage-ID: <pm-raw-1@example.com>\n\nThanks!\n",
    );
    const payload = {
      From: "maya@example.com",
      FromFull: { Email: "maya@example.com", Name: "Maya", MailboxHash: "" },
      OriginalRecipient: "451d9b70cf9364d23ff6f9d51d870251569e+tok123@inbound.postmarkapp.com",
      MailboxHash: "tok123",
      Subject: "Re: hi",
      MessageID: "0b1c8c47-0e07-4ec3-8d0f-1c6e0c1f7c55",
      TextBody: "Thanks!",
      Headers: [],
      RawEmail: rawEmail,
    };
    const r = await post("/inbound/postmark", JSON.stringify(payload), bearer);
    expect(r.status).toBe(200);
    const m = await inboundById((await read(r)).id);
    expect(m.rcptTo).toEqual(["intros+tok123@vouch.localhost"]);
    expect(m.raw.toString("utf8")).toBe(rawEmail);
    expect(m.status).toBe("rejected"); // no intro has that token

    // No hash at Postmark's own address: that is the intake address.
    const plain = { ...payload, OriginalRecipient: "451d9b70cf93@inbound.postmarkapp.com" };
    const p2 = await post(
      "/inbound/postmark",
      JSON.stringify({ ...plain, MailboxHash: "" }),
      bearer,
    );
    expect((await inboundById((await read(p2)).id)).rcptTo).toEqual(["intros@vouch.localhost"]);
  });

  it("Mailgun: a parsed post (URL not ending in mime, url-encoded) is rebuilt from message-headers", async () => {
    const headers = [
      ["Received", "from mail.example.com by mxa.mailgun.org"],
      ["Mime-Version", "1.0"],
      ["Content-Type", 'multipart/alternative; boundary="gc0p4Jq0M2Yt08jU534c0p"'],
      ["From", "Bob <bob@example.com>"],
      ["To", "intros@vouch.localhost"],
      ["Subject", "Quick question"],
      ["Message-Id", "<mg-parsed-1@example.com>"],
      ["Date", "Tue, 1 Dec 2026 10:10:00 +0000"],
    ];
    const m = await mailgunParsed([
      ["recipient", "intros@vouch.localhost"],
      ["sender", "bob@example.com"],
      ["from", "Bob <bob@example.com>"],
      ["subject", "Quick question"],
      ["body-plain", "Hi, could you help me? Ça va?"],
      ["stripped-text", "Hi, could you help me?"],
      ["message-headers", JSON.stringify(headers)],
    ]);
    expect(m).toMatchObject({ rcptTo: ["intros@vouch.localhost"], mailFrom: "bob@example.com" });
    const parsed = await readMessage(m.raw);
    expect(parsed).toMatchObject({
      from: { email: "bob@example.com" },
      subject: "Quick question",
      messageId: "<mg-parsed-1@example.com>",
      problems: [],
    });
    expect(parsed.text).toBe("Hi, could you help me? Ça va?\n"); // the last line ends with CRLF
  });

  it("Mailgun: a replayed post (same token) stores nothing again", async () => {
    const f = multipart([
      ["recipient", "intros@vouch.localhost"],
      ["sender", "bob@example.com"],
      ...mailgunSignature(),
      ["body-mime", crlf("From: bob@example.com\nMessage-ID: <replay@example.com>\n\nhi\n")],
    ]);
    const first = await read(
      await post("/inbound/mailgun/mime", f.body, { "content-type": f.type }),
    );
    const before = (await stored()).length;
    const again = await post("/inbound/mailgun/mime", f.body, { "content-type": f.type });
    expect(again.status).toBe(200);
    expect(await read(again)).toMatchObject({ id: first.id, status: first.status, replay: true });
    expect((await stored()).length).toBe(before);
    // Another instance on the same database (or this one after a restart) knows it too.
    const other = httpApp(deps, { log: () => {}, inbound: { mailgunSigningKey: MAILGUN_KEY } });
    const there = await other.request("/inbound/mailgun/mime", {
      method: "POST",
      body: f.body,
      headers: { "content-type": f.type },
    });
    expect(await read(there)).toMatchObject({ id: first.id, replay: true });
    expect((await stored()).length).toBe(before);
  });

  it("Mailgun: a post refused for its content does not use up its signature", async () => {
    const sig = mailgunSignature();
    const body = (recipient: string) =>
      multipart([
        ["recipient", recipient],
        ["sender", "bob@example.com"],
        ...sig,
        ["body-mime", crlf("From: bob@example.com\nMessage-ID: <fixed@example.com>\n\nhi\n")],
      ]);
    const wrong = body("someone@elsewhere.example");
    const refused = await post("/inbound/mailgun/mime", wrong.body, { "content-type": wrong.type });
    expect(refused.status).toBe(400);
    const right = body("intros@vouch.localhost");
    const ok = await post("/inbound/mailgun/mime", right.body, { "content-type": right.type });
    expect(ok.status).toBe(200);
    expect((await read(ok)).replay).toBeUndefined();
  });
});

describe("bad input", () => {
  const expect400 = async (r: Response, field: string) => {
    expect(r.status).toBe(400);
    const body = await read(r);
    expect(body.error).toMatchObject({ code: "INVALID_INPUT", field });
    expect(body.error.message).toMatch(new RegExp(`^${field.replace(".", "\\.")}: `));
  };

  it("answers 400 with a code and the field that is wrong, storing nothing", async () => {
    const before = (await stored()).length;
    const msg = crlf("From: a@example.com\nTo: intros@vouch.localhost\n\nhi\n");
    await expect400(
      await post("/inbound/raw", msg, { "content-type": "text/plain", ...bearer }),
      "content-type",
    );
    await expect400(
      await post("/inbound/raw", "", { "content-type": "message/rfc822", ...bearer }),
      "body",
    );
    await expect400(
      await post("/inbound/raw?to=someone@elsewhere.test&from=a@example.com", msg, {
        "content-type": "message/rfc822",
        ...bearer,
      }),
      "to",
    );
    await expect400(
      await post("/inbound/raw?to=not%20an%20address&from=a@example.com", msg, {
        "content-type": "message/rfc822",
        ...bearer,
      }),
      "to",
    );
    await expect400(await post("/inbound/postmark", "{not json", bearer), "body");
    await expect400(
      await post(
        "/inbound/postmark",
        JSON.stringify({ OriginalRecipient: "x@vouch.localhost", Headers: "no" }),
        bearer,
      ),
      "Headers",
    );
    await expect400(
      await post("/inbound/postmark", JSON.stringify({ Subject: "no recipient" }), bearer),
      "OriginalRecipient",
    );
    await expect400(
      await post(
        "/inbound/postmark",
        JSON.stringify({
          OriginalRecipient: "intros@vouch.localhost",
          Attachments: [{ Name: "a", Content: "!!not base64!!" }],
        }),
        bearer,
      ),
      "Attachments.0.Content",
    );
    const sg = (fields: Array<[string, string]>) => {
      const f = multipart(fields);
      return post("/inbound/sendgrid", f.body, { "content-type": f.type, ...bearer });
    };
    await expect400(await sg([["envelope", '{"to":["intros@vouch.localhost"]}']]), "email");
    await expect400(
      await sg([
        ["email", msg],
        ["envelope", "{oops"],
      ]),
      "envelope",
    );
    await expect400(
      await sg([
        ["email", msg],
        ["envelope", '{"to":[]}'],
      ]),
      "envelope.to",
    );
    await expect400(
      await sg([
        ["email", msg],
        ["envelope", '{"to":["x@elsewhere.test"],"from":"a@b.c"}'],
      ]),
      "envelope.to",
    );
    await expect400(
      await post("/inbound/sendgrid", "email=x", { "content-type": "text/plain", ...bearer }),
      "content-type",
    );
    await expect400(
      await post("/inbound/sendgrid", "--nope\r\n", {
        "content-type": "multipart/form-data; boundary=xYzZY",
        ...bearer,
      }),
      "body",
    );
    const mg = multipart([
      ...mailgunSignature(),
      ["recipient", "x@elsewhere.test"],
      ["body-mime", msg],
    ]);
    await expect400(
      await post("/inbound/mailgun/mime", mg.body, { "content-type": mg.type }),
      "recipient",
    );
    expect((await stored()).length).toBe(before);
  });

  it("answers 413 over the SMTP size limit, storing nothing", async () => {
    const before = (await stored()).length;
    const big = crlf(`From: a@example.com\nTo: intros@vouch.localhost\n\n${"x".repeat(MAX)}\n`);
    const raw = await post("/inbound/raw", big, { "content-type": "message/rfc822", ...bearer });
    expect(raw.status).toBe(413);
    expect((await read(raw)).error).toMatchObject({ code: "TOO_LARGE", limit: MAX });
    // A message just under the limit inside a provider's larger envelope is fine; over is not.
    const sg = multipart([
      ["email", big],
      ["envelope", JSON.stringify({ to: ["intros@vouch.localhost"], from: "a@example.com" })],
    ]);
    const r1 = await post("/inbound/sendgrid", sg.body, { "content-type": sg.type, ...bearer });
    expect(r1.status).toBe(413);
    const pm = await post(
      "/inbound/postmark",
      JSON.stringify({ OriginalRecipient: "intros@vouch.localhost", RawEmail: big }),
      bearer,
    );
    expect(pm.status).toBe(413);
    const mg = multipart([
      ...mailgunSignature(),
      ["recipient", "intros@vouch.localhost"],
      ["body-mime", big],
    ]);
    const r2 = await post("/inbound/mailgun/mime", mg.body, { "content-type": mg.type });
    expect(r2.status).toBe(413);
    // A body far over any envelope is cut off while it is read.
    const huge = new ReadableStream({
      start(c) {
        for (let i = 0; i < 10; i++) c.enqueue(new Uint8Array(MAX));
        c.close();
      },
    });
    const r3 = await app.request("/inbound/raw", {
      method: "POST",
      body: huge,
      headers: { "content-type": "message/rfc822", ...bearer },
      duplex: "half",
    } as RequestInit);
    expect(r3.status).toBe(413);
    expect((await stored()).length).toBe(before);
  });

  it("reads a big multipart post as it streams in, keeping every byte; refuses a bigger one with 413 having read no further than the limit", async () => {
    // Every byte value in the body: a form reader that decodes text fields (as Hono's
    // parseBody does, UTF-8 with U+FFFD) would store another message than the one sent.
    const head = crlf("From: a@example.com\nTo: intros@vouch.localhost\nSubject: bytes\n\n");
    const filler = Buffer.alloc(MAX - head.length - 100, Buffer.from([...Array(256).keys()]));
    const raw = Buffer.concat([Buffer.from(head), filler]);
    const sg = multipart([
      ["envelope", JSON.stringify({ to: ["intros@vouch.localhost"], from: "a@example.com" })],
      ["email", raw],
    ]);
    /** The body in 4 KB chunks, made only when asked for, counting the bytes taken. */
    const chunked = (body: Buffer | null, total: number) => {
      const taken = { bytes: 0 };
      const stream = new ReadableStream<Uint8Array>(
        {
          pull(ctl) {
            if (taken.bytes >= total) return ctl.close();
            const chunk = body
              ? body.subarray(taken.bytes, taken.bytes + 4096)
              : Buffer.alloc(4096, "x");
            taken.bytes += chunk.length;
            ctl.enqueue(new Uint8Array(chunk));
          },
        },
        { highWaterMark: 0 },
      );
      return { stream, taken };
    };
    const send = (path: string, stream: ReadableStream, length: number, type: string) =>
      app.request(path, {
        method: "POST",
        body: stream,
        // Declared, as an HTTP client does: the route reads the body as it streams in.
        headers: { "content-type": type, "content-length": String(length), ...bearer },
        duplex: "half",
      } as RequestInit);
    const ok = chunked(sg.body, sg.body.length);
    const r = await send("/inbound/sendgrid", ok.stream, sg.body.length, sg.type);
    expect(r.status).toBe(200);
    expect((await inboundById((await read(r)).id)).raw.equals(raw)).toBe(true);

    // A message over the limit in an envelope under it: the whole form is read, then refused.
    const before = (await stored()).length;
    const over = multipart([
      ["envelope", JSON.stringify({ to: ["intros@vouch.localhost"], from: "a@example.com" })],
      ["email", Buffer.concat([raw, Buffer.alloc(200, "x")])],
    ]);
    const r1 = await send(
      "/inbound/sendgrid",
      chunked(over.body, over.body.length).stream,
      over.body.length,
      over.type,
    );
    expect(r1.status).toBe(413);
    // A body that claims to fit but goes on far past the envelope limit is cut off.
    const envelope = envelopeLimit(MAX);
    for (const path of ["/inbound/sendgrid", "/inbound/mailgun/mime"]) {
      const endless = chunked(null, 100 * envelope);
      const r2 = await send(path, endless.stream, envelope, sg.type);
      expect(r2.status, path).toBe(413);
      expect(endless.taken.bytes, path).toBeLessThanOrEqual(envelope + 2 * 4096);
    }
    expect((await stored()).length).toBe(before);
  });
});

describe("messages rebuilt from a provider's parsed fields", () => {
  /** The header field names of a stored message, lower case, in order. */
  const fieldNames = (raw: Buffer) =>
    raw
      .subarray(0, raw.indexOf("\r\n\r\n"))
      .toString("latin1")
      .split("\r\n")
      .filter((l) => !/^[ \t]/.test(l))
      .map((l) => l.slice(0, l.indexOf(":")).toLowerCase());

  it("Postmark: non-ASCII names and subject, long headers, and CR/LF in fields that start no header", async () => {
    const refs = Array.from({ length: 30 }, (_, i) => `<ref-${i}@example.com>`).join(" ");
    const subject = `Re: Réunion — 日本語の件名 ${"très long ".repeat(20)}`.trim();
    const payload = {
      FromFull: { Email: "zoe@example.com", Name: 'Zoë "Z" Müller,\r\nBcc: evil@example.com' },
      ToFull: [{ Email: "intros@vouch.localhost", Name: "Vouch, Intros" }],
      CcFull: [{ Email: "carol@example.com", Name: "Carol Ñandú" }],
      ReplyTo: "zoe@example.com\r\nBcc: evil2@example.com",
      OriginalRecipient: "intros@vouch.localhost",
      Subject: `${subject}\r\nBcc: evil3@example.com`,
      Date: "Tue, 1 Dec 2026 10:05:00 +0100",
      MessageID: "pm-nonascii-1",
      TextBody: "Grüße aus Köln",
      Headers: [
        { Name: "References", Value: refs },
        { Name: "X-Note", Value: "a\r\nBcc: evil4@example.com\r\n\r\nbody?" },
        { Name: "X-Bad\r\nBcc", Value: "evil5@example.com" },
        { Name: "Bad Name", Value: "x" },
      ],
    };
    const r = await post("/inbound/postmark", JSON.stringify(payload), bearer);
    expect(r.status).toBe(200);
    const m = await inboundById((await read(r)).id);
    const head = m.raw.subarray(0, m.raw.indexOf("\r\n\r\n")).toString("latin1");
    // biome-ignore lint/suspicious/noControlCharactersInRegex: checking the headers are ASCII
    expect(/^[\x00-\x7f]*$/.test(head)).toBe(true);
    expect(head.split("\r\n").every((l) => l.length <= 78)).toBe(true);
    expect(fieldNames(m.raw)).toEqual([
      "from",
      "to",
      "cc",
      "reply-to",
      "subject",
      "date",
      "message-id",
      "references",
      "x-note",
      "content-transfer-encoding",
      "mime-version",
      "content-type",
    ]);
    const parsed = await readMessage(m.raw);
    expect(parsed).toMatchObject({
      from: { name: 'Zoë "Z" Müller, Bcc: evil@example.com', email: "zoe@example.com" },
      to: [{ name: "Vouch, Intros", email: "intros@vouch.localhost" }],
      cc: [{ name: "Carol Ñandú", email: "carol@example.com" }],
      subject: `${subject} Bcc: evil3@example.com`,
      messageId: "<pm-nonascii-1@postmark>",
      dateOffsetMinutes: 60,
      problems: [],
    });
    expect(parsed.references).toHaveLength(30);
    expect(parsed.text.trim()).toBe("Grüße aus Köln");
  });

  it("Mailgun: the original headers, CR/LF in a value and all, start no header of their own", async () => {
    const headers = [
      ["From", "=?UTF-8?Q?Bj=C3=B6rn?= <bjorn@example.com>"],
      ["To", "intros@vouch.localhost"],
      ["Subject", "Frage zur Einführung\r\nBcc: evil@example.com"],
      ["Message-Id", "<mg-crlf-1@example.com>"],
      ["X-Evil", "x\nTo: evil2@example.com"],
      ["Content-Type", "text/plain\r\nBcc: evil3@example.com"],
    ];
    const m = await mailgunParsed([
      ["recipient", "intros@vouch.localhost"],
      ["sender", "bjorn@example.com"],
      ["body-plain", "Hallo!"],
      ["message-headers", JSON.stringify(headers)],
    ]);
    expect(fieldNames(m.raw)).toEqual([
      "from",
      "to",
      "subject",
      "message-id",
      "x-evil",
      "content-transfer-encoding",
      "mime-version",
      "content-type",
    ]);
    const parsed = await readMessage(m.raw);
    expect(parsed).toMatchObject({
      from: { name: "Björn", email: "bjorn@example.com" },
      to: [{ email: "intros@vouch.localhost" }],
      subject: "Frage zur Einführung Bcc: evil@example.com",
      text: "Hallo!\n", // a message's last line ends with CRLF
      date: null,
    });
  });
});

describe("configuration", () => {
  it("reads VOUCH_INBOUND_SECRET and VOUCH_MAILGUN_SIGNING_KEY, and names a bad one", () => {
    const c = loadConfig({
      VOUCH_INBOUND_SECRET: SECRET,
      VOUCH_MAILGUN_SIGNING_KEY: MAILGUN_KEY,
    });
    expect(c).toMatchObject({ inboundSecret: SECRET, mailgunSigningKey: MAILGUN_KEY });
    expect(loadConfig({})).toMatchObject({
      inboundSecret: undefined,
      mailgunSigningKey: undefined,
    });
    expect(() => loadConfig({ VOUCH_INBOUND_SECRET: "short" })).toThrow(/^VOUCH_INBOUND_SECRET /);
    expect(() => loadConfig({ VOUCH_INBOUND_SECRET: "has a space in it, 0123456789" })).toThrow(
      /^VOUCH_INBOUND_SECRET must use only/,
    );
    expect(() => loadConfig({ VOUCH_MAILGUN_SIGNING_KEY: "a b c d e f g h" })).toThrow(
      /^VOUCH_MAILGUN_SIGNING_KEY /,
    );
  });
});

describe("a provider's own checks decide whether a yes is obeyed", () => {
  it("a Postmark yes whose SPF failed changes nothing, and the target gets buttons", async () => {
    const intro = await createIntro(
      deps,
      seedRequestInput({ target: "maya@forged.example" }),
      "api",
    );
    await applyEvent(deps, intro.id, { type: "forward_for_consent", actor: "introducer" }, "api");
    const to = `intros+${intro.threadToken}@vouch.localhost`;
    const post = (spf: string, id: string) =>
      app.request("/inbound/postmark", {
        method: "POST",
        headers: { "content-type": "application/json", ...basic("postmark", SECRET) },
        body: JSON.stringify({
          From: "maya@forged.example",
          FromFull: { Email: "maya@forged.example", Name: "Maya" },
          To: to,
          ToFull: [{ Email: to, Name: "Jane via Vouch" }],
          OriginalRecipient: to,
          Subject: "Re: Would you like an intro to Alice?",
          Date: "Tue, 1 Dec 2026 10:05:00 +0000",
          TextBody: "Happy to chat!",
          Headers: [
            { Name: "Return-Path", Value: "<maya@forged.example>" },
            { Name: "Received-SPF", Value: `${spf} (forged.example: 203.0.113.9)` },
            { Name: "Message-ID", Value: `<${id}@forged.example>` },
          ],
        }),
      });
    expect((await post("fail", "yes-1")).status).toBe(200);
    expect((await db.store.getIntro(intro.id))?.status).toBe("consent_requested");
    const [unclear] = (await db.store.listEvents(intro.id)).filter(
      (e) => e.type === "reply_unclear",
    );
    expect(unclear?.data).toMatchObject({ reason: "unverified" });
    expect((await post("pass", "yes-2")).status).toBe(200);
    expect((await db.store.getIntro(intro.id))?.status).toBe("introduced");
  });
});
