import { type Kysely, type RawBuilder, sql, type Transaction } from "kysely";
import { companyKey, nameKey } from "../contacts/contact-key.ts";
import type { ContactRecord, StoredEvidence } from "../contacts/contact-record.ts";
import type { PathCandidate } from "../contacts/path-candidate.ts";
import type { Database } from "./schema.ts";

/** Row types of the contacts tables (migration 0011_contacts). */
interface ContactTables {
  contacts: ContactRow;
  path_sharing: { email: string; since: string };
}
interface ContactRow {
  owner_email: string;
  key: string;
  name: string | null;
  name_key: string | null;
  company: string | null;
  company_key: string | null;
  position: string | null;
  url: string | null;
  linkedin: number;
  connected_on: string | null;
  in_book: number;
  mail_sent: number | null;
  mail_received: number | null;
  mail_personal: number | null;
  mail_others: number | null;
  mail_last_sent: string | null;
  mail_last_received: string | null;
  mail_first: string | null;
  override: number | null;
  hidden: number;
  shared: number;
  strength: number;
}
type Db = Kysely<Database & ContactTables>;
type Tx = Transaction<Database & ContactTables>;
type Kind = "sqlite" | "postgres";

/** What one change of a member's contacts writes: whole rows, and keys whose rows go. */
export interface ContactsChange {
  upserts: ContactRecord[];
  deletes: string[];
}

/** Who a path search looks for: an email, or a normalized name or company (contact-key.ts). */
export type PathTarget = { email: string } | { nameKey: string } | { companyKey: string };

/** Members' contacts and their consent to be shown as a path, beside the intros. */
export interface ContactsStore {
  /**
   * Changes one member's contacts in one transaction: the member is held (two imports of theirs
   * run one after the other), their rows read (all of them, or those of `keys`), `plan` works out
   * the change, and it is written whole or not at all. Returns what `plan` returned.
   */
  change<T extends ContactsChange>(
    owner: string,
    plan: (existing: ContactRecord[]) => T,
    opts?: { keys?: string[] },
  ): Promise<T>;
  /** A member's own contacts, strongest first (hidden ones included). */
  listContacts(owner: string, page: { limit: number; offset: number }): Promise<ContactRecord[]>;
  countContacts(owner: string): Promise<number>;
  /** Shows (or stops showing) a member as a path, on every row of theirs, at once. */
  setSharing(owner: string, on: boolean, at: Date): Promise<void>;
  isSharing(owner: string): Promise<boolean>;
  /**
   * Members who agreed to be shown and know the person searched for (not hidden), strongest
   * first, never the requester nor the person themselves, with the requester's own row for
   * each, their intros together and their track record: one statement.
   */
  findPathCandidates(q: {
    requester: string;
    target: PathTarget;
    limit: number;
  }): Promise<PathCandidate[]>;
}

const BATCH = 500;

/** The ContactsStore on the main store's Kysely handle (SQLite or PostgreSQL). */
export class KyselyContactsStore implements ContactsStore {
  readonly #db: Db;
  readonly #kind: Kind;

  constructor(db: Kysely<Database>, kind: Kind) {
    this.#db = db as unknown as Db;
    this.#kind = kind;
  }

