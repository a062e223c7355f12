import { createHash } from "node:crypto";
import { type Insertable, type Kysely, type QueryCreator, sql, type Transaction } from "kysely";
import { VouchError } from "../domain/errors.ts";
import { timerKey } from "../domain/timers.ts";
import type { Intro, TimerSpec } from "../domain/types.ts";
import { outboxRow } from "./outbox-rows.ts";
import type { Database } from "./schema.ts";
import type { Commit, Store } from "./store.ts";

type Db = Kysely<Database> | Transaction<Database>;
type Q = QueryCreator<Database>;

/**
 * A timer's row id: the same timer of the same intro always gets the same id. It starts with the
 * intro's id, so an intro's timers sit together in the key's B-tree and a change that replaces
 * them writes one page of it, not one per timer.
 */
export function timerRowId(introId: string, t: Parameters<typeof timerKey>[0]): string {
  const key = createHash("sha256")
    .update(`${introId}\n${timerKey(t)}`)
    .digest("base64url");
  return `${introId}:${key.slice(0, 16)}`;
}

/** The rows one change writes: the intro's new state, its event, its emails and timers. */
interface Rows {
  intro: Intro;
  /** Only the columns a change can alter: rewriting unchanged indexed columns costs index writes. */
  changing: {
    status?: string;
    target_email?: string | null;
    asked_target_at?: string | null;
    version: number;
    doc: string;
    updated_at: string;
  };
  event: Insertable<Database["intro_events"]>;
  outbox: Insertable<Database["outbox"]>[];
  timers: Insertable<Database["timers"]>[];
}

function rowsOf(c: Commit): Rows {
  const version = c.intro.version + 1;
  const intro: Intro = { ...c.intro, version };
  const at = c.event.at;
  return {
    intro,
    changing: {
      ...changed(c, "status", intro.status, c.before?.status),
      ...changed(c, "target_email", intro.target.email, c.before?.target.email),
      ...changed(c, "asked_target_at", intro.askedTargetAt, c.before?.askedTargetAt),
      version,
      doc: JSON.stringify(intro),
      updated_at: intro.updatedAt,
    },
    event: {
      intro_id: intro.id,
      seq: version,
      type: c.event.type,
      actor: c.event.actor,
      channel: c.event.channel,
      at,
      data: JSON.stringify(c.event.data),
    },
    outbox: c.outbox.map((m) => outboxRow(m, at)),
    timers: c.timers.map((t) => timerRow(intro.id, t)),
  };
}

/** `{ [column]: value }`, unless an existing intro's value stays what it was read as. */
function changed<K extends string, V>(c: Commit, column: K, value: V, was: V | undefined) {
  return !c.isNew && c.before && was === value ? {} : ({ [column]: value } as Record<K, V>);
}

/** The pending row of one of an intro's timers. */
export function timerRow(introId: string, t: TimerSpec): Insertable<Database["timers"]> {
  return {
    id: timerRowId(introId, t),
    intro_id: introId,
    name: t.name,
    n: t.n,
    due_at: Date.parse(t.dueAt),
    status: "pending",
  };
}

/**
 * Writes one change: the intro (checked against the version it was read at), its event row, its
 * outbox rows, their one-click link hashes, and its pending timers (the complete set: pending
 * timers no longer wanted are deleted, new ones inserted, kept ones left alone).
 *
 * PostgreSQL gets it as ONE statement (data-modifying CTEs), because there every statement is a
 * network round trip; SQLite runs in-process, so it gets the plain statements.
 */
export async function commitIntro(db: Db, kind: Store["kind"], c: Commit): Promise<Intro> {
  const r = rowsOf(c);
  const changed =
    kind === "postgres" ? await commitInOneStatement(db, c, r) : await commitInSteps(db, c, r);
  if (!changed) {
    throw new VouchError("CONFLICT", "the intro changed meanwhile; try again", { id: r.intro.id });
  }
  return r.intro;
}

