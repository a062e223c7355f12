// A raw RFC 5322 message from the fields a provider parsed (Postmark's JSON, Mailgun's parsed
// form), built by nodemailer's MailComposer: it encodes non-ASCII names and words (RFC 2047),
// folds long header lines, writes a CR or LF inside a field as a space (so no field can start a
// header of its own), drops control characters from field names and picks each part's encoding.
//
// MailComposer adds a Date and a Message-ID when none is given (the current time in UTC, a
// random id); a message that came without them is stored without them, as before: a made-up
// +0000 would be read as the sender's time zone, and a random id would make each retry of the
// same post a new message.

import MailComposer from "nodemailer/lib/mail-composer";
import { encodeWord } from "nodemailer/lib/mime-funcs";

/** A mailbox of an address field, written by MailComposer (quoted or encoded as it needs). */
export interface Mailbox {
  name: string;
  address: string;
}
/** A header field: a text, or for From, To, Cc and Reply-To a list of mailboxes. */
export type Field = [name: string, value: string | Mailbox[] | undefined];

/** A file that came with the message. */
export interface Attachment {
  filename: string | null;
  contentType: string;
  contentId: string | null;
  content: Buffer;
}

/** Headers that describe the original body: the body is rebuilt, so they are too. */
const BODY_HEADERS = new Set(["content-type", "content-transfer-encoding", "mime-version"]);

// MailComposer folds at whitespace only; a subject with a word too long for a line (998 is the
// limit) is written as encoded words instead, which fold.
const LONG_WORD = /[^\s]{78,}/;
const subject = ([name, value]: [string, string | Mailbox[]]): [string, string | Mailbox[]] =>
  name.toLowerCase() === "subject" && typeof value === "string" && LONG_WORD.test(value)
    ? [name, encodeWord(value.replace(/[\r\n]+/g, " "), "Q", 52)]
    : [name, value];

// A name is one line: MailComposer would keep a CR or LF in it (safely, inside an encoded word),
// and it would come back out when the message is read.
const oneLineNames = ([name, value]: [string, string | Mailbox[]]): [string, string | Mailbox[]] =>
  typeof value === "string"
    ? [name, value]
    : [name, value.map((m) => ({ ...m, name: m.name.replace(/[\r\n]+/g, " ") }))];

// A field name is printable ASCII without a colon; anything else is not a header we can write.
const FIELD_NAME = /^[!-9;-~]+$/;
const ADDRESS_FIELDS = new Set(["from", "to", "cc", "reply-to"]);
const ADDED_WHEN_MISSING = ["date", "message-id"];
// An attachment's type as MIME writes it; anything else is sent as bytes.
const CONTENT_TYPE = /^[\w.+-]+\/[\w.+-]+(\s*;[^\r\n]*)?$/;

const writable = (f: Field): f is [string, string | Mailbox[]] => {
  const [name, value] = f;
  if (value === undefined || !FIELD_NAME.test(name)) return false;
  const key = name.toLowerCase();
  return !BODY_HEADERS.has(key) && (typeof value === "string" || ADDRESS_FIELDS.has(key));
};

/**
 * The message, from its header fields (in order, repeated ones kept) and its bodies; `seed`
 * makes the multipart boundaries the same each time the same post is rebuilt.
 */
export async function toMime(
  headers: Field[],
  body: { text: string; html: string | null; attachments: Attachment[] },
  seed: string,
): Promise<Buffer> {
  const fields = headers.filter(writable).map(subject).map(oneLineNames);
  const given = new Set(fields.map(([k]) => k.toLowerCase()));
  const composer = new MailComposer({
    headers: fields.map(([key, value]) => ({ key, value })),
    text: body.text,
    ...(body.html !== null ? { html: body.html } : {}),
    attachments: body.attachments.map((a) => ({
      content: a.content,
      contentType: CONTENT_TYPE.test(a.contentType) ? a.contentType : "application/octet-stream",
      filename: a.filename || false,
      ...(a.contentId ? { cid: a.contentId } : {}),
      contentDisposition: "attachment",
    })),
    baseBoundary: seed,
    disableFileAccess: true,
    disableUrlAccess: true,
  });
  const raw = await composer.compile().build();
  return withoutAdded(
    raw,
    ADDED_WHEN_MISSING.filter((k) => !given.has(k)),
  );
}

/** The message without the named header fields (and their folded lines). */
function withoutAdded(raw: Buffer, names: string[]): Buffer {
  if (names.length === 0) return raw;
  const end = raw.indexOf("\r\n\r\n");
  const lines = raw.subarray(0, end).toString("latin1").split("\r\n");
  const kept: string[] = [];
  let dropping = false;
  for (const line of lines) {
    if (!/^[ \t]/.test(line))
      dropping = names.includes(line.slice(0, line.indexOf(":")).toLowerCase());
    if (!dropping) kept.push(line);
  }
  return Buffer.concat([Buffer.from(kept.join("\r\n"), "latin1"), raw.subarray(end)]);
}
