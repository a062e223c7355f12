// HTTP inbound mail: a raw RFC 822 POST and the inbound webhooks of Postmark, Mailgun and SendGrid.
// Each maps onto the same pipeline as SMTP (receiveMail: stored raw first, then processed), with
// the envelope recipient taken from the format itself: BCC exists only there (EMAIL.md).
//
// Protection: raw, Postmark and SendGrid need VOUCH_INBOUND_SECRET as a bearer token or basic-auth
// password (providers put it in the webhook URL); Mailgun posts are checked against their HMAC
// signature. An endpoint whose secret is unset answers 404. Remote is null: the provider, not us,
// received the mail over SMTP, so SPF/DKIM/DMARC are its business.

import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import { type Context, Hono } from "hono";
import { addressParser } from "postal-mime";
import { z } from "zod";
import { type Arrival, type InboundDeps, receiveMail } from "../app/receive-mail.ts";
import { VouchError } from "../domain/errors.ts";
import { readMessage } from "../mail/inbound/read-message.ts";
import { errorBody, fromZodError } from "./error-map.ts";
import { type Form, mediaType, readForm } from "./inbound/form.ts";
import { type Mailbox, toMime } from "./inbound/to-mime.ts";
import { mailgunChecks, postmarkChecks, sendgridChecks } from "./provider-checks.ts";

export interface InboundWebhookOptions {
  /** VOUCH_INBOUND_SECRET: unset, /inbound/raw, /postmark and /sendgrid answer 404. */
  secret?: string | undefined;
  /** VOUCH_MAILGUN_SIGNING_KEY: unset, /inbound/mailgun answers 404. */
  mailgunSigningKey?: string | undefined;
  /** The largest message accepted (VOUCH_SMTP_MAX_BYTES, as for SMTP); larger answers 413. */
  maxBytes?: number;
  /** How far a Mailgun timestamp may be from our clock, in seconds (default 300). */
  mailgunMaxAgeS?: number;
  /** Told about each stored message (for the log). */
  onReceived?: (r: {
    id: string;
    status: string;
    channel: string;
    mailFrom: string;
    rcptTo: string[];
  }) => void;
}

export const DEFAULT_MAX_BYTES = 10 * 1024 * 1024;

/** The HTTP body of a provider's post holds the message and more (JSON escaping, base64). */
export const envelopeLimit = (maxBytes: number) => maxBytes * 4 + 64 * 1024;

const bad = (field: string, message: string) =>
  new VouchError("INVALID_INPUT", `${field}: ${message}`, { field });