  change<T extends ContactsChange>(
    owner: string,
    plan: (existing: ContactRecord[]) => T,
    opts: { keys?: string[] } = {},
  ): Promise<T> {
    const o = owner.toLowerCase();
    return this.#db.transaction().execute(async (tx) => {
      // SQLite: BEGIN IMMEDIATE already excludes every other writer.
      if (this.#kind === "postgres")
        await sql`select pg_advisory_xact_lock(hashtextextended(${`contacts:${o}`}, 0))`.execute(
          tx,
        );
      let q = tx.selectFrom("contacts").selectAll().where("owner_email", "=", o);
      if (opts.keys) {
        if (!opts.keys.length) q = q.where(sql.lit(false));
        else q = q.where("key", "in", opts.keys);
      }
      const existing = (await q.execute()).map(toRecord);
      const shared = await this.#sharing(tx, o);
      const change = plan(existing);
      for (let i = 0; i < change.deletes.length; i += BATCH)
        await tx
          .deleteFrom("contacts")
          .where("owner_email", "=", o)
          .where("key", "in", change.deletes.slice(i, i + BATCH))
          .execute();
      for (let i = 0; i < change.upserts.length; i += BATCH) {
        const rows = change.upserts.slice(i, i + BATCH).map((r) => toRow(o, r, shared));
        await tx
          .insertInto("contacts")
          .values(rows)
          .onConflict((oc) =>
            oc
              .columns(["owner_email", "key"])
              .doUpdateSet(
                (eb) =>
                  Object.fromEntries(
                    UPDATED.map((c) => [c, eb.ref(`excluded.${c}`)]),
                  ) as Partial<ContactRow>,
              ),
          )
          .execute();
      }
      return change;
    });
  }

  async #sharing(db: Db | Tx, owner: string): Promise<boolean> {
    const r = await db
      .selectFrom("path_sharing")
      .select("email")
      .where("email", "=", owner)
      .executeTakeFirst();
    return !!r;
  }

  isSharing(owner: string): Promise<boolean> {
    return this.#sharing(this.#db, owner.toLowerCase());
  }

  async setSharing(owner: string, on: boolean, at: Date): Promise<void> {
    const o = owner.toLowerCase();
    await this.#db.transaction().execute(async (tx) => {
      if (this.#kind === "postgres")
        await sql`select pg_advisory_xact_lock(hashtextextended(${`contacts:${o}`}, 0))`.execute(
          tx,
        );
      if (on)
        await tx
          .insertInto("path_sharing")
          .values({ email: o, since: at.toISOString() })
          .onConflict((oc) => oc.column("email").doNothing())
          .execute();
      else await tx.deleteFrom("path_sharing").where("email", "=", o).execute();
      await tx
        .updateTable("contacts")
        .set({ shared: on ? 1 : 0 })
        .where("owner_email", "=", o)
        .where("shared", "=", on ? 0 : 1)
        .execute();
    });
  }

  async listContacts(owner: string, page: { limit: number; offset: number }) {
    const rows = await this.#db
      .selectFrom("contacts")
      .selectAll()
      .where("owner_email", "=", owner.toLowerCase())
      .orderBy("strength", "desc")
      .orderBy("key")
      .limit(page.limit)
      .offset(page.offset)
      .execute();
    return rows.map(toRecord);
  }

  async countContacts(owner: string): Promise<number> {
    const r = await this.#db
      .selectFrom("contacts")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("owner_email", "=", owner.toLowerCase())
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }

  async findPathCandidates(q: {
    requester: string;
    target: PathTarget;
    limit: number;
  }): Promise<PathCandidate[]> {
    const requester = q.requester.toLowerCase();
    const [column, value]: ["key" | "name_key" | "company_key", string] =
      "email" in q.target
        ? ["key", q.target.email.toLowerCase()]
        : "nameKey" in q.target
          ? ["name_key", q.target.nameKey]
          : ["company_key", q.target.companyKey];
    const { rows } = await pathStatement(this.#kind, column, value, requester, q.limit).execute(
      this.#db,
    );
    return rows.map((r) => toCandidate(r as PathRowOut));
  }
}

// What intros say about an introducer: they asked the target; the target said yes; the
// requester thanked them (a requester's report completes the intro).
const ASKED = sql.raw(
  `('consent_requested', 'deferred', 'target_declined', 'introduced', 'connected', 'scheduled', 'met', 'completed', 'stalled')`,
);
const ACCEPTED = sql.raw(`('introduced', 'connected', 'scheduled', 'met', 'completed', 'stalled')`);
const MET = sql.raw(`('met', 'completed')`);

/** What a row says about a contact, as the path search reads it (its own and the requester's). */
const DATA_COLUMNS = [
  "name",
  "company",
  "position",
  "url",
  "linkedin",
  "connected_on",
  "in_book",
  "mail_sent",
  "mail_received",
  "mail_personal",
  "mail_others",
  "mail_last_sent",
  "mail_last_received",
  "mail_first",
  "override",
  "hidden",
  "strength",
] as const;
const EDGE_COLUMNS = ["key", ...DATA_COLUMNS] as const;
/** The columns an upsert replaces: everything but the key and `shared` (the consent's own). */
const UPDATED = [...DATA_COLUMNS, "name_key", "company_key"] as const;

