// Parses a raw RFC 822 message with postal-mime into the shape the rest of inbound mail uses.
// Inbound mail is hostile input: this never throws. When postal-mime gives up (nesting or
// header limits) or returns nothing useful (a broken multipart boundary), a small fallback
// reader takes the headers and body as they are, and `problems` says what went wrong.

import type { Address, Email } from "postal-mime";
import PostalMime, { addressParser, decodeWords } from "postal-mime";
import { htmlToText } from "./html-to-text.ts";

/** A person in an address header. `email` is as written; compare it lower-cased. */
export interface Mailbox {
  name: string;
  email: string;
}

/** What is known about one attachment, without its content. */
export interface AttachmentInfo {
  filename: string | null;
  mimeType: string;
  disposition: string | null;
  /** Decoded size in bytes. */
  size: number;
  contentId: string | null;
}

/** A machine-readable part of a report (RFC 6522), e.g. message/delivery-status, as text. */
export interface ReportPart {
  mimeType: string;
  text: string;
}

/** One header in document order, duplicates included. */
export interface HeaderField {
  /** Lower-cased name. */
  name: string;
  value: string;
}

/** A received message, parsed. Fields that the message lacks are empty, never missing. */
export interface ParsedMessage {
  from: Mailbox | null;
  to: Mailbox[];
  cc: Mailbox[];
  replyTo: Mailbox[];
  subject: string;
  /** As written, angle brackets included, e.g. `<abc@example.com>`. */
  messageId: string | null;
  inReplyTo: string | null;
  references: string[];
  /** The Date header as an ISO-8601 instant, or null when absent or unreadable. */
  date: string | null;
  /** The sender's UTC offset in minutes, from the Date header: local times in the text are in it. */
  dateOffsetMinutes: number | null;
  /** Lower-cased header name → first value (unfolded, not decoded). */
  headers: Record<string, string>;
  headerList: HeaderField[];
  /** The top-level Content-Type, lower-cased media type only, e.g. `multipart/report`. */
  contentType: string;
  /** Plain text; converted from the HTML when the message has no text part. */
  text: string;
  textFromHtml: boolean;
  html: string | null;
  attachments: AttachmentInfo[];
  /** Report parts (delivery status, returned headers) kept as text for bounce reading. */
  reportParts: ReportPart[];
  /** What could not be read cleanly. Empty for a well-formed message. */
  problems: string[];
}

const REPORT_TYPES = new Set([
  "message/delivery-status",
  "message/global-delivery-status",
  "text/rfc822-headers",
  "message/rfc822",
  "message/global",
  "message/feedback-report",
]);
const REPORT_TEXT_LIMIT = 64 * 1024;
const HEADER_VALUE_LIMIT = 16 * 1024;
const FALLBACK_BODY_LIMIT = 1024 * 1024;

function flattenAddresses(list: Address[] | Address | undefined): Mailbox[] {
  if (!list) return [];
  const out: Mailbox[] = [];
  for (const a of Array.isArray(list) ? list : [list]) {
    if (a.group) {
      for (const m of a.group)
        if (m.address) out.push({ name: m.name ?? "", email: m.address.trim() });
    } else if (a.address) {
      out.push({ name: a.name ?? "", email: a.address.trim() });
    }
  }
  return out;
}

function parseMessageIds(value: string | undefined): string[] {
  if (!value) return [];
  const ids = value.match(/<[^<>\s]+>/g);
  if (ids) return ids;
  return value.split(/[\s,]+/).filter((v) => v.length > 0);
}

/** Reads the UTC offset of an RFC 5322 date ("+0100", "-0500", "GMT", "UTC"), in minutes. */
export function dateOffsetMinutes(raw: string | undefined): number | null {
  if (!raw) return null;
  const cleaned = raw.replace(/\([^)]*\)/g, " ").trim();
  const m = /([+-])(\d{2}):?(\d{2})\s*$/.exec(cleaned);
  if (m) {
    const minutes = Number(m[2]) * 60 + Number(m[3]);
    if (minutes > 14 * 60) return null;
    return m[1] === "-" ? -minutes : minutes;
  }
  if (/\b(?:GMT|UTC|UT|Z)\s*$/i.test(cleaned)) return 0;
  return null;
}

function isoDate(raw: string | undefined): string | null {
  if (!raw) return null;
  const t = Date.parse(raw.replace(/\([^)]*\)/g, " ").trim());
  if (!Number.isFinite(t)) return null;
  const d = new Date(t);
  // Years outside 4 digits cannot be written as plain ISO-8601 and are never real mail dates.
  if (d.getUTCFullYear() < 1970 || d.getUTCFullYear() > 9999) return null;
  return d.toISOString();
}

