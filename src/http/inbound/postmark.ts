// POST /inbound/postmark: Postmark's inbound webhook JSON. The raw message when the server's
// "include raw email" is on (RawEmail), else rebuilt from the parsed fields. The envelope
// recipient: OriginalRecipient at our domain (inbound domain forwarding), else the +hash of
// Postmark's own inbound address is a thread token (hash+TOKEN@inbound…).

import type { Context } from "hono";
import { z } from "zod";
import { postmarkChecks } from "../provider-checks.ts";
import { bad, notEnabled, tooLarge, unauthenticated } from "./answers.ts";
import { base64Strict, digestOf, parseJson, readBody } from "./body.ts";
import { envelopeLimit, type Inbound } from "./context.ts";
import { envelopeAddress, returnPath } from "./envelope.ts";
import { hasSecret } from "./signatures.ts";
import { type Mailbox, toMime } from "./to-mime.ts";

const PostmarkMailbox = z.object({
  Email: z.string().optional(),
  Name: z.string().optional(),
  MailboxHash: z.string().optional(),
});
type PostmarkMailbox = z.infer<typeof PostmarkMailbox>;

/** Postmark's inbound webhook JSON (only what is read here; the rest is ignored). */
const PostmarkPost = z.object({
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
type PostmarkPost = z.infer<typeof PostmarkPost>;

/** Headers that Postmark gives as fields of their own (and that are written from those). */
const FIELD_HEADERS = new Set(["from", "to", "cc", "subject", "date", "reply-to"]);

export const postmarkPost = (ib: Inbound) => async (c: Context) => {
  if (!ib.secret) return notEnabled("/inbound/postmark", "VOUCH_INBOUND_SECRET");
  if (!hasSecret(c, ib.secret)) return unauthenticated(c);
  const body = await readBody(c, envelopeLimit(ib.maxBytes));
  if (!body) return tooLarge(c, ib.maxBytes);
  const p = parseJson(body, PostmarkPost);
  const headers = (p.Headers ?? []).map((h) => [h.Name, h.Value] as [string, string]);
  const header = (name: string) =>
    headers.find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1];
  const rcpt = recipient(ib, p);
  const raw = p.RawEmail
    ? Buffer.from(p.RawEmail, "utf8")
    : await rebuilt(p, headers, header("message-id"), digestOf(body));
  if (raw.length > ib.maxBytes) return tooLarge(c, ib.maxBytes);
  const mailFrom = returnPath(header("return-path")) ?? p.FromFull?.Email ?? p.From ?? "";
  const checks = postmarkChecks(header, mailFrom);
  const a = { channel: "postmark", mailFrom, rcptTo: [rcpt], remote: null, raw, checks };
  return c.json(await ib.receive(a), 200);
};

/** The envelope recipient of a Postmark post. */
function recipient(ib: Inbound, p: PostmarkPost): string {
  const original = p.OriginalRecipient?.trim() ?? "";
  if (original && ib.ours(envelopeAddress("OriginalRecipient", original)))
    return envelopeAddress("OriginalRecipient", original);
  const hash = p.MailboxHash?.trim();
  if (hash) {
    if (!/^[A-Za-z0-9_-]{1,64}$/.test(hash))
      throw bad("MailboxHash", "is not a thread token (letters, digits, - and _)");
    return `intros+${hash}@${ib.deps.mailDomain}`;
  }
  if (original) return `intros@${ib.deps.mailDomain}`;
  throw bad("OriginalRecipient", "missing (and no MailboxHash)");
}

/** The message, from Postmark's parsed fields and its list of the original headers. */
function rebuilt(
  p: PostmarkPost,
  headers: Array<[string, string]>,
  messageId: string | undefined,
  digest: string,
): Promise<Buffer> {
  const mailboxes = (list: PostmarkMailbox[]): Mailbox[] =>
    list.flatMap((m) => (m.Email ? [{ name: m.Name ?? "", address: m.Email }] : []));
  const from = p.FromFull?.Email ? p.FromFull : { Email: p.From, Name: p.FromName };
  const list = (full: PostmarkMailbox[] | undefined, plain: string | undefined) =>
    full?.length ? mailboxes(full) : plain || undefined;
  return toMime(
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
        messageId ? undefined : `<${(p.MessageID ?? digest).replace(/[^\w.-]/g, "")}@postmark>`,
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
    digest,
  );
}
