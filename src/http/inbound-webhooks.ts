// HTTP inbound mail: a raw RFC 822 POST and the inbound webhooks of Postmark, Mailgun and SendGrid,
// each in its own file under inbound/. Each maps onto the same pipeline as SMTP (receiveMail:
// stored raw first, then processed), with the envelope recipient taken from the format itself:
// BCC exists only there (EMAIL.md).
//
// Protection: raw, Postmark and SendGrid need VOUCH_INBOUND_SECRET as a bearer token or basic-auth
// password (providers put it in the webhook URL); Mailgun posts are checked against their HMAC
// signature. An endpoint whose secret is unset answers 404. Remote is null: the provider, not us,
// received the mail over SMTP, so SPF/DKIM/DMARC are its business.

import { Hono } from "hono";
import type { InboundDeps } from "../app/receive-mail.ts";
import { type InboundWebhookOptions, inbound } from "./inbound/context.ts";
import { mailgunPost } from "./inbound/mailgun.ts";
import { postmarkPost } from "./inbound/postmark.ts";
import { rawPost } from "./inbound/raw.ts";
import { sendgridPost } from "./inbound/sendgrid.ts";

export {
  DEFAULT_MAX_BYTES,
  envelopeLimit,
  type InboundWebhookOptions,
} from "./inbound/context.ts";

/** The inbound routes, mounted under /inbound. */
export function inboundWebhooks(deps: InboundDeps, o: InboundWebhookOptions = {}) {
  const ib = inbound(deps, o);
  const mailgun = mailgunPost(ib);
  return new Hono()
    .post("/raw", rawPost(ib))
    .post("/postmark", postmarkPost(ib))
    .post("/mailgun", mailgun)
    .post("/mailgun/mime", mailgun)
    .post("/sendgrid", sendgridPost(ib));
}