function mediaType(contentType: string | undefined): string {
  return (contentType ?? "text/plain").split(";")[0]?.trim().toLowerCase() || "text/plain";
}

function byteLength(content: ArrayBuffer | Uint8Array | string): number {
  if (typeof content === "string") return Buffer.byteLength(content);
  return content.byteLength;
}

function decodeText(content: ArrayBuffer | Uint8Array | string): string {
  if (typeof content === "string") return content.slice(0, REPORT_TEXT_LIMIT);
  const bytes = content instanceof Uint8Array ? content : new Uint8Array(content);
  return new TextDecoder("utf-8").decode(bytes.subarray(0, REPORT_TEXT_LIMIT));
}

function checkCharset(contentType: string | undefined, problems: string[]): void {
  const m = /charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType ?? "");
  if (!m?.[1]) return;
  try {
    new TextDecoder(m[1]);
  } catch {
    problems.push(`unknown charset "${m[1].slice(0, 40)}"; text decoded as best it could be`);
  }
}

/** Removes NULs and other C0 controls that no text needs (keeps tab and newlines). */
function cleanControls(text: string, problems: string[], what: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: that is the point
  const cleaned = text.replace(/[\u0000-\u0008\u000b\u000e-\u001f\u007f]/g, "");
  if (cleaned.length !== text.length)
    problems.push(`control characters (NUL and the like) removed from ${what}`);
  return cleaned;
}

interface RawParts {
  headerList: HeaderField[];
  body: string;
}

/** The fallback reader: headers until the first blank line, unfolded; the rest is the body. */
function splitRaw(raw: Buffer | string): RawParts {
  const str = typeof raw === "string" ? raw : raw.toString("latin1");
  const sep = /\r?\n\r?\n/.exec(str);
  const head = str.slice(0, sep ? sep.index : str.length);
  const body = sep
    ? str.slice(sep.index + sep[0].length, sep.index + sep[0].length + FALLBACK_BODY_LIMIT)
    : "";
  const headerList: HeaderField[] = [];
  for (const line of head.split(/\r?\n/, 100_000)) {
    if (/^[ \t]/.test(line) && headerList.length > 0) {
      const last = headerList[headerList.length - 1]!;
      if (last.value.length < HEADER_VALUE_LIMIT)
        last.value += ` ${line.trim().slice(0, HEADER_VALUE_LIMIT)}`;
      continue;
    }
    const m = /^([^:\s]{1,76}):[ \t]*(.*)$/.exec(line);
    if (m && headerList.length < 2000)
      headerList.push({ name: m[1]!.toLowerCase(), value: m[2]!.slice(0, HEADER_VALUE_LIMIT) });
  }
  return { headerList, body };
}

function headerMap(list: HeaderField[]): Record<string, string> {
  // A null-prototype object: a header named "__proto__" must not reach Object.prototype.
  const map: Record<string, string> = Object.create(null);
  for (const h of list) if (!(h.name in map)) map[h.name] = h.value;
  return map;
}

function emptyMessage(): ParsedMessage {
  return {
    from: null,
    to: [],
    cc: [],
    replyTo: [],
    subject: "",
    messageId: null,
    inReplyTo: null,
    references: [],
    date: null,
    dateOffsetMinutes: null,
    headers: Object.create(null),
    headerList: [],
    contentType: "text/plain",
    text: "",
    textFromHtml: false,
    html: null,
    attachments: [],
    reportParts: [],
    problems: [],
  };
}

function addressesFromHeader(value: string | undefined): Mailbox[] {
  if (!value) return [];
  try {
    return flattenAddresses(addressParser(value) as Address[]);
  } catch {
    return [];
  }
}

function decodeHeaderWords(value: string): string {
  try {
    return decodeWords(value);
  } catch {
    return value;
  }
}

