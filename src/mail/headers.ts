/**
 * Header safety and threading helpers. Everything that ends up in an outbound header (names,
 * subjects, addresses, Message-IDs) goes through here first, so a hostile value is refused with a
 * coded error before anything is queued, instead of being mangled by the SMTP layer later.
 */
import { VouchError } from "../domain/errors.ts";

/**
 * Throws `HEADER_INJECTION` when `value` contains CR or LF (or NUL). A line break in a header value
 * would let the value start a new header (an extra Bcc:, say) or end the headers early.
 */
export function assertHeaderSafe(field: string, value: string): void {
  if (/[\r\n]/.test(value) || value.includes("\0")) {
    throw new VouchError("HEADER_INJECTION", `${field} must not contain a line break`, { field });
  }
}

// RFC 5322 atext. A display name made only of these (and single spaces) needs no quoting.
const ATEXT = "A-Za-z0-9!#$%&'*+/=?^_`{|}~\\-";
const PLAIN_PHRASE = new RegExp(`^[${ATEXT}]+(?: [${ATEXT}]+)*$`);
// Deliberately conservative: a dot-atom local part (RFC 6532 allows non-ASCII, which real
// mailboxes use) and a domain of LDH labels with at least one dot. A single-label domain is
// almost always a typo ("alice@gmail") and is not deliverable on the internet.
const LOCAL_PART = new RegExp(`^[${ATEXT}\\u0080-\\uFFFF]+(?:\\.[${ATEXT}\\u0080-\\uFFFF]+)*$`);
const DOMAIN_LABEL =
  /^[A-Za-z0-9\u0080-\uFFFF](?:[A-Za-z0-9\u0080-\uFFFF-]{0,61}[A-Za-z0-9\u0080-\uFFFF])?$/;

/** Throws `INVALID_INPUT` unless `email` is a plain, deliverable-looking addr-spec. */
export function assertValidAddress(field: string, email: string): void {
  assertHeaderSafe(field, email);
  const at = email.lastIndexOf("@");
  const local = email.slice(0, at);
  const domain = email.slice(at + 1);
  const labels = domain.split(".");
  const ok =
    at > 0 &&
    email.length <= 254 &&
    local.length <= 64 &&
    LOCAL_PART.test(local) &&
    domain.length <= 253 &&
    labels.length >= 2 &&
    labels.every((l) => DOMAIN_LABEL.test(l));
  if (!ok) {
    throw new VouchError("INVALID_INPUT", `${field} is not a valid email address`, { field });
  }
}

function hasControlChar(s: string): boolean {
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    if ((c < 0x20 && c !== 0x09) || c === 0x7f) return true;
  }
  return false;
}

/** A mailbox: an optional display name and an address. */
export interface Mailbox {
  name?: string | null;
  email: string;
}

/**
 * Formats a mailbox for a From/To/Cc header: `Jane Doe <jane@example.com>`, or
 * `"Doe, Jane \"JD\"" <jane@example.com>` when the name needs quoting (RFC 5322 §3.2.4).
 * Non-ASCII names are left as UTF-8: nodemailer MIME-encodes them (RFC 2047) when it builds
 * the header.
 */
export function formatAddress(mailbox: Mailbox, field = "address"): string {
  const email = mailbox.email.trim();
  assertValidAddress(`${field}.email`, email);
  const rawName = mailbox.name ?? "";
  assertHeaderSafe(`${field}.name`, rawName);
  // Other control characters are not injection, but no mail client shows them sensibly.
  if (hasControlChar(rawName)) {
    throw new VouchError("INVALID_INPUT", `${field}.name contains a control character`, {
      field: `${field}.name`,
    });
  }
  const name = rawName.replace(/\s+/g, " ").trim();
  if (!name) return email;
  if (PLAIN_PHRASE.test(name)) return `${name} <${email}>`;
  return `"${name.replace(/[\\"]/g, "\\$&")}" <${email}>`;
}

/** `"Jane"` → `"Jane via Vouch"`: the display name of every message relayed on Jane's behalf. */
export function viaName(name: string): string {
  assertHeaderSafe("name", name);
  const n = name.replace(/\s+/g, " ").trim();
  return n ? `${n} via Vouch` : "Vouch";
}

/**
 * Adds exactly one `Re: ` (RFC 5322 §3.6.5), folding any existing `Re:`, `RE:`, `Re[2]:`… so a
 * long thread keeps one stable subject, which Outlook and Apple Mail thread on.
 */
export function replySubject(subject: string): string {
  assertHeaderSafe("subject", subject);
  const base = subject.replace(/^(?:\s*re(?:\[\d+\])?\s*:)+\s*/i, "").trim();
  return `Re: ${base}`;
}

/** The parent message a reply threads under. */
export interface ThreadParent {
  messageId: string;
  references?: readonly string[];
  inReplyTo?: string | null;
}

/** The threading headers of a reply (nodemailer takes `references` as an array). */
export interface ThreadHeaders {
  inReplyTo: string;
  references: string[];
}

const MSG_ID = /^<[^<>\s@]+@[^<>\s@]+>$/;

function normalizeMessageId(field: string, id: string): string {
  assertHeaderSafe(field, id);
  const t = id.trim();
  const bracketed = t.startsWith("<") ? t : `<${t}>`;
  if (!MSG_ID.test(bracketed)) {
    throw new VouchError("INVALID_INPUT", `${field} is not a valid Message-ID`, { field });
  }
  return bracketed;
}

/**
 * RFC 5322 §3.6.4: In-Reply-To is the parent's id; References is the parent's References (or,
 * failing that, its In-Reply-To) followed by the parent's id.
 */
export function threadHeaders(parent: ThreadParent): ThreadHeaders {
  const id = normalizeMessageId("messageId", parent.messageId);
  const ancestors =
    parent.references && parent.references.length > 0
      ? parent.references
      : parent.inReplyTo
        ? [parent.inReplyTo]
        : [];
  // The parent's own id must come last, even if an ancestor list already (wrongly) held it.
  const earlier = ancestors.map((r) => normalizeMessageId("references", r)).filter((r) => r !== id);
  return { inReplyTo: id, references: [...new Set(earlier), id] };
}
