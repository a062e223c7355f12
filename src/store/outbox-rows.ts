import type { Insertable } from "kysely";
import type { Database } from "./schema.ts";
import type { NewOutboxMessage, OutboxMessage } from "./store.ts";

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

/**
 * The row of a message queued at `at`, pending. It is due at once: at `at`, or when it is
 * committed if `at` is later, as for mail fired by `vouch timers run --as-of` a future instant
 * (that run stands for the future, but its mail is sent by the real clock).
 */
export function outboxRow(
  m: NewOutboxMessage,
  at: string,
  committedAt: number = Date.now(),
): Insertable<Database["outbox"]> {
  return {
    id: m.id,
    intro_id: m.introId,
    message_id: m.messageId,
    template: m.template,
    status: "pending",
    available_at: Math.min(Date.parse(at), committedAt),
    created_at: at,
    payload: JSON.stringify(payloadOf(m)),
    thread: m.thread,
    meta: JSON.stringify(metaOf(m)),
  };
}