/** The inbound routes, mounted under /inbound. */
export function inboundWebhooks(deps: InboundDeps, o: InboundWebhookOptions = {}) {
  const app = new Hono();
  const maxBytes = o.maxBytes ?? DEFAULT_MAX_BYTES;
  const maxAgeS = o.mailgunMaxAgeS ?? 300;
  const domain = `@${deps.mailDomain.toLowerCase()}`;
  const ours = (addr: string) => addr.toLowerCase().endsWith(domain);

  /** Stores and processes one message (the size was checked before). */
  const receive = async (a: Arrival) => {
    const r = await receiveMail(deps, a);
    o.onReceived?.({ ...r, channel: a.channel, mailFrom: a.mailFrom, rcptTo: a.rcptTo });
    return { id: r.id, status: r.status };
  };

  /** Only recipients at the mail domain, as SMTP (550 for others); none at all is bad input. */
  const keepOurs = (field: string, list: string[]) => {
    const addrs = list.map((a) => envelopeAddress(field, a));
    const foreign = addrs.find((a) => !ours(a));
    if (foreign) throw bad(field, `${foreign} is not an address at ${deps.mailDomain}`);
    if (addrs.length === 0) throw bad(field, "no envelope recipient");
    return addrs;
  };

  app.post("/raw", async (c) => {
    if (!o.secret) return notEnabled("/inbound/raw", "VOUCH_INBOUND_SECRET");
    if (!hasSecret(c, o.secret)) return unauthenticated(c);
    const type = mediaType(c.req.header("content-type"));
    if (type !== "message/rfc822")
      throw bad("content-type", `must be message/rfc822 (got ${type || "none"})`);
    const raw = await readBody(c, maxBytes);
    if (!raw) return tooLarge(c, maxBytes);
    if (raw.length === 0) throw bad("body", "the message is empty");
    const q = (name: string, header: string) => {
      const values = [...(c.req.queries(name) ?? []), ...(c.req.header(header) ?? "").split(",")];
      return values.flatMap((v) => v.split(",")).map((v) => v.trim());
    };
    const given = q("to", "x-envelope-to").filter(Boolean);
    const fromGiven = c.req.query("from") ?? c.req.header("x-envelope-from");
    let rcptTo: string[];
    let mailFrom: string;
    if (given.length && fromGiven !== undefined) {
      rcptTo = keepOurs("to", given);
      mailFrom = envelopeSender("from", fromGiven);
    } else {
      // No envelope given: an MTA's Delivered-To / X-Original-To, else the message's To and Cc.
      const m = await readMessage(raw);
      if (given.length) rcptTo = keepOurs("to", given);
      else {
        const hop = [m.headers["x-original-to"], m.headers["delivered-to"]]
          .flatMap((v) => parseAddresses(v ?? ""))
          .filter(ours);
        const visible = [...m.to, ...m.cc].map((a) => a.email).filter(ours);
        rcptTo = hop.length ? hop : visible;
        if (!rcptTo.length)
          throw bad(
            "to",
            `the message names no recipient at ${deps.mailDomain}: give the envelope as ?to=`,
          );
      }
      mailFrom =
        fromGiven !== undefined
          ? envelopeSender("from", fromGiven)
          : (returnPath(m.headers["return-path"]) ?? m.from?.email ?? "");
    }
    const a = { channel: "http-raw", mailFrom, rcptTo: unique(rcptTo), remote: null, raw };
    return c.json(await receive(a), 200);
  });

  app.post("/postmark", async (c) => {
    if (!o.secret) return notEnabled("/inbound/postmark", "VOUCH_INBOUND_SECRET");
    if (!hasSecret(c, o.secret)) return unauthenticated(c);
    const body = await readBody(c, envelopeLimit(maxBytes));
    if (!body) return tooLarge(c, maxBytes);
    const p = parseJson(body, PostmarkSchema);
    const headers = (p.Headers ?? []).map((h) => [h.Name, h.Value] as [string, string]);
    const header = (name: string) =>
      headers.find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1];
    // The envelope recipient: OriginalRecipient at our domain (inbound domain forwarding), else
    // the +hash of Postmark's own inbound address is a thread token (hash+TOKEN@inbound…).
    let rcpt: string;
    const original = p.OriginalRecipient?.trim() ?? "";
    if (original && ours(envelopeAddress("OriginalRecipient", original))) {
      rcpt = envelopeAddress("OriginalRecipient", original);
    } else if (p.MailboxHash?.trim()) {
      const hash = p.MailboxHash.trim();
      if (!/^[A-Za-z0-9_-]{1,64}$/.test(hash))
        throw bad("MailboxHash", "is not a thread token (letters, digits, - and _)");
      rcpt = `intros+${hash}@${deps.mailDomain}`;
    } else if (original) {
      rcpt = `intros@${deps.mailDomain}`;
    } else {
      throw bad("OriginalRecipient", "missing (and no MailboxHash)");
    }
    let raw: Buffer;
    if (p.RawEmail) {
      raw = Buffer.from(p.RawEmail, "utf8");
    } else {
      const mailboxes = (list: PostmarkMailbox[]): Mailbox[] =>
        list.flatMap((m) => (m.Email ? [{ name: m.Name ?? "", address: m.Email }] : []));
      const from = p.FromFull?.Email ? p.FromFull : { Email: p.From, Name: p.FromName };
      const list = (full: PostmarkMailbox[] | undefined, plain: string | undefined) =>
        full?.length ? mailboxes(full) : plain || undefined;
      raw = await toMime(
        [
          ["From", mailboxes([from])],
          ["To", list(p.ToFull, p.To)],
          ["Cc", list(p.CcFull, p.Cc)],
          ["Reply-To", p.ReplyTo || undefined],
          ["Subject", p.Subject],
          ["Date", p.Date],
          // Postmark's MessageID is its own id: stable across retries, so a stand-in for a
          // message without one (dedupe needs the same id each time).
          [
            "Message-ID",
            header("message-id")
              ? undefined
              : `<${(p.MessageID ?? sha(body)).replace(/[^\w.-]/g, "")}@postmark>`,
          ],
          ...headers.filter(([k]) => !FIELD_HEADERS.has(k.toLowerCase())),
        ],
        {
          text: p.TextBody ?? "",
          html: p.HtmlBody || null,
          attachments: (p.Attachments ?? []).map((a, i) => ({
            filename: a.Name ?? null,
            contentType: a.ContentType ?? "application/octet-stream",
            contentId: a.ContentID ?? null,
            content: base64Strict(`Attachments.${i}.Content`, a.Content ?? ""),
          })),
        },
        sha(body),
      );
    }
    if (raw.length > maxBytes) return tooLarge(c, maxBytes);
    const mailFrom = returnPath(header("return-path")) ?? p.FromFull?.Email ?? p.From ?? "";
    return c.json(
      await receive({
        channel: "postmark",
        mailFrom,
        rcptTo: [rcpt],
        remote: null,
        raw,
        checks: postmarkChecks(header, mailFrom),
      }),
      200,
    );
  });

  const mailgun = async (c: Context) => {
    if (!o.mailgunSigningKey) return notEnabled("/inbound/mailgun", "VOUCH_MAILGUN_SIGNING_KEY");
    const read = await readPost(c, envelopeLimit(maxBytes));
    if (!read) return tooLarge(c, maxBytes);
    const { form, digest } = read;
    const text = (name: string) => form.get(name)?.[0]?.data.toString("utf8");
    const timestamp = text("timestamp") ?? "";
    const token = text("token") ?? "";
    const signature = text("signature") ?? "";
    if (!timestamp || !token || !signature)
      return unauthenticated(c, "the timestamp, token and signature fields are required");
    const expected = createHmac("sha256", o.mailgunSigningKey)
      .update(timestamp + token)
      .digest("hex");
    if (!sameText(expected, signature.toLowerCase()))
      return unauthenticated(c, "the signature does not match (check VOUCH_MAILGUN_SIGNING_KEY)");
    const now = deps.now().getTime();
    const ts = Number(timestamp) * 1000;
    if (!Number.isFinite(ts) || Math.abs(now - ts) > maxAgeS * 1000)
      return unauthenticated(c, `the signature is stale: its timestamp is over ${maxAgeS}s away`);
    // A replay of a signed post stores nothing again, whichever instance received the first,
    // and after a restart: the signature is claimed in the database before anything is stored.
    const sig = { provider: "mailgun", timestamp, token };
    const claim = await deps.store.claimInboundSignature(sig, ts, now - maxAgeS * 1000);
    if (!claim.fresh) {
      const first = claim.inboundId ? await deps.store.getInbound(claim.inboundId) : null;
      return c.json(
        { id: claim.inboundId, status: first?.status ?? "received", replay: true },
        200,
      );
    }
    try {
      const r = await mailgunMessage(c, form, digest);
      await deps.store.settleInboundSignature(sig, "id" in r ? r.id : null);
      return "response" in r ? r.response : c.json(r, 200);
    } catch (e) {
      await deps.store.settleInboundSignature(sig, null);
      throw e;
    }
  };

  /** The message of a verified Mailgun post: stored and processed, or the answer refusing it. */
  const mailgunMessage = async (
    c: Context,
    form: Form,
    digest: string,
  ): Promise<{ id: string; status: string } | { response: Response }> => {
    const text = (name: string) => form.get(name)?.[0]?.data.toString("utf8");
    const recipients = (text("recipient") ?? "").split(",").map((s) => s.trim());
    const rcptTo = keepOurs("recipient", recipients.filter(Boolean));
    const sender = text("sender");
    let raw = form.get("body-mime")?.[0]?.data;
    if (!raw) {
      // Parsed posts (a route URL not ending in "mime"): rebuilt from the original headers.
      const list = parseJsonText("message-headers", text("message-headers") ?? "[]", MgHeaders);
      const files = [...form.entries()]
        .filter(([k]) => /^attachment-\d+$/.test(k))
        .flatMap(([, v]) => v);
      raw = await toMime(
        list,
        {
          text: text("body-plain") ?? "",
          html: text("body-html") ?? null,
          attachments: files.map((f) => ({
            filename: f.filename ?? null,
            contentType: f.type ?? "application/octet-stream",
            contentId: null,
            content: f.data,
          })),
        },
        digest,
      );
    }
    if (raw.length > maxBytes) return { response: tooLarge(c, maxBytes) };
    const mailFrom =
      sender !== undefined
        ? envelopeSender("sender", sender)
        : ((await readMessage(raw)).from?.email ?? "");
    const checks = mailgunChecks(text, mailFrom, raw);
    return receive({ channel: "mailgun", mailFrom, rcptTo, remote: null, raw, checks });
  };
  // Mailgun posts the raw MIME only to a route URL that ends in "mime".
  app.post("/mailgun", mailgun);
  app.post("/mailgun/mime", mailgun);

  app.post("/sendgrid", async (c) => {
    if (!o.secret) return notEnabled("/inbound/sendgrid", "VOUCH_INBOUND_SECRET");
    if (!hasSecret(c, o.secret)) return unauthenticated(c);
    const read = await readPost(c, envelopeLimit(maxBytes));
    if (!read) return tooLarge(c, maxBytes);
    const { form } = read;
    const raw = form.get("email")?.[0]?.data;
    if (!raw)
      throw bad(
        "email",
        "missing: turn on “POST the raw, full MIME message” in the Inbound Parse settings",
      );
    const envelope = parseJsonText(
      "envelope",
      form.get("envelope")?.[0]?.data.toString("utf8") ?? "",
      SendGridEnvelope,
    );
    const rcptTo = keepOurs("envelope.to", envelope.to);
    const mailFrom = envelopeSender("envelope.from", envelope.from ?? "");
    if (raw.length > maxBytes) return tooLarge(c, maxBytes);
    const field = (name: string) => form.get(name)?.[0]?.data.toString("utf8");
    const a = {
      channel: "sendgrid",
      mailFrom,
      rcptTo: unique(rcptTo),
      remote: null,
      raw,
      checks: sendgridChecks(field, mailFrom),
    };
    return c.json(await receive(a), 200);
  });

  return app;
}

