import { sql } from "kysely";
import type { Person } from "../../domain/types.ts";
import type { Conn, Db } from "./conn.ts";

/** People: their name and preferences, and the hold on one while they are counted. */

export async function upsertPerson(db: Db, p: Person, at: Date): Promise<void> {
  await db
    .insertInto("people")
    .values({ email: p.email, name: p.name, prefs: "{}", created_at: at.toISOString() })
    .onConflict((oc) => oc.column("email").doNothing())
    .execute();
}

/**
 * Holds a person until the transaction ends (PostgreSQL: an advisory lock on the address; a
 * SQLite transaction already excludes every other writer).
 */
export async function lockPerson(c: Conn, email: string): Promise<void> {
  if (!c.db.isTransaction) throw new Error("lockPerson needs a transaction");
  if (c.kind !== "postgres") return;
  await sql`select pg_advisory_xact_lock(hashtextextended(${email.toLowerCase()}, 0))`.execute(
    c.db,
  );
}

export async function getPrefs(db: Db, email: string): Promise<Record<string, unknown>> {
  const r = await db
    .selectFrom("people")
    .select("prefs")
    .where("email", "=", email.toLowerCase())
    .executeTakeFirst();
  return r ? JSON.parse(r.prefs) : {};
}

/** Merges `patch` into the stored preferences in one statement; a null removes one. */
export async function updatePrefs(
  c: Conn,
  email: string,
  patch: Record<string, unknown>,
  at: Date,
): Promise<void> {
  const e = email.toLowerCase();
  const set = Object.fromEntries(
    Object.entries(patch).filter(([, v]) => v !== null && v !== undefined),
  );
  const merged =
    c.kind === "postgres"
      ? sql<string>`jsonb_strip_nulls(people.prefs::jsonb || ${JSON.stringify(patch)}::jsonb)::text`
      : sql<string>`json_patch(people.prefs, ${JSON.stringify(patch)})`;
  await c.db
    .insertInto("people")
    .values({
      email: e,
      name: e.split("@")[0] ?? e,
      prefs: JSON.stringify(set),
      created_at: at.toISOString(),
    })
    .onConflict((oc) => oc.column("email").doUpdateSet({ prefs: merged }))
    .execute();
}
