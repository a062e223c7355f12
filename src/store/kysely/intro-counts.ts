import { type RawBuilder, sql } from "kysely";
import { type Status, TERMINAL_STATUSES } from "../../domain/types.ts";
import type { IntroducerCounts, RequesterRecord, TargetTally } from "../store.ts";
import type { Conn, Kind } from "./conn.ts";

/**
 * Counts over intros made by the database (COUNT, SUM, GROUP BY), so a page or a check costs one
 * query however many intros there are, and nothing is capped. Fields kept only in an intro's JSON
 * document (its consent and outcomes) are read there by the database, over one person's intros.
 */

/** The statuses an intro reaches once the introduction was made (the funnel's "introduced"). */
const AFTER_INTRO = ["introduced", "connected", "scheduled", "met", "completed", "stalled"];

/** The intro's JSON document as the database reads it: `d` in the queries below. */
function doc(kind: Kind) {
  return kind === "postgres" ? sql`doc::jsonb` : sql`doc`;
}

/** The value at `path` in the document `d` (the alias, unless given), as text; SQL NULL when
 *  absent or JSON null. */
function at(kind: Kind, path: readonly string[], d = sql`d`): RawBuilder<string | null> {
  return kind === "postgres"
    ? sql<string | null>`(${d} #>> ${sql.lit(`{${path.join(",")}}`)})`
    : sql<string | null>`json_extract(${d}, ${sql.lit(`$.${path.join(".")}`)})`;
}

/** Whether the value at `path` in `d` is JSON true. */
function isTrue(kind: Kind, path: readonly string[]) {
  return sql`${at(kind, path)} = ${kind === "postgres" ? sql.lit("true") : sql.lit(1)}`;
}

const n = (v: unknown) => Number(v ?? 0);

/** How many rows match `cond`, as a column. */
const tally = (cond: RawBuilder<unknown>) =>
  sql`coalesce(sum(case when ${cond} then 1 else 0 end), 0)`;

/** Each target's asks since `since`, across introducers, leaving out the intro `except`. */
export async function countAsks(
  c: Conn,
  q: { targets: string[]; since: string; except?: string | undefined },
): Promise<Map<string, number>> {
  const targets = [...new Set(q.targets.map((t) => t.toLowerCase()))];
  const counts = new Map<string, number>();
  if (!targets.length) return counts;
  let query = c.db
    .selectFrom("intros")
    .select(["target_email", (eb) => eb.fn.countAll<number>().as("n")])
    .where("target_email", "in", targets)
    .where("asked_target_at", ">=", q.since);
  if (q.except) query = query.where("id", "<>", q.except);
  for (const r of await query.groupBy("target_email").execute())
    if (r.target_email) counts.set(r.target_email, n(r.n));
  return counts;
}

/** A requester's record: the intros they sent (drafts aside), and how those went. */
export async function requesterRecord(c: Conn, email: string): Promise<RequesterRecord> {
  const { rows } = await sql<Record<keyof RequesterRecord, unknown>>`
    select count(*) as total,
      ${tally(sql`status = 'completed'`)} as completed,
      ${tally(isTrue(c.kind, ["outcome", "thanked"]))} as thanked,
      ${tally(sql`status = 'stalled'`)} as stalled,
      ${tally(sql`status = 'withdrawn'`)} as withdrawn
    from (select status, ${doc(c.kind)} as d from intros
      where requester_email = ${email.toLowerCase()} and status <> 'draft') s`.execute(c.db);
  const r = rows[0];
  return {
    total: n(r?.total),
    completed: n(r?.completed),
    thanked: n(r?.thanked),
    stalled: n(r?.stalled),
    withdrawn: n(r?.withdrawn),
  };
}