// --- Answers ------------------------------------------------------------------------------------

function notEnabled(path: string, variable: string): never {
  throw new VouchError("NOT_FOUND", `${path} is not enabled on this server (set ${variable})`);
}

function unauthenticated(c: Context, why = "a bearer token or basic-auth password is required") {
  const e = new VouchError("UNAUTHENTICATED", why);
  return c.json(errorBody(e), 401, {
    "WWW-Authenticate": 'Basic realm="vouch inbound", charset="UTF-8"',
  });
}

function tooLarge(c: Context, limit: number) {
  const e = new VouchError(
    "TOO_LARGE",
    `the message is over the size limit of ${limit} bytes (VOUCH_SMTP_MAX_BYTES)`,
    { limit },
  );
  return c.json(errorBody(e), 413);
}

// --- Authentication -------------------------------------------------------------------------------

/** Compares in constant time (digests first, so lengths leak nothing). */
function sameText(a: string, b: string): boolean {
  const h = (s: string) => createHash("sha256").update(s).digest();
  return timingSafeEqual(h(a), h(b)) && a.length === b.length;
}

/** `Authorization: Bearer SECRET`, or basic auth with SECRET as the password (or user alone). */
function hasSecret(c: Context, secret: string): boolean {
  const auth = c.req.header("authorization") ?? "";
  const m = /^(Bearer|Basic)\s+(\S+)\s*$/i.exec(auth);
  if (!m) return false;
  if (m[1]!.toLowerCase() === "bearer") return sameText(m[2]!, secret);
  const decoded = Buffer.from(m[2]!, "base64").toString("utf8");
  const i = decoded.indexOf(":");
  const user = i < 0 ? decoded : decoded.slice(0, i);
  const password = i < 0 ? "" : decoded.slice(i + 1);
  return sameText(password || user, secret);
}

