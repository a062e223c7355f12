// POST /inbound/sendgrid: SendGrid's Inbound Parse with "POST the raw, full MIME message" on:
// the message in the `email` field, the envelope (BCC included) as JSON in `envelope`.

import type { Context } from "hono";
import { z } from "zod";
import { sendgridChecks } from "../provider-checks.ts";
import { bad, notEnabled, tooLarge, unauthenticated } from "./answers.ts";
import { parseJsonField, readPost } from "./body.ts";
import { envelopeLimit, type Inbound } from "./context.ts";
import { envelopeSender, unique } from "./envelope.ts";
import { hasSecret } from "./signatures.ts";

const SendGridEnvelope = z.object({
  to: z.array(z.string()).min(1, "names no recipient"),
  from: z.string().nullable().optional(),
});

export const sendgridPost = (ib: Inbound) => async (c: Context) => {
  if (!ib.secret) return notEnabled("/inbound/sendgrid", "VOUCH_INBOUND_SECRET");
  if (!hasSecret(c, ib.secret)) return unauthenticated(c);
  const read = await readPost(c, envelopeLimit(ib.maxBytes));
  if (!read) return tooLarge(c, ib.maxBytes);
  const field = (name: string) => read.form.get(name)?.[0]?.data;
  const raw = field("email");
  if (!raw)
    throw bad(
      "email",
      "missing: turn on “POST the raw, full MIME message” in the Inbound Parse settings",
    );
  const text = (name: string) => field(name)?.toString("utf8");
  const envelope = parseJsonField("envelope", text("envelope") ?? "", SendGridEnvelope);
  const rcptTo = ib.keepOurs("envelope.to", envelope.to);
  const mailFrom = envelopeSender("envelope.from", envelope.from ?? "");
  if (raw.length > ib.maxBytes) return tooLarge(c, ib.maxBytes);
  const checks = sendgridChecks(text, mailFrom);
  const a = { channel: "sendgrid", mailFrom, rcptTo: unique(rcptTo), remote: null, raw, checks };
  return c.json(await ib.receive(a), 200);
};
