// POST /inbound/mailgun and /inbound/mailgun/mime: a Mailgun route's forward. Mailgun posts the
// raw MIME (body-mime) only to a route URL that ends in "mime"; other posts are rebuilt from the
// parsed fields and the original headers (message-headers). Each post is checked against its
// HMAC signature, and a replay of a signed post stores nothing again.

import type { Context } from "hono";
import { z } from "zod";
import { readMessage } from "../../mail/inbound/read-message.ts";
import { mailgunChecks } from "../provider-checks.ts";
import { notEnabled, tooLarge, unauthenticated } from "./answers.ts";
import { parseJsonField, readPost } from "./body.ts";
import { envelopeLimit, type Inbound } from "./context.ts";
import { envelopeSender } from "./envelope.ts";
import type { Form } from "./form.ts";
import { mailgunSignature } from "./signatures.ts";
import { toMime } from "./to-mime.ts";

const MessageHeaders = z.array(z.tuple([z.string(), z.string()]));

const textOf = (form: Form) => (name: string) => form.get(name)?.[0]?.data.toString("utf8");

export const mailgunPost = (ib: Inbound) => async (c: Context) => {
  const key = ib.mailgunSigningKey;
  if (!key) return notEnabled("/inbound/mailgun", "VOUCH_MAILGUN_SIGNING_KEY");
  const read = await readPost(c, envelopeLimit(ib.maxBytes));
  if (!read) return tooLarge(c, ib.maxBytes);
  const { form, digest } = read;
  const text = textOf(form);
  const timestamp = text("timestamp") ?? "";
  const token = text("token") ?? "";
  const now = ib.deps.now().getTime();
  const maxAgeS = ib.mailgunMaxAgeS;
  const signed = mailgunSignature(
    { timestamp, token, signature: text("signature") ?? "" },
    key,
    now,
    maxAgeS,
  );
  if ("refused" in signed) return unauthenticated(c, signed.refused);
  // A replay of a signed post stores nothing again, whichever instance received the first,
  // and after a restart: the signature is claimed in the database before anything is stored.
  const store = ib.deps.store;
  const sig = { provider: "mailgun", timestamp, token };
  const claim = await store.claimInboundSignature(sig, signed.at, now - maxAgeS * 1000);
  if (!claim.fresh) {
    const first = claim.inboundId ? await store.getInbound(claim.inboundId) : null;
    return c.json({ id: claim.inboundId, status: first?.status ?? "received", replay: true }, 200);
  }
  try {
    const r = await message(ib, c, form, digest);
    await store.settleInboundSignature(sig, "id" in r ? r.id : null);
    return "response" in r ? r.response : c.json(r, 200);
  } catch (e) {
    await store.settleInboundSignature(sig, null);
    throw e;
  }
};

/** The message of a verified post: stored and processed, or the answer refusing it. */
async function message(
  ib: Inbound,
  c: Context,
  form: Form,
  digest: string,
): Promise<{ id: string; status: string } | { response: Response }> {
  const text = textOf(form);
  const recipients = (text("recipient") ?? "").split(",").map((s) => s.trim());
  const rcptTo = ib.keepOurs("recipient", recipients.filter(Boolean));
  const sender = text("sender");
  const raw = form.get("body-mime")?.[0]?.data ?? (await rebuilt(form, digest));
  if (raw.length > ib.maxBytes) return { response: tooLarge(c, ib.maxBytes) };
  const mailFrom =
    sender !== undefined
      ? envelopeSender("sender", sender)
      : ((await readMessage(raw)).from?.email ?? "");
  const checks = mailgunChecks(text, mailFrom, raw);
  return ib.receive({ channel: "mailgun", mailFrom, rcptTo, remote: null, raw, checks });
}

/** A parsed post's message, from the original headers, the bodies and the attachment files. */
function rebuilt(form: Form, digest: string): Promise<Buffer> {
  const text = textOf(form);
  const headers = parseJsonField(
    "message-headers",
    text("message-headers") ?? "[]",
    MessageHeaders,
  );
  const files = [...form.entries()]
    .filter(([k]) => /^attachment-\d+$/.test(k))
    .flatMap(([, v]) => v);
  return toMime(
    headers,
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