/** An introducer's funnel and the intros they made, over every intro they may see. */
export async function introducerCounts(c: Conn, email: string): Promise<IntroducerCounts> {
  const k = c.kind;
  const rating = at(k, ["outcome", "rating"]);
  const made = sql`(${at(k, ["consent"])} is not null or ${rating} is not null
    or ${at(k, ["targetOutcome"])} is not null)`;
  const { rows } = await sql<Record<string, unknown>>`
    select count(*) as requested,
      ${tally(sql`asked_target_at is not null`)} as asked,
      ${tally(sql`${at(k, ["consent"])} is not null`)} as accepted,
      ${tally(sql`status in (${sql.join(AFTER_INTRO)})`)} as introduced,
      ${tally(sql`status in ('met', 'completed') or ${rating} <> 'did_not_happen'`)} as met,
      ${tally(isTrue(k, ["outcome", "thanked"]))} as thanked,
      ${tally(made)} as made,
      ${tally(sql`${rating} is not null`)} as reported,
      ${tally(sql`${rating} = 'great'`)} as great,
      ${tally(sql`${rating} = 'fine'`)} as fine,
      ${tally(sql`${rating} = 'did_not_happen'`)} as did_not_happen,
      ${tally(sql`${at(k, ["targetOutcome"])} is not null`)} as target_told
    from (select status, asked_target_at, ${doc(k)} as d from intros
      where introducer_email = ${email.toLowerCase()} and status <> 'draft') s`.execute(c.db);
  const r = rows[0] ?? {};
  return {
    funnel: {
      requested: n(r.requested),
      asked: n(r.asked),
      accepted: n(r.accepted),
      introduced: n(r.introduced),
      met: n(r.met),
      thanked: n(r.thanked),
    },
    made: {
      total: n(r.made),
      reported: n(r.reported),
      great: n(r.great),
      fine: n(r.fine),
      didNotHappen: n(r.did_not_happen),
      targetTold: n(r.target_told),
    },
  };
}

/** Whether an intro was made (the target said yes) or reported on: read from its row's doc. */
export function madeFilter(kind: Kind) {
  const has = (key: string) => sql`${at(kind, [key], doc(kind))} is not null`;
  return sql<boolean>`(${has("consent")} or ${has("outcome")} or ${has("targetOutcome")})`;
}

/** Each target an introducer has (drafts aside), newest first: asked by them, and said yes. */
export async function introducerTargets(c: Conn, email: string): Promise<TargetTally[]> {
  const k = c.kind;
  const { rows } = await sql<{ name: string; email: string | null; asked: unknown; yes: unknown }>`
    select max(name) as name, max(target_email) as email,
      ${tally(sql`asked_target_at is not null`)} as asked,
      ${tally(sql`consent is not null`)} as yes
    from (select target_email, asked_target_at, created_at,
        ${at(k, ["target", "name"])} as name, ${at(k, ["consent"])} as consent
      from (select target_email, asked_target_at, created_at, ${doc(k)} as d from intros
        where introducer_email = ${email.toLowerCase()} and status <> 'draft') s) t
    group by coalesce(target_email, ${sql.lit("name:")} || name)
    order by max(created_at) desc`.execute(c.db);
  return rows.map((r) => ({ name: r.name, email: r.email, asked: n(r.asked), yes: n(r.yes) }));
}

/** Who asked a target since `since`: each introducer (by the name people know them by) and how
 *  many times, most first. */
export async function asksThrough(
  c: Conn,
  target: string,
  since: string,
): Promise<Array<{ email: string; name: string; asks: number }>> {
  const rows = await c.db
    .selectFrom("intros")
    .leftJoin("people", "people.email", "intros.introducer_email")
    .select((eb) => [
      "intros.introducer_email as email",
      eb.fn.max("people.name").as("name"),
      eb.fn.countAll<number>().as("asks"),
    ])
    .where("intros.target_email", "=", target.toLowerCase())
    .where("intros.asked_target_at", ">=", since)
    .groupBy("intros.introducer_email")
    .execute();
  return rows
    .map((r) => ({
      email: r.email,
      name: r.name ?? r.email.split("@")[0] ?? r.email,
      asks: n(r.asks),
    }))
    .sort((a, b) => b.asks - a.asks || a.name.localeCompare(b.name));
}

/** A requester's open requests (sent, not yet settled) to an address they gave themselves,
 *  newest first. */
export async function openRequestsTo(
  c: Conn,
  requester: string,
  target: string,
): Promise<Array<{ id: string; introducer: string; status: Status }>> {
  const { rows } = await sql<{ id: string; introducer: string; status: Status }>`
    select id, ${at(c.kind, ["introducer", "name"])} as introducer, status
    from (select id, status, created_at, ${doc(c.kind)} as d from intros
      where requester_email = ${requester.toLowerCase()} and target_email = ${target.toLowerCase()}
        and status not in (${sql.join(["draft", ...TERMINAL_STATUSES])})) s
    where ${isTrue(c.kind, ["targetEmailFromRequester"])}
    order by created_at desc, id`.execute(c.db);
  return rows;
}
