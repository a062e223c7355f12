import type { Selectable } from "kysely";
import type { Database } from "../schema.ts";
import type { InboundMessage, InboundOutcome } from "../store.ts";
import type { Db } from "./conn.ts";

/**
 * Received mail: stored raw first, then its outcome; and the Message-IDs that changed something
 * (`inbound_applied`), so a reply is applied once. Signed webhook posts: inbound-signatures.ts.
 */

function toInbound(r: Selectable<Database["inbound_messages"]>): InboundMessage {
  return {
    id: r.id,
    messageId: r.message_id,
    receivedAt: r.received_at,
    channel: r.channel,
    mailFrom: r.mail_from,
    rcptTo: JSON.parse(r.rcpt_to),
    remote: JSON.parse(r.remote),
    raw: Buffer.from(r.raw),
    status: r.status as InboundMessage["status"],
    introId: r.intro_id,
    result: r.result ? JSON.parse(r.result) : null,
    error: r.error,
    checks: r.checks ? JSON.parse(r.checks) : null,
  };
}

export async function insertInbound(
  db: Db,
  m: Omit<InboundMessage, "status" | "introId" | "result" | "error">,
): Promise<void> {
  await db
    .insertInto("inbound_messages")
    .values({
      id: m.id,
      message_id: m.messageId,
      received_at: m.receivedAt,
      channel: m.channel,
      mail_from: m.mailFrom,
      rcpt_to: JSON.stringify(m.rcptTo),
      remote: JSON.stringify(m.remote),
      raw: m.raw,
      checks: m.checks ? JSON.stringify(m.checks) : null,
      status: "received",
    })
    .execute();
}

export async function getInbound(db: Db, id: string): Promise<InboundMessage | null> {
  const r = await db
    .selectFrom("inbound_messages")
    .selectAll()
    .where("id", "=", id)
    .executeTakeFirst();
  return r ? toInbound(r) : null;
}

export async function listInbound(
  db: Db,
  q: { status?: InboundMessage["status"]; limit?: number },
): Promise<InboundMessage[]> {
  let query = db.selectFrom("inbound_messages").selectAll();
  if (q.status) query = query.where("status", "=", q.status);
  const rows = await query
    .orderBy("received_at")
    .orderBy("id")
    .limit(q.limit ?? 100)
    .execute();
  return rows.map(toInbound);
}

export async function setInboundStatus(
  db: Db,
  id: string,
  status: InboundMessage["status"],
  info: InboundOutcome,
): Promise<void> {
  await db
    .updateTable("inbound_messages")
    .set({
      status,
      ...(info.introId !== undefined ? { intro_id: info.introId } : {}),
      ...(info.result !== undefined
        ? { result: info.result ? JSON.stringify(info.result) : null }
        : {}),
      ...(info.error !== undefined ? { error: info.error } : {}),
    })
    .where("id", "=", id)
    .execute();
}

/** Records that a received Message-ID changed something; false if it already had. */
export async function markApplied(
  db: Db,
  messageId: string,
  inboundId: string,
  at: Date,
): Promise<boolean> {
  const r = await db
    .insertInto("inbound_applied")
    .values({ message_id: messageId, inbound_id: inboundId, at: at.toISOString() })
    .onConflict((oc) => oc.column("message_id").doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
}