type EdgeOut = Pick<ContactRow, (typeof EDGE_COLUMNS)[number]>;
type PathRowOut = EdgeOut & {
  owner_email: string;
  owner_name: string | null;
  display_name: string | null;
  made: number | null;
  accepted: number | null;
  thanked: number | null;
  tx_n: number | null;
  tx_met: number | null;
  tx_last: string | null;
  tr_n: number | null;
  tr_met: number | null;
  tr_last: string | null;
} & { [K in `o_${(typeof EDGE_COLUMNS)[number]}`]: EdgeOut[keyof EdgeOut] | null };

/**
 * A limit written into the statement, not bound: told how few rows the candidates are, SQLite
 * plans the joins on them as the small set they are (a bound limit made the search 2-3 times
 * slower). Only whole numbers from 1 to 1000 are written.
 */
function rowLimit(n: number): number {
  return Math.min(1000, Math.max(1, Math.floor(Number.isFinite(n) ? n : 1)));
}

/**
 * "Who knows X": the members who agreed to be shown and have X among their contacts (not hidden),
 * strongest first, never the requester nor X. The index of the searched column holds only such
 * rows (shared = 1 and hidden = 0, written as literals so that PostgreSQL's generic plans use it),
 * strongest first, so this reads `limit` index entries at most.
 */
export function whoKnows(
  column: "key" | "name_key" | "company_key",
  value: string,
  requester: string,
  limit: number,
  select: RawBuilder<unknown> = sql.raw("c.strength"),
): RawBuilder<unknown> {
  return sql`select c.owner_email, ${select} from contacts c
      where c.${sql.ref(column)} = ${value} and c.shared = 1 and c.hidden = 0
        and c.owner_email <> ${requester} and c.owner_email <> c.key
      order by c.strength desc, c.owner_email
      limit ${sql.lit(rowLimit(limit))}`;
}

/**
 * The path search as one statement (each statement is a round trip on PostgreSQL): the
 * candidates from the partial index of visible rows (consent given, not hidden) strongest
 * first, then for each the requester's own row for them, their display name, their record as an
 * introducer, and the intros each pair took part in together. Only the search value and the two
 * addresses are parameters; the visibility test is literal, so that PostgreSQL's generic plans
 * still use the partial indexes.
 */
function pathStatement(
  kind: Kind,
  column: "key" | "name_key" | "company_key",
  value: string,
  requester: string,
  limit: number,
): RawBuilder<unknown> {
  const cols = (prefix: string, as = "") =>
    sql.raw(EDGE_COLUMNS.map((c) => `${prefix}.${c}${as ? ` as ${as}${c}` : ""}`).join(", "));
  const thanked =
    kind === "postgres"
      ? sql.raw(`(doc::jsonb #>> '{outcome,thanked}') = 'true'`)
      : sql.raw(`json_extract(doc, '$.outcome.thanked') = 1`);
  const displayName =
    kind === "postgres"
      ? sql.raw(`p.prefs::jsonb ->> 'displayName'`)
      : sql.raw(`json_extract(p.prefs, '$.displayName')`);
  return sql`with cand as (${whoKnows(column, value, requester, limit, cols("c"))}),
    track as (
      select introducer_email as who,
        count(*) filter (where status in ${ASKED}) as made,
        count(*) filter (where status in ${ACCEPTED}) as accepted,
        count(*) filter (where status = 'completed' and ${thanked}) as thanked
      from intros where introducer_email in (select owner_email from cand)
      group by introducer_email
    ),
    people_of as (select key as who from cand union select ${requester}),
    theirs as (
      -- One index lookup per person and role: an OR of IN (subquery) would scan every intro
      -- on PostgreSQL.
      select x.id, x.requester_email as r, x.introducer_email as i, x.target_email as t,
        x.status, x.updated_at
      from people_of join intros x on x.requester_email = people_of.who
      union
      select x.id, x.requester_email, x.introducer_email, x.target_email, x.status, x.updated_at
      from people_of join intros x on x.introducer_email = people_of.who
      union
      select x.id, x.requester_email, x.introducer_email, x.target_email, x.status, x.updated_at
      from people_of join intros x on x.target_email = people_of.who
    ),
    together as (
      select cand.owner_email as who, cand.key as what, count(*) as n,
        count(*) filter (where theirs.status in ${MET}) as met, max(theirs.updated_at) as last
      from cand join theirs
        on cand.owner_email in (theirs.r, theirs.i, theirs.t)
        and cand.key in (theirs.r, theirs.i, theirs.t)
      group by cand.owner_email, cand.key
    ),
    with_requester as (
      select owners.who as who, count(*) as n,
        count(*) filter (where theirs.status in ${MET}) as met, max(theirs.updated_at) as last
      from (select distinct owner_email as who from cand) owners join theirs
        on owners.who in (theirs.r, theirs.i, theirs.t)
        and ${requester} in (theirs.r, theirs.i, theirs.t)
      group by owners.who
    )
    select cand.owner_email, ${cols("cand")}, ${cols("o", "o_")},
      p.name as owner_name, ${displayName} as display_name,
      track.made, track.accepted, track.thanked,
      together.n as tx_n, together.met as tx_met, together.last as tx_last,
      with_requester.n as tr_n, with_requester.met as tr_met, with_requester.last as tr_last
    from cand
    left join contacts o on o.owner_email = ${requester} and o.key = cand.owner_email
      and o.hidden = 0
    left join people p on p.email = cand.owner_email
    left join track on track.who = cand.owner_email
    left join together on together.who = cand.owner_email and together.what = cand.key
    left join with_requester on with_requester.who = cand.owner_email
    order by cand.strength desc, cand.owner_email`;
}

