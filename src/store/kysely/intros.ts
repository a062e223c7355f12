import { type Selectable, type SelectQueryBuilder, sql } from "kysely";
import type { Intro } from "../../domain/types.ts";
import type { StoredEvent } from "../../domain/view.ts";
import { commitIntro } from "../commit-intro.ts";
import type { Database } from "../schema.ts";
import type { Commit, IntroQuery } from "../store.ts";
import { type Conn, type Db, type JsonRows, jsonRowsAgg, rowsOfJson, runCompiled } from "./conn.ts";
import { madeFilter } from "./intro-counts.ts";
import {
  OUTBOX_META_COLUMNS,
  type OutboxMetaRow,
  readOutboxMeta,
  SUMMARY_COLUMNS,
  type SummaryRow,
  summariesOf,
  withMeta,
} from "./outbox.ts";

const EVENT_COLUMNS = ["intro_id", "seq", "type", "actor", "channel", "at", "data"] as const;

/** How long what this object reads may be remembered. */
export type Scope = "root" | "transaction" | "change";

/**
 * Intros and their events: reads (for a viewer, for a change, for listings) and the commit of a
 * change. One object lives per handle: the root one remembers nothing; one made for a transaction
 * or a change keeps the outbox threads it read with an intro, for the change's emails.
 */
export class IntroRecords {
  readonly #c: Conn;
  readonly #cachesReads: boolean;
  /** A `change` on PostgreSQL: the intro is read without a lock; its commit checks the version. */
  readonly #optimistic: boolean;

  /** `threadsWithIntro`: false reads an intro alone and each of its threads with a query of its
   *  own, even in a change (bench/devices.bench.ts measures what reading them together pays). */
  constructor(c: Conn, scope: Scope, threadsWithIntro = true) {
    this.#c = c;
    this.#cachesReads = scope !== "root" && threadsWithIntro;
    this.#optimistic = scope === "change";
  }

