import { type Selectable, sql } from "kysely";
import { metaOf, type OutboxMeta, outboxRow, type Payload } from "../outbox-rows.ts";
import type { Database } from "../schema.ts";
import type { Claim, NewOutboxMessage, OutboxMessage } from "../store.ts";
import type { Conn, Db } from "./conn.ts";

/** Outbox rows: queued mail, claimed by workers with a lease, and its delivery state. */

export function toOutbox(r: Selectable<Database["outbox"]>): OutboxMessage {
  return {
    id: r.id,
    introId: r.intro_id,
    messageId: r.message_id,
    template: r.template,
    status: r.status as OutboxMessage["status"],
    attempts: Number(r.attempts),
    availableAt: Number(r.available_at),
    lastError: r.last_error,
    createdAt: r.created_at,
    sentAt: r.sent_at,
    ...(JSON.parse(r.payload) as Payload),
  };
}

/** The columns of an email's summary on its intro's page (no body). */
export const SUMMARY_COLUMNS = [
  "id",
  "template",
  "status",
  "sent_at",
  "last_error",
  "meta",
  "thread",
] as const;
export type SummaryRow = Pick<Selectable<Database["outbox"]>, (typeof SUMMARY_COLUMNS)[number]>;
/** The columns threading reads. */
export const OUTBOX_META_COLUMNS = ["id", "message_id", "meta", "thread"] as const;
export type OutboxMetaRow = Pick<
  Selectable<Database["outbox"]>,
  (typeof OUTBOX_META_COLUMNS)[number]
>;

/**
 * Each row with its meta. Rows written before the meta column existed carry it only in their
 * payload, which is then read for those rows alone (the bodies are large).
 */
export async function withMeta<
  R extends { id: string; meta: string | null; thread: string | null },
>(db: Db, rows: R[]): Promise<Array<R & OutboxMeta & { thread: string | null }>> {
  const old = rows.filter((r) => !r.meta).map((r) => r.id);
  const payloads = new Map<string, Payload>();
  if (old.length) {
    const found = await db
      .selectFrom("outbox")
      .select(["id", "payload"])
      .where("id", "in", old)
      .execute();
    for (const f of found) payloads.set(f.id, JSON.parse(f.payload) as Payload);
  }
  return rows.map((r) => {
    if (r.meta) return { ...r, ...(JSON.parse(r.meta) as OutboxMeta), thread: r.thread };
    const p = payloads.get(r.id) as Payload;
    return { ...r, ...metaOf(p), thread: p.thread };
  });
}

/** An intro's emails without their bodies: who each went to and how delivery went. */
export async function summariesOf(db: Db, rows: SummaryRow[]) {
  return (await withMeta(db, rows)).map((m) => ({
    id: m.id,
    template: m.template,
    status: m.status as OutboxMessage["status"],
    sentAt: m.sent_at,
    lastError: m.last_error,
    to: m.to,
    cc: m.cc,
  }));
}

/** An intro's outbox rows with their threading meta, oldest first. */
export async function readOutboxMeta(db: Db, introId: string) {
  const rows = await db
    .selectFrom("outbox")
    .select(OUTBOX_META_COLUMNS)
    .where("intro_id", "=", introId)
    .orderBy("created_at")
    .orderBy("id")
    .execute();
  return withMeta(db, rows);
}

export async function claimOutbox(c: Conn, claim: Claim): Promise<OutboxMessage[]> {
  let due = c.db
    .selectFrom("outbox")
    .select("id")
    .where("status", "=", "pending")
    .where("available_at", "<=", claim.now)
    .where((eb) => eb.or([eb("lease_until", "is", null), eb("lease_until", "<", claim.now)]))
    .orderBy("available_at")
    .limit(claim.limit);
  // PostgreSQL: concurrent claimers skip each other's rows. SQLite: one statement is atomic.
  if (c.kind === "postgres") due = due.forUpdate().skipLocked();
  const rows = await c.db
    .updateTable("outbox")
    .set({
      lease_owner: claim.owner,
      lease_until: claim.now + claim.leaseMs,
      attempts: sql<number>`attempts + 1`,
    })
    .where("id", "in", due)
    .returningAll()
    .execute();
  return rows.map(toOutbox).sort((a, b) => a.availableAt - b.availableAt);
}

/** Queues messages that belong to no intro (their one-click links are signed, not stored). */
export async function enqueueNotices(
  db: Db,
  messages: NewOutboxMessage[],
  at: Date,
): Promise<void> {
  if (!messages.length) return;
  const iso = at.toISOString();
  await db
    .insertInto("outbox")
    .values(messages.map((m) => outboxRow(m, iso)))
    .execute();
}

/** Settles a claimed row, if this owner still holds it: sent, retried later, failed or skipped. */
export async function settleOutbox(
  db: Db,
  id: string,
  owner: string,
  set: {
    status?: "sent" | "failed" | "skipped";
    sent_at?: string;
    available_at?: number;
    last_error: string | null;
  },
): Promise<void> {
  await db
    .updateTable("outbox")
    .set({ ...set, lease_until: null })
    .where("id", "=", id)
    .where("lease_owner", "=", owner)
    .execute();
}

export async function listOutbox(
  db: Db,
  q: { id?: string; introId?: string; status?: OutboxMessage["status"] },
) {
  let query = db.selectFrom("outbox").selectAll();
  if (q.id) query = query.where("id", "=", q.id);
  if (q.introId) query = query.where("intro_id", "=", q.introId);
  if (q.status) query = query.where("status", "=", q.status);
  const rows = await query.orderBy("created_at").orderBy("id").execute();
  return rows.map(toOutbox);
}

export async function outboxBacklog(db: Db) {
  const rows = await db
    .selectFrom("outbox")
    .select(["status", (eb) => eb.fn.countAll<number>().as("n")])
    .where("status", "in", ["pending", "failed"])
    .groupBy("status")
    .execute();
  const n = (s: string) => Number(rows.find((r) => r.status === s)?.n ?? 0);
  return { pending: n("pending"), failed: n("failed") };
}

export async function findOutboxByMessageIds(db: Db, ids: string[]) {
  if (!ids.length) return [];
  const rows = await db
    .selectFrom("outbox")
    .select(["id", "intro_id", "message_id", "payload"])
    .where("message_id", "in", ids)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    introId: r.intro_id,
    messageId: r.message_id,
    thread: (JSON.parse(r.payload) as { thread: string }).thread,
  }));
}