function toCandidate(r: PathRowOut): PathCandidate {
  const own = r.o_key === null ? null : toRecord(prefixed(r, "o_") as unknown as ContactRow);
  const shared = (n: number | null, met: number | null, last: string | null) =>
    n ? { intros: Number(n), met: Number(met ?? 0), lastAt: last } : null;
  return {
    // A name set in their profile, else one known from intros (not just their address's local part).
    introducer: {
      email: r.owner_email,
      name:
        r.display_name ??
        (r.owner_name && r.owner_name !== r.owner_email.split("@")[0] ? r.owner_name : null),
    },
    contact: toRecord(r as unknown as ContactRow),
    own,
    together: shared(r.tx_n, r.tx_met, r.tx_last),
    withRequester: shared(r.tr_n, r.tr_met, r.tr_last),
    track: {
      made: Number(r.made ?? 0),
      accepted: Number(r.accepted ?? 0),
      thanked: Number(r.thanked ?? 0),
    },
  };
}

function prefixed(r: Record<string, unknown>, prefix: string): Record<string, unknown> {
  return Object.fromEntries(EDGE_COLUMNS.map((c) => [c, r[`${prefix}${c}`]]));
}

function toRecord(r: Pick<ContactRow, (typeof EDGE_COLUMNS)[number]>): ContactRecord {
  const evidence: StoredEvidence = {
    linkedin: Number(r.linkedin) ? { connectedOn: r.connected_on } : null,
    inAddressBook: !!Number(r.in_book),
    mail:
      r.mail_first === null
        ? null
        : {
            sent: Number(r.mail_sent ?? 0),
            received: Number(r.mail_received ?? 0),
            sentPersonal: Number(r.mail_personal ?? 0),
            meanOtherRecipients: Number(r.mail_others ?? 0),
            lastSentAt: r.mail_last_sent,
            lastReceivedAt: r.mail_last_received,
            firstAt: r.mail_first,
          },
    override: r.override === null ? null : Number(r.override),
  };
  return {
    key: r.key,
    name: r.name,
    company: r.company,
    position: r.position,
    url: r.url,
    evidence,
    hidden: !!Number(r.hidden),
    strength: Number(r.strength),
  };
}

function toRow(owner: string, r: ContactRecord, shared: boolean): ContactRow {
  const e = r.evidence;
  return {
    owner_email: owner,
    key: r.key,
    name: r.name,
    name_key: nameKey(r.name),
    company: r.company,
    company_key: companyKey(r.company),
    position: r.position,
    url: r.url,
    linkedin: e.linkedin ? 1 : 0,
    connected_on: e.linkedin?.connectedOn ?? null,
    in_book: e.inAddressBook ? 1 : 0,
    mail_sent: e.mail?.sent ?? null,
    mail_received: e.mail?.received ?? null,
    mail_personal: e.mail?.sentPersonal ?? null,
    mail_others: e.mail?.meanOtherRecipients ?? null,
    mail_last_sent: e.mail?.lastSentAt ?? null,
    mail_last_received: e.mail?.lastReceivedAt ?? null,
    mail_first: e.mail?.firstAt ?? null,
    override: e.override,
    hidden: r.hidden ? 1 : 0,
    shared: shared ? 1 : 0,
    strength: r.strength,
  };
}