  get #db(): Db {
    return this.#c.db;
  }

  async getIntro(id: string, opts: { lock?: boolean } = {}): Promise<Intro | null> {
    if (opts.lock && this.#cachesReads) return this.#readWithOutbox(id);
    const lock = opts.lock && this.#c.kind === "postgres";
    const [row] = await runCompiled(
      this.#c,
      lock ? "intro for update" : "intro",
      (p) => {
        const q = this.#db.selectFrom("intros").select(["doc", "version"]).where("id", "=", p);
        return lock ? q.forUpdate() : q;
      },
      [id],
    );
    return row ? toIntro(row) : null;
  }

  /**
   * For a change: reads the intro (locked, in a PostgreSQL transaction) and its outbox threads in
   * one query, since a change nearly always queues an email threaded on them.
   */
  async #readWithOutbox(id: string): Promise<Intro | null> {
    const [row] = await runCompiled(
      this.#c,
      this.#locks ? "intro with outbox, for update" : "intro with outbox",
      (p) => this.#withOutbox((q) => q.where("id", "=", p)),
      [id],
    );
    return row ? this.#keepOutbox(row) : null;
  }

  async getIntrosForChange(ids: string[]): Promise<Map<string, Intro>> {
    const intros = new Map<string, Intro>();
    if (!ids.length) return intros;
    // In id order, so that two sweepers lock their intros in the same order.
    const rows = await this.#withOutbox((q) =>
      q.where("id", "in", [...new Set(ids)]).orderBy("id"),
    ).execute();
    for (const row of rows) {
      const intro = this.#keepOutbox(row);
      intros.set(intro.id, intro);
    }
    return intros;
  }

  /** Whether a read for a change locks the intro: PostgreSQL, in a transaction. */
  get #locks(): boolean {
    return this.#c.kind === "postgres" && this.#cachesReads && !this.#optimistic;
  }

  #withOutbox(
    where: (
      q: SelectQueryBuilder<Database, "intros", { doc: string; version: number }>,
    ) => SelectQueryBuilder<Database, "intros", { doc: string; version: number }>,
  ) {
    const q = where(this.#db.selectFrom("intros").select(["doc", "version"])).select(
      sql<JsonRows>`(select ${jsonRowsAgg(this.#c.kind, OUTBOX_META_COLUMNS, "created_at, id")}
        from outbox where intro_id = intros.id)`.as("outbox"),
    );
    return this.#locks ? q.forUpdate("intros") : q;
  }

  /** The intro of a row read with its outbox threads, which the change's emails then thread on. */
  #keepOutbox(row: { doc: string; version: number; outbox: JsonRows }): Intro {
    const intro = toIntro(row);
    if (this.#cachesReads)
      this.#metaCache.set(
        intro.id,
        withMeta(this.#db, rowsOfJson<OutboxMetaRow>(row.outbox, OUTBOX_META_COLUMNS)),
      );
    return intro;
  }

  async getIntroByThreadToken(token: string): Promise<Intro | null> {
    const row = await this.#db
      .selectFrom("intros")
      .select(["doc", "version"])
      .where("thread_token", "=", token)
      .executeTakeFirst();
    return row ? toIntro(row) : null;
  }

  async listEvents(introId: string): Promise<StoredEvent[]> {
    const rows = await runCompiled(
      this.#c,
      "events",
      (p) =>
        this.#db.selectFrom("intro_events").selectAll().where("intro_id", "=", p).orderBy("seq"),
      [introId],
    );
    return rows.map(toEvent);
  }

  async listEventsOf(introIds: string[]): Promise<Map<string, StoredEvent[]>> {
    const map = new Map<string, StoredEvent[]>(introIds.map((id) => [id, []]));
    if (!introIds.length) return map;
    const rows = await this.#db
      .selectFrom("intro_events")
      .selectAll()
      .where("intro_id", "in", introIds)
      .orderBy("intro_id")
      .orderBy("seq")
      .execute();
    for (const r of rows) map.get(r.intro_id)?.push(toEvent(r));
    return map;
  }

  async listIntros(q: IntroQuery): Promise<Intro[]> {
    let query = this.#db.selectFrom("intros").select(["doc", "version"]);
    if (q.email) {
      const e = q.email.toLowerCase();
      if (q.role) query = query.where(`${q.role}_email`, "=", e);
      else
        query = query.where((eb) =>
          eb.or([
            eb("requester_email", "=", e),
            eb("introducer_email", "=", e),
            eb("target_email", "=", e),
          ]),
        );
    }
    if (q.status) query = query.where("status", "=", q.status);
    if (q.made) query = query.where(madeFilter(this.#c.kind));
    const rows = await query
      .orderBy("created_at", "desc")
      .orderBy("id")
      .limit(q.limit ?? 100)
      .offset(q.offset ?? 0)
      .execute();
    return rows.map(toIntro);
  }

  commit(c: Commit): Promise<Intro> {
    this.#metaCache.delete(c.intro.id);
    return commitIntro(this.#db, this.#c.kind, c);
  }

  async threadMessages(introId: string, thread: string) {
    return (await this.#outboxMetaOf(introId))
      .filter((p) => p.thread === thread)
      .map((p) => ({
        messageId: p.message_id,
        references: p.references,
        inReplyTo: p.inReplyTo,
        subject: p.subject,
      }));
  }

  // An intro's outbox changes only by commit(), which bumps its version. Within one change the
  // threads it reads (often two or three) therefore come from one query: in a transaction the
  // intro is locked, and in an unlocked change a commit in between makes this change's commit fail.
  readonly #metaCache = new Map<string, ReturnType<typeof readOutboxMeta>>();
  #outboxMetaOf(introId: string) {
    if (!this.#cachesReads) return readOutboxMeta(this.#db, introId);
    let hit = this.#metaCache.get(introId);
    if (!hit) {
      hit = readOutboxMeta(this.#db, introId);
      this.#metaCache.set(introId, hit);
    }
    return hit;
  }

  async countIntros(): Promise<number> {
    const r = await this.#db
      .selectFrom("intros")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }

  async getIntroRevision(id: string): Promise<string | null> {
    const [row] = await runCompiled(
      this.#c,
      "intro revision",
      (p) => this.#db.selectFrom("intros").select(["version", "outbox_rev"]).where("id", "=", p),
      [id],
    );
    return row ? revisionOf(row) : null;
  }

  async getIntroWithHistory(id: string) {
    // Each list is aggregated in its subquery, as JSON arrays of the columns in SUMMARY_COLUMNS
    // and EVENT_COLUMNS order; the driver hands PostgreSQL's json back parsed, SQLite's as text.
    const kind = this.#c.kind;
    const [row] = await runCompiled(
      this.#c,
      "intro with history",
      (p) =>
        this.#db
          .selectFrom("intros")
          .select(["doc", "version", "outbox_rev"])
          .select(
            sql<JsonRows>`(select ${jsonRowsAgg(kind, EVENT_COLUMNS, "seq")} from intro_events
              where intro_id = intros.id)`.as("events"),
          )
          .select(
            sql<JsonRows>`(select ${jsonRowsAgg(kind, SUMMARY_COLUMNS, "created_at, id")} from outbox
              where intro_id = intros.id)`.as("emails"),
          )
          .where("id", "=", p),
      [id],
    );
    if (!row) return null;
    return {
      intro: toIntro(row),
      revision: revisionOf(row),
      events: rowsOfJson<Selectable<Database["intro_events"]>>(row.events, EVENT_COLUMNS).map(
        toEvent,
      ),
      emails: await summariesOf(this.#db, rowsOfJson<SummaryRow>(row.emails, SUMMARY_COLUMNS)),
    };
  }
}

/** Changes whenever anything an intro's view shows changes: its version or its emails' state. */
function revisionOf(row: { version: number; outbox_rev: number }): string {
  return `${Number(row.version)}.${Number(row.outbox_rev)}`;
}

function toEvent(r: Selectable<Database["intro_events"]>): StoredEvent {
  return {
    seq: Number(r.seq),
    type: r.type as StoredEvent["type"],
    actor: r.actor as StoredEvent["actor"],
    channel: r.channel as StoredEvent["channel"],
    at: r.at,
    data: JSON.parse(r.data),
  };
}

function toIntro(row: { doc: string; version: number }): Intro {
  const intro = JSON.parse(row.doc) as Intro;
  intro.version = Number(row.version);
  return intro;
}