// --- Reading bodies -------------------------------------------------------------------------------

/** The body, or null when it is over `limit` bytes (read no further than that). */
async function readBody(c: Context, limit: number): Promise<Buffer | null> {
  const declared = Number(c.req.header("content-length"));
  if (Number.isFinite(declared) && declared > limit) return null;
  const stream = c.req.raw.body;
  if (!stream) return Buffer.alloc(0);
  const chunks: Buffer[] = [];
  let n = 0;
  for await (const chunk of stream as unknown as AsyncIterable<Uint8Array>) {
    n += chunk.byteLength;
    if (n > limit) return null;
    chunks.push(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
  }
  return Buffer.concat(chunks, n);
}

/** A posted form, or null when the body is over `limit` bytes (read no further than that). */
async function readPost(c: Context, limit: number) {
  const declared = Number(c.req.header("content-length"));
  if (Number.isFinite(declared) && declared > limit) return null;
  return readForm(c.req.raw.body, c.req.header("content-type"), limit);
}

function parseJsonText<T>(field: string, text: string, schema: z.ZodType<T>): T {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw bad(field, "is not valid JSON");
  }
  const r = schema.safeParse(value);
  if (!r.success) {
    const e = fromZodError(r.error, field);
    const sub = String(e.details.field);
    throw bad(sub === field ? field : `${field}.${sub}`, r.error.issues[0]?.message ?? "invalid");
  }
  return r.data;
}

