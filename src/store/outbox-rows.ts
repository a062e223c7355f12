import type { OutboxMessage } from "./store.ts";

// An outbox row keeps the whole message in `payload` (JSON), and beside it, in `meta`, the small
// part that threading and listings read, so they never parse the bodies.

const PAYLOAD_KEYS = [
  "thread",
  "from",
  "to",
  "cc",
  "replyTo",
  "inReplyTo",
  "references",
  "subject",
  "text",
  "html",
  "headers",
  "ics",
  "category",
] as const;
export type Payload = Pick<OutboxMessage, (typeof PAYLOAD_KEYS)[number]>;

export function payloadOf(m: Payload): Payload {
  return Object.fromEntries(PAYLOAD_KEYS.map((k) => [k, m[k]])) as Payload;
}

/** What threading and listings read of an outbox row, kept small beside the full payload. */
export interface OutboxMeta {
  to: OutboxMessage["to"];
  cc: OutboxMessage["cc"];
  references: string[];
  inReplyTo: string | null;
  subject: string;
}

export function metaOf(m: Payload): OutboxMeta {
  return {
    to: m.to,
    cc: m.cc,
    references: m.references,
    inReplyTo: m.inReplyTo,
    subject: m.subject,
  };
}
