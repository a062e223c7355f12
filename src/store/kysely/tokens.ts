import type { ActionToken } from "../store.ts";
import { type Conn, type Db, runCompiled } from "./conn.ts";

/**
 * One-click link tokens and personal API tokens. A one-click token is signed, not stored: only
 * the hash of one that was spent is (`spent_tokens`). `action_tokens` holds the hashes of links
 * sent before tokens were signed, and is only read.
 */

/** A link sent before tokens were signed, by its hash. */
export async function findActionToken(db: Db, hash: string): Promise<ActionToken | null> {
  const r = await db
    .selectFrom("action_tokens")
    .selectAll()
    .where("hash", "=", hash)
    .executeTakeFirst();
  if (!r) return null;
  return {
    hash: r.hash,
    outboxId: r.outbox_id,
    introId: r.intro_id,
    email: r.email,
    action: r.action,
    expiresAt: Number(r.expires_at),
    usedAt: r.used_at,
  };
}

/** Spends a one-click token; false if it was already spent (single-use: a unique key). */
export async function useActionToken(db: Db, hash: string, at: Date): Promise<boolean> {
  const r = await db
    .insertInto("spent_tokens")
    .values({ hash, used_at: at.toISOString() })
    .onConflict((oc) => oc.column("hash").doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows) === 1;
}

/** When a token was spent, or null: here, or (for a link sent before tokens were signed) there. */
export async function tokenSpentAt(db: Db, hash: string): Promise<string | null> {
  const r = await db
    .selectFrom("spent_tokens")
    .select("used_at")
    .where("hash", "=", hash)
    .executeTakeFirst();
  return r?.used_at ?? null;
}

export async function insertApiToken(
  db: Db,
  t: { hash: string; email: string; label: string; at: Date },
): Promise<void> {
  await db
    .insertInto("api_tokens")
    .values({ hash: t.hash, email: t.email, label: t.label, created_at: t.at.toISOString() })
    .execute();
}

/** Every API request looks its token up: a compiled primary-key read. */
export async function findApiToken(c: Conn, hash: string): Promise<{ email: string } | null> {
  const [row] = await runCompiled(
    c,
    "api token",
    (p) => c.db.selectFrom("api_tokens").select("email").where("hash", "=", p),
    [hash],
  );
  return row ? { email: row.email } : null;
}

export async function listApiTokens(db: Db, email: string) {
  const rows = await db
    .selectFrom("api_tokens")
    .select(["hash", "label", "created_at", "last_used_at"])
    .where("email", "=", email)
    .orderBy("created_at", "desc")
    .orderBy("hash")
    .execute();
  return rows.map((r) => ({
    hash: r.hash,
    label: r.label,
    createdAt: r.created_at,
    lastUsedAt: r.last_used_at,
  }));
}

export async function deleteApiTokens(db: Db, hashes: string[]): Promise<number> {
  if (!hashes.length) return 0;
  const r = await db.deleteFrom("api_tokens").where("hash", "in", hashes).executeTakeFirst();
  return Number(r.numDeletedRows);
}

export async function touchApiToken(db: Db, hash: string, at: Date): Promise<void> {
  await db
    .updateTable("api_tokens")
    .set({ last_used_at: at.toISOString() })
    .where("hash", "=", hash)
    .execute();
}