/** Builds a message from the raw text alone, for when postal-mime could not parse it. */
function fallbackRead(raw: Buffer | string, problems: string[]): ParsedMessage {
  const msg = emptyMessage();
  const { headerList, body } = splitRaw(raw);
  msg.headerList = headerList;
  msg.headers = headerMap(headerList);
  const h = msg.headers;
  msg.from = addressesFromHeader(h.from)[0] ?? null;
  msg.to = addressesFromHeader(h.to);
  msg.cc = addressesFromHeader(h.cc);
  msg.replyTo = addressesFromHeader(h["reply-to"]);
  msg.subject = decodeHeaderWords(h.subject ?? "");
  msg.messageId = h["message-id"]?.trim() || null;
  msg.inReplyTo = h["in-reply-to"]?.trim() || null;
  msg.references = parseMessageIds(h.references);
  msg.date = isoDate(h.date);
  msg.dateOffsetMinutes = dateOffsetMinutes(h.date);
  msg.contentType = mediaType(h["content-type"]);
  const plain = body.replace(/\r\n/g, "\n");
  if (msg.contentType === "text/html") {
    msg.html = plain;
    msg.text = htmlToText(plain);
    msg.textFromHtml = true;
  } else {
    msg.text = plain;
  }
  msg.problems = problems;
  return msg;
}

/** Strips multipart framing from a body whose boundary matched nothing, so its text is readable. */
function unframedBody(raw: Buffer | string): string {
  const { body } = splitRaw(raw);
  return body
    .replace(/\r\n/g, "\n")
    .split("\n")
    .filter(
      (l) => !/^--\S*\s*$/.test(l) && !/^content-(?:type|transfer-encoding|disposition):/i.test(l),
    )
    .join("\n")
    .trim();
}

function fromEmail(email: Email, raw: Buffer | string, problems: string[]): ParsedMessage {
  const msg = emptyMessage();
  msg.headerList = email.headers.map((h) => ({ name: h.key, value: h.value }));
  msg.headers = headerMap(msg.headerList);
  const h = msg.headers;
  msg.from = flattenAddresses(email.from)[0] ?? null;
  msg.to = flattenAddresses(email.to);
  msg.cc = flattenAddresses(email.cc);
  msg.replyTo = flattenAddresses(email.replyTo);
  msg.subject = email.subject ?? "";
  msg.messageId = email.messageId?.trim() || null;
  msg.inReplyTo = email.inReplyTo?.trim() || null;
  msg.references = parseMessageIds(email.references);
  msg.date = isoDate(h.date);
  msg.dateOffsetMinutes = dateOffsetMinutes(h.date);
  if (h.date && !msg.date) problems.push("unreadable Date header");
  msg.contentType = mediaType(h["content-type"]);
  checkCharset(h["content-type"], problems);
  msg.html = email.html ?? null;
  if (email.text?.trim()) {
    msg.text = email.text;
  } else if (email.html) {
    msg.text = htmlToText(email.html);
    msg.textFromHtml = true;
  }
  for (const a of email.attachments) {
    const mimeType = (a.mimeType || "application/octet-stream").toLowerCase();
    msg.attachments.push({
      filename: a.filename ?? null,
      mimeType,
      disposition: a.disposition ?? null,
      size: byteLength(a.content),
      contentId: a.contentId ?? null,
    });
    if (REPORT_TYPES.has(mimeType)) msg.reportParts.push({ mimeType, text: decodeText(a.content) });
  }
  const empty = !msg.text.trim() && !msg.html && email.attachments.length === 0;
  if (empty && msg.contentType.startsWith("multipart/")) {
    const body = unframedBody(raw);
    if (body) {
      problems.push("multipart body whose boundary matches no part; read as plain text");
      msg.text = body;
    }
  }
  if (!msg.from) problems.push(h.from ? "unreadable From header" : "no From header");
  if (msg.text.includes("\ufffd")) problems.push("text has bytes that could not be decoded");
  msg.problems = problems;
  return msg;
}

/**
 * Parses a raw message. Never throws: a message that cannot be parsed cleanly comes back with
 * what could be read and a list of `problems`.
 */
export async function readMessage(raw: Buffer | string): Promise<ParsedMessage> {
  const problems: string[] = [];
  let msg: ParsedMessage;
  try {
    const email = await PostalMime.parse(raw);
    msg = fromEmail(email, raw, problems);
  } catch (e) {
    problems.push(
      `MIME structure unreadable (${e instanceof Error ? e.message.slice(0, 120) : "parse error"}); headers and body read as raw text`,
    );
    try {
      msg = fallbackRead(raw, problems);
    } catch {
      msg = emptyMessage();
      msg.problems = problems;
    }
  }
  msg.text = cleanControls(msg.text.replace(/\r\n?/g, "\n"), msg.problems, "the text");
  msg.subject = cleanControls(msg.subject, msg.problems, "the subject").replace(/[\r\n]+/g, " ");
  if (msg.html !== null) msg.html = msg.html.replaceAll("\u0000", "");
  return msg;
}