function parseJson<T>(body: Buffer, schema: z.ZodType<T>): T {
  let value: unknown;
  try {
    value = JSON.parse(body.toString("utf8"));
  } catch {
    throw bad("body", "is not valid JSON");
  }
  const r = schema.safeParse(value);
  if (!r.success) throw fromZodError(r.error, "body");
  return r.data;
}

function base64Strict(field: string, s: string): Buffer {
  const clean = s.replace(/\s+/g, "");
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(clean) || clean.length % 4 === 1)
    throw bad(field, "is not base64");
  return Buffer.from(clean, "base64");
}

// --- Addresses ----------------------------------------------------------------------------------

const ADDR = /^[^\s<>(),;:\\"[\]@]+@[A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?$/;

/** One envelope address, bare or in angle brackets; anything else is bad input. */
function envelopeAddress(field: string, value: string): string {
  const v = value.trim().replace(/^<(.*)>$/, "$1");
  if (v.length > 320 || !ADDR.test(v)) throw bad(field, `"${v.slice(0, 80)}" is not an address`);
  return v;
}

/** The envelope sender: an address, or empty (`<>`) for bounces. */
function envelopeSender(field: string, value: string): string {
  const v = value.trim();
  if (v === "" || v === "<>") return "";
  return envelopeAddress(field, v);
}

/** A Return-Path header's address: `<>` is the null sender (""), none at all is undefined. */
function returnPath(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const v = value.trim();
  if (v === "<>" || v === "") return "";
  return parseAddresses(v)[0];
}

function parseAddresses(value: string): string[] {
  if (!value.trim()) return [];
  try {
    const out: string[] = [];
    for (const a of addressParser(value)) {
      if (a.group) for (const g of a.group) g.address && out.push(g.address);
      else if (a.address) out.push(a.address);
    }
    return out.filter((a) => ADDR.test(a));
  } catch {
    return [];
  }
}

const unique = (list: string[]) => [
  ...new Map(list.map((a) => [a.toLowerCase(), a] as const)).values(),
];

const sha = (b: Buffer) => createHash("sha256").update(b).digest("hex").slice(0, 32);

/** Headers that Postmark gives as fields of their own (and that are written from those). */
const FIELD_HEADERS = new Set(["from", "to", "cc", "subject", "date", "reply-to"]);

// --- Formats ------------------------------------------------------------------------------------

const PostmarkMailbox = z.object({
  Email: z.string().optional(),
  Name: z.string().optional(),
  MailboxHash: z.string().optional(),
});
type PostmarkMailbox = z.infer<typeof PostmarkMailbox>;

/** Postmark's inbound webhook JSON (only what is read here; the rest is ignored). */
const PostmarkSchema = z.object({
  From: z.string().optional(),
  FromName: z.string().optional(),
  FromFull: PostmarkMailbox.optional(),
  To: z.string().optional(),
  ToFull: z.array(PostmarkMailbox).optional(),
  Cc: z.string().optional(),
  CcFull: z.array(PostmarkMailbox).optional(),
  ReplyTo: z.string().optional(),
  OriginalRecipient: z.string().optional(),
  MailboxHash: z.string().optional(),
  Subject: z.string().optional(),
  Date: z.string().optional(),
  MessageID: z.string().optional(),
  TextBody: z.string().optional(),
  HtmlBody: z.string().optional(),
  RawEmail: z.string().optional(),
  Headers: z.array(z.object({ Name: z.string(), Value: z.string() })).optional(),
  Attachments: z
    .array(
      z.object({
        Name: z.string().optional(),
        Content: z.string().optional(),
        ContentType: z.string().optional(),
        ContentID: z.string().optional(),
      }),
    )
    .optional(),
});

const MgHeaders = z.array(z.tuple([z.string(), z.string()]));

const SendGridEnvelope = z.object({
  to: z.array(z.string()).min(1, "names no recipient"),
  from: z.string().nullable().optional(),
});