function introInsert(db: Q, r: Rows) {
  const i = r.intro;
  return db.insertInto("intros").values({
    id: i.id,
    created_at: i.createdAt,
    requester_email: i.requester.email,
    introducer_email: i.introducer.email,
    thread_token: i.threadToken,
    status: i.status,
    target_email: i.target.email,
    asked_target_at: i.askedTargetAt,
    ...r.changing,
  });
}

function introUpdate(db: Q, c: Commit, r: Rows) {
  return db
    .updateTable("intros")
    .set(r.changing)
    .where("id", "=", r.intro.id)
    .where("version", "=", c.intro.version);
}

/** Timers pending for the intro that the new set no longer has. */
function staleTimersDelete(db: Q, r: Rows, sqlite = false) {
  let q = db
    .deleteFrom("timers")
    .where("intro_id", "=", r.intro.id)
    .where("status", "=", "pending");
  // On SQLite an intro's timers are found by their key's prefix (timerRowId), which sorts
  // bytewise there; PostgreSQL's collation may not, and it has an index on intro_id.
  if (sqlite) q = q.where("id", ">", `${r.intro.id}:`).where("id", "<", `${r.intro.id};`);
  if (r.timers.length)
    q = q.where(
      "id",
      "not in",
      r.timers.map((t) => t.id),
    );
  return q;
}

/** The wanted timers; those already there (pending or already fired) are left as they are. */
function timersInsert(db: Q, r: Rows) {
  return db
    .insertInto("timers")
    .values(r.timers)
    .onConflict((oc) => oc.column("id").doNothing());
}

async function commitInSteps(db: Db, c: Commit, r: Rows): Promise<boolean> {
  if (c.isNew) {
    await introInsert(db, r).execute();
  } else {
    const u = await introUpdate(db, c, r).executeTakeFirst();
    if (Number(u.numUpdatedRows) !== 1) return false;
  }
  await db.insertInto("intro_events").values(r.event).execute();
  if (r.outbox.length) await db.insertInto("outbox").values(r.outbox).execute();
  if (!c.isNew) await staleTimersDelete(db, r, true).execute();
  if (r.timers.length) await timersInsert(db, r).execute();
  return true;
}

/**
 * All sub-statements of one PostgreSQL statement see the same snapshot and all run, so the
 * version check cannot stop the inserts. It does not need to: a stale version's event row takes
 * an (intro, seq) key that is already there, which fails the whole statement, and a new intro's
 * id is unique. Either way nothing of it is written.
 */
async function commitInOneStatement(db: Db, c: Commit, r: Rows): Promise<boolean> {
  // Only "i" returns rows: the final select counts the intro rows written.
  const parts: [string, { compile(): unknown }][] = [
    ["i", c.isNew ? introInsert(db, r).returning("id") : introUpdate(db, c, r).returning("id")],
    ["e", db.insertInto("intro_events").values(r.event)],
  ];
  if (r.outbox.length) parts.push(["o", db.insertInto("outbox").values(r.outbox)]);
  if (!c.isNew) parts.push(["d", staleTimersDelete(db, r)]);
  if (r.timers.length) parts.push(["t", timersInsert(db, r)]);
  const ctes = sql.join(
    parts.map(([name, q]) => sql`${sql.id(name)} as (${q})`),
    sql`, `,
  );
  try {
    const { rows } = await sql<{
      n: number;
    }>`with ${ctes} select count(*)::int as n from i`.execute(db);
    return rows[0]?.n === 1;
  } catch (e) {
    // A stale version's event takes a (intro, seq) that is already there.
    if ((e as { constraint?: string }).constraint === "intro_events_pk") return false;
    // Outside a transaction (store.change) a concurrent change of the same version may also
    // collide first on a key derived from the version (its outbox ids, their link hashes). It is a
    // conflict if the intro has moved on; any other duplicate is a real error.
    if ((e as { code?: string }).code === UNIQUE_VIOLATION && !db.isTransaction) {
      const now = await db
        .selectFrom("intros")
        .select("version")
        .where("id", "=", r.intro.id)
        .executeTakeFirst();
      if (now && Number(now.version) !== c.intro.version) return false;
    }
    throw e;
  }
}

const UNIQUE_VIOLATION = "23505";
