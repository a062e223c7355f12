import { sql } from "kysely";
import type { Claim, ClaimedTimer } from "../store.ts";
import type { Conn, Db } from "./conn.ts";

/**
 * Timer rows: written by an intro's commit (commit-intro.ts), claimed here by sweeps with a lease
 * (`FOR UPDATE SKIP LOCKED` on PostgreSQL), then marked done.
 */

export async function claimTimers(c: Conn, claim: Claim): Promise<ClaimedTimer[]> {
  let due = c.db
    .selectFrom("timers")
    .select("id")
    // A literal, so that SQLite's partial index of pending timers (due_at) can answer it.
    .where("status", "=", sql.lit("pending"))
    .where("due_at", "<=", claim.now)
    .where((eb) => eb.or([eb("lease_until", "is", null), eb("lease_until", "<", claim.now)]))
    .orderBy("due_at")
    .limit(claim.limit);
  if (c.kind === "postgres") due = due.forUpdate().skipLocked();
  const rows = await c.db
    .updateTable("timers")
    .set({ lease_owner: claim.owner, lease_until: claim.now + claim.leaseMs })
    .where("id", "in", due)
    .returning(["id", "intro_id", "name", "n", "due_at"])
    .execute();
  return rows
    .map((r) => ({
      id: r.id,
      introId: r.intro_id,
      name: r.name as ClaimedTimer["name"],
      n: Number(r.n),
      dueAt: new Date(Number(r.due_at)).toISOString(),
    }))
    .sort((a, b) => a.dueAt.localeCompare(b.dueAt));
}

/** Marks claimed timers done; returns those this owner still held. */
export async function completeTimers(
  db: Db,
  ids: string[],
  owner: string,
  at: Date,
): Promise<Set<string>> {
  if (!ids.length) return new Set();
  const rows = await db
    .updateTable("timers")
    .set({ status: "done", fired_at: at.toISOString(), lease_until: null })
    .where("id", "in", ids)
    .where("lease_owner", "=", owner)
    .where("status", "=", "pending")
    .returning("id")
    .execute();
  return new Set(rows.map((r) => r.id));
}
