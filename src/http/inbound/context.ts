// What every inbound endpoint shares: the options, the mail domain's test for envelope
// recipients, and handing a message to the same pipeline as SMTP (receiveMail: stored raw
// first, then processed).

import { type Arrival, type InboundDeps, receiveMail } from "../../app/receive-mail.ts";
import { bad } from "./answers.ts";
import { envelopeAddress } from "./envelope.ts";

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

/** The options with their defaults, and what the endpoints do with a message. */
export interface Inbound {
  deps: InboundDeps;
  secret: string | undefined;
  mailgunSigningKey: string | undefined;
  maxBytes: number;
  mailgunMaxAgeS: number;
  /** Whether an address is at the mail domain. */
  ours: (address: string) => boolean;
  /** Only recipients at the mail domain, as SMTP (550 for others); none at all is bad input. */
  keepOurs: (field: string, list: string[]) => string[];
  /** Stores and processes one message (its size was checked before). */
  receive: (a: Arrival) => Promise<{ id: string; status: string }>;
}

export function inbound(deps: InboundDeps, o: InboundWebhookOptions): Inbound {
  const domain = `@${deps.mailDomain.toLowerCase()}`;
  const ours = (address: string) => address.toLowerCase().endsWith(domain);
  return {
    deps,
    secret: o.secret,
    mailgunSigningKey: o.mailgunSigningKey,
    maxBytes: o.maxBytes ?? DEFAULT_MAX_BYTES,
    mailgunMaxAgeS: o.mailgunMaxAgeS ?? 300,
    ours,
    keepOurs: (field, list) => {
      const addrs = list.map((a) => envelopeAddress(field, a));
      const foreign = addrs.find((a) => !ours(a));
      if (foreign) throw bad(field, `${foreign} is not an address at ${deps.mailDomain}`);
      if (addrs.length === 0) throw bad(field, "no envelope recipient");
      return addrs;
    },
    receive: async (a) => {
      const r = await receiveMail(deps, a);
      o.onReceived?.({ ...r, channel: a.channel, mailFrom: a.mailFrom, rcptTo: a.rcptTo });
      return { id: r.id, status: r.status };
    },
  };
}
