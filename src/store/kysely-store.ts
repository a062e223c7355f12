import {
  type Compilable,
  type Kysely,
  Migrator,
  type Selectable,
  type SelectQueryBuilder,
  sql,
  type Transaction,
} from "kysely";
import type { Intro, Person } from "../domain/types.ts";
import type { StoredEvent } from "../domain/view.ts";
import { commitIntro } from "./commit-intro.ts";
import { CompiledQueries } from "./compiled-once.ts";
import { type ContactsStore, KyselyContactsStore } from "./contacts-store.ts";
import { claimSignature, settleSignature } from "./inbound-signatures.ts";
import { migrationProvider } from "./migrations.ts";
import { actionTokenRow, metaOf, type OutboxMeta, outboxRow, type Payload } from "./outbox-rows.ts";
import type { Database } from "./schema.ts";
import type {
  ActionToken,
  Claim,
  ClaimedTimer,
  Commit,
  InboundMessage,
  InboundOutcome,
  InboundSignature,
  IntroQuery,
  NewOutboxMessage,
  OutboxMessage,
  SignatureClaim,
  Store,
  StoreTx,
} from "./store.ts";

export { timerRowId } from "./commit-intro.ts";

type Db = Kysely<Database> | Transaction<Database>;
type Kind = Store["kind"];

const compiled: Record<Kind, CompiledQueries> = {
  sqlite: new CompiledQueries(),
  postgres: new CompiledQueries(),
};

/** The transactional half, usable on the root connection or inside a transaction. */
class KyselyTx implements StoreTx {
  protected readonly db: Db;
  readonly kind: Kind;
  readonly #cachesReads: boolean;
  /** A `change` on PostgreSQL: the intro is read without a lock; its commit checks the version. */
  readonly #optimistic: boolean;

  /**
   * `scope`: "transaction" or "change" when this object lives for one transaction or one change,
   * so it may remember what it read.
   */
  constructor(db: Db, kind: Kind, scope: "root" | "transaction" | "change" = "root") {
    this.db = db;
    this.kind = kind;
    this.#cachesReads = scope !== "root";
    this.#optimistic = scope === "change";
  }

  async getIntro(id: string, opts: { lock?: boolean } = {}): Promise<Intro | null> {
    if (opts.lock && this.#cachesReads) return this.#readWithOutbox(id);
    const lock = opts.lock && this.kind === "postgres";
    const [row] = await this.compiled(
      lock ? "intro for update" : "intro",
      (p) => {
        const q = this.db.selectFrom("intros").select(["doc", "version"]).where("id", "=", p);
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
    const [row] = await this.compiled(
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
    return this.kind === "postgres" && this.#cachesReads && !this.#optimistic;
  }

  #withOutbox(
    where: (
      q: SelectQueryBuilder<Database, "intros", { doc: string; version: number }>,
    ) => SelectQueryBuilder<Database, "intros", { doc: string; version: number }>,
  ) {
    const q = where(this.db.selectFrom("intros").select(["doc", "version"])).select(
      sql<JsonRows>`(select ${jsonRowsAgg(this.kind, OUTBOX_META_COLUMNS, "created_at, id")}
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
        withMeta(this.db, rowsOfJson<OutboxMetaRow>(row.outbox, OUTBOX_META_COLUMNS)),
      );
    return intro;
  }

  async getIntroByThreadToken(token: string): Promise<Intro | null> {
    const row = await this.db
      .selectFrom("intros")
      .select(["doc", "version"])
      .where("thread_token", "=", token)
      .executeTakeFirst();
    return row ? toIntro(row) : null;
  }

  async listEvents(introId: string): Promise<StoredEvent[]> {
    const rows = await this.compiled(
      "events",
      (p) =>
        this.db.selectFrom("intro_events").selectAll().where("intro_id", "=", p).orderBy("seq"),
      [introId],
    );
    return rows.map(toEvent);
  }

  /** A query built and compiled once for this dialect, run here with `params`. */
  protected compiled<R>(
    name: string,
    build: (...placeholders: string[]) => Compilable<R>,
    params: readonly unknown[],
  ): Promise<R[]> {
    return compiled[this.kind].run(this.db, name, build, params);
  }

  async listEventsOf(introIds: string[]): Promise<Map<string, StoredEvent[]>> {
    const map = new Map<string, StoredEvent[]>(introIds.map((id) => [id, []]));
    if (!introIds.length) return map;
    const rows = await this.db
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
    let query = this.db.selectFrom("intros").select(["doc", "version"]);
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
    const rows = await query
      .orderBy("created_at", "desc")
      .orderBy("id")
      .limit(q.limit ?? 100)
      .offset(q.offset ?? 0)
      .execute();
    return rows.map(toIntro);
  }

  async setInboundStatus(id: string, status: InboundMessage["status"], info: InboundOutcome) {
    await this.db
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
  commit(c: Commit): Promise<Intro> {
    this.#metaCache.delete(c.intro.id);
    return commitIntro(this.db, this.kind, c);
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
  readonly #metaCache = new Map<string, ReturnType<KyselyTx["readOutboxMeta"]>>();
  #outboxMetaOf(introId: string) {
    if (!this.#cachesReads) return this.readOutboxMeta(introId);
    let hit = this.#metaCache.get(introId);
    if (!hit) {
      hit = this.readOutboxMeta(introId);
      this.#metaCache.set(introId, hit);
    }
    return hit;
  }

  protected async readOutboxMeta(introId: string) {
    const rows = await this.db
      .selectFrom("outbox")
      .select(["id", "message_id", "meta", "thread"])
      .where("intro_id", "=", introId)
      .orderBy("created_at")
      .orderBy("id")
      .execute();
    return withMeta(this.db, rows);
  }

  async completeTimers(ids: string[], owner: string, at: Date): Promise<Set<string>> {
    if (!ids.length) return new Set();
    const rows = await this.db
      .updateTable("timers")
      .set({ status: "done", fired_at: at.toISOString(), lease_until: null })
      .where("id", "in", ids)
      .where("lease_owner", "=", owner)
      .where("status", "=", "pending")
      .returning("id")
      .execute();
    return new Set(rows.map((r) => r.id));
  }

  async useActionToken(hash: string, at: Date): Promise<boolean> {
    const r = await this.db
      .updateTable("action_tokens")
      .set({ used_at: at.toISOString() })
      .where("hash", "=", hash)
      .where("used_at", "is", null)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  async enqueueNotices(
    messages: NewOutboxMessage[],
    tokens: Omit<ActionToken, "usedAt">[],
    at: Date,
  ): Promise<void> {
    const iso = at.toISOString();
    if (messages.length)
      await this.db
        .insertInto("outbox")
        .values(messages.map((m) => outboxRow(m, iso)))
        .execute();
    if (tokens.length)
      await this.db
        .insertInto("action_tokens")
        .values(tokens.map((t) => actionTokenRow(t, iso)))
        .execute();
  }

  get inTransaction(): boolean {
    return this.db.isTransaction;
  }

  async lockPerson(email: string): Promise<void> {
    if (!this.inTransaction) throw new Error("lockPerson needs a transaction");
    if (this.kind !== "postgres") return;
    await sql`select pg_advisory_xact_lock(hashtextextended(${email.toLowerCase()}, 0))`.execute(
      this.db,
    );
  }

  async getPrefs(email: string): Promise<Record<string, unknown>> {
    const r = await this.db
      .selectFrom("people")
      .select("prefs")
      .where("email", "=", email.toLowerCase())
      .executeTakeFirst();
    return r ? JSON.parse(r.prefs) : {};
  }

  async markApplied(messageId: string, inboundId: string, at: Date): Promise<boolean> {
    const r = await this.db
      .insertInto("inbound_applied")
      .values({ message_id: messageId, inbound_id: inboundId, at: at.toISOString() })
      .onConflict((oc) => oc.column("message_id").doNothing())
      .executeTakeFirst();
    return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
  }

  async upsertPerson(p: Person, at: Date): Promise<void> {
    await this.db
      .insertInto("people")
      .values({ email: p.email, name: p.name, prefs: "{}", created_at: at.toISOString() })
      .onConflict((oc) => oc.column("email").doNothing())
      .execute();
  }
}

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

/**
 * Each row with its meta. Rows written before the meta column existed carry it only in their
 * payload, which is then read for those rows alone (the bodies are large).
 */
async function withMeta<R extends { id: string; meta: string | null; thread: string | null }>(
  db: Db,
  rows: R[],
): Promise<Array<R & OutboxMeta & { thread: string | null }>> {
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

const SUMMARY_COLUMNS = [
  "id",
  "template",
  "status",
  "sent_at",
  "last_error",
  "meta",
  "thread",
] as const;
type SummaryRow = Pick<Selectable<Database["outbox"]>, (typeof SUMMARY_COLUMNS)[number]>;
const EVENT_COLUMNS = ["intro_id", "seq", "type", "actor", "channel", "at", "data"] as const;
const OUTBOX_META_COLUMNS = ["id", "message_id", "meta", "thread"] as const;
type OutboxMetaRow = Pick<Selectable<Database["outbox"]>, (typeof OUTBOX_META_COLUMNS)[number]>;

/** Rows aggregated in SQL as one JSON array: PostgreSQL's json arrives parsed, SQLite's as text. */
type JsonRows = string | unknown[];

/** A JSON array of each row's `cols`, as arrays in that order, sorted by `order`; `[]` for none. */
function jsonRowsAgg(kind: Kind, cols: readonly string[], order: string) {
  return kind === "postgres"
    ? sql.raw(`coalesce(json_agg(json_build_array(${cols.join(", ")}) order by ${order}), '[]')`)
    : sql.raw(`json_group_array(json_array(${cols.join(", ")}) order by ${order})`);
}

/** Back to row objects, so rows read as JSON and by one-table queries share one path. */
function rowsOfJson<R>(v: JsonRows, cols: readonly string[]): R[] {
  return ((typeof v === "string" ? JSON.parse(v) : v) as unknown[][]).map(
    (a) => Object.fromEntries(cols.map((c, i) => [c, a[i]])) as R,
  );
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

function toOutbox(r: Selectable<Database["outbox"]>): OutboxMessage {
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

/** The Store on Kysely: one implementation, two dialects. */
export class KyselyStore extends KyselyTx implements Store {
  readonly #root: Kysely<Database>;
  readonly contacts: ContactsStore;

  constructor(db: Kysely<Database>, kind: Kind) {
    super(db, kind);
    this.#root = db;
    this.contacts = new KyselyContactsStore(db, kind);
  }

  /** The raw Kysely handle, for benchmarks and tests that compare against the bare driver. */
  get kysely(): Kysely<Database> {
    return this.#root;
  }

  transaction<T>(fn: (tx: StoreTx) => Promise<T>): Promise<T> {
    return this.#root
      .transaction()
      .execute((trx) => fn(new KyselyTx(trx, this.kind, "transaction")));
  }

  change<T>(fn: (tx: StoreTx) => Promise<T>): Promise<T> {
    // The one-statement commit (commit-intro.ts) is what makes this safe on PostgreSQL.
    if (this.kind === "sqlite") return this.transaction(fn);
    return fn(new KyselyTx(this.#root, this.kind, "change"));
  }

  async migrate(): Promise<string[]> {
    // Areas add migrations independently, so a later name may land before an earlier one.
    const migrator = new Migrator({
      db: this.#root,
      provider: migrationProvider,
      allowUnorderedMigrations: true,
    });
    const { error, results } = await migrator.migrateToLatest();
    if (error) throw error;
    return (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName);
  }

  async ping(): Promise<void> {
    await sql`select 1`.execute(this.#root);
  }

  async close(): Promise<void> {
    await this.#root.destroy();
  }

  async countIntros(): Promise<number> {
    const r = await this.#root
      .selectFrom("intros")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }

  async claimOutbox(c: Claim): Promise<OutboxMessage[]> {
    let due = this.#root
      .selectFrom("outbox")
      .select("id")
      .where("status", "=", "pending")
      .where("available_at", "<=", c.now)
      .where((eb) => eb.or([eb("lease_until", "is", null), eb("lease_until", "<", c.now)]))
      .orderBy("available_at")
      .limit(c.limit);
    // PostgreSQL: concurrent claimers skip each other's rows. SQLite: one statement is atomic.
    if (this.kind === "postgres") due = due.forUpdate().skipLocked();
    const rows = await this.#root
      .updateTable("outbox")
      .set({
        lease_owner: c.owner,
        lease_until: c.now + c.leaseMs,
        attempts: sql<number>`attempts + 1`,
      })
      .where("id", "in", due)
      .returningAll()
      .execute();
    return rows.map(toOutbox).sort((a, b) => a.availableAt - b.availableAt);
  }

  enqueue(messages: NewOutboxMessage[], at: Date): Promise<void> {
    return this.enqueueNotices(messages, [], at);
  }

  async markOutboxSent(id: string, owner: string, at: Date): Promise<void> {
    await this.#root
      .updateTable("outbox")
      .set({ status: "sent", sent_at: at.toISOString(), lease_until: null, last_error: null })
      .where("id", "=", id)
      .where("lease_owner", "=", owner)
      .execute();
  }

  async markOutboxRetry(id: string, owner: string, availableAt: number, error: string) {
    await this.#root
      .updateTable("outbox")
      .set({ available_at: availableAt, lease_until: null, last_error: error })
      .where("id", "=", id)
      .where("lease_owner", "=", owner)
      .execute();
  }

  async markOutboxSkipped(id: string, owner: string, reason: string): Promise<void> {
    await this.#root
      .updateTable("outbox")
      .set({ status: "skipped", lease_until: null, last_error: reason })
      .where("id", "=", id)
      .where("lease_owner", "=", owner)
      .execute();
  }

  async markOutboxFailed(id: string, owner: string, error: string): Promise<void> {
    await this.#root
      .updateTable("outbox")
      .set({ status: "failed", lease_until: null, last_error: error })
      .where("id", "=", id)
      .where("lease_owner", "=", owner)
      .execute();
  }

  async listOutbox(q: { id?: string; introId?: string; status?: OutboxMessage["status"] }) {
    let query = this.#root.selectFrom("outbox").selectAll();
    if (q.id) query = query.where("id", "=", q.id);
    if (q.introId) query = query.where("intro_id", "=", q.introId);
    if (q.status) query = query.where("status", "=", q.status);
    const rows = await query.orderBy("created_at").orderBy("id").execute();
    return rows.map(toOutbox);
  }

  async #summaries(rows: SummaryRow[]) {
    return (await withMeta(this.#root, rows)).map((m) => ({
      id: m.id,
      template: m.template,
      status: m.status as OutboxMessage["status"],
      sentAt: m.sent_at,
      lastError: m.last_error,
      to: m.to,
      cc: m.cc,
    }));
  }

  async getIntroRevision(id: string): Promise<string | null> {
    const [row] = await this.compiled(
      "intro revision",
      (p) => this.db.selectFrom("intros").select(["version", "outbox_rev"]).where("id", "=", p),
      [id],
    );
    return row ? revisionOf(row) : null;
  }

  async getIntroWithHistory(id: string) {
    // Each list is aggregated in its subquery, as JSON arrays of the columns in SUMMARY_COLUMNS
    // and EVENT_COLUMNS order; the driver hands PostgreSQL's json back parsed, SQLite's as text.
    const [row] = await this.compiled(
      "intro with history",
      (p) =>
        this.db
          .selectFrom("intros")
          .select(["doc", "version", "outbox_rev"])
          .select(
            sql<JsonRows>`(select ${jsonRowsAgg(this.kind, EVENT_COLUMNS, "seq")} from intro_events
              where intro_id = intros.id)`.as("events"),
          )
          .select(
            sql<JsonRows>`(select ${jsonRowsAgg(this.kind, SUMMARY_COLUMNS, "created_at, id")} from outbox
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
      emails: await this.#summaries(rowsOfJson<SummaryRow>(row.emails, SUMMARY_COLUMNS)),
    };
  }

  async outboxBacklog() {
    const rows = await this.#root
      .selectFrom("outbox")
      .select(["status", (eb) => eb.fn.countAll<number>().as("n")])
      .where("status", "in", ["pending", "failed"])
      .groupBy("status")
      .execute();
    const n = (s: string) => Number(rows.find((r) => r.status === s)?.n ?? 0);
    return { pending: n("pending"), failed: n("failed") };
  }

  async claimTimers(c: Claim): Promise<ClaimedTimer[]> {
    let due = this.#root
      .selectFrom("timers")
      .select("id")
      .where("status", "=", "pending")
      .where("due_at", "<=", c.now)
      .where((eb) => eb.or([eb("lease_until", "is", null), eb("lease_until", "<", c.now)]))
      .orderBy("due_at")
      .limit(c.limit);
    if (this.kind === "postgres") due = due.forUpdate().skipLocked();
    const rows = await this.#root
      .updateTable("timers")
      .set({ lease_owner: c.owner, lease_until: c.now + c.leaseMs })
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

  async setting(key: string, create: () => string): Promise<string> {
    await this.#root
      .insertInto("settings")
      .values({ key, value: create() })
      .onConflict((oc) => oc.column("key").doNothing())
      .execute();
    const row = await this.#root
      .selectFrom("settings")
      .select("value")
      .where("key", "=", key)
      .executeTakeFirstOrThrow();
    return row.value;
  }

  async getSetting(key: string): Promise<string | null> {
    const row = await this.#root
      .selectFrom("settings")
      .select("value")
      .where("key", "=", key)
      .executeTakeFirst();
    return row?.value ?? null;
  }

  async putSetting(key: string, value: string): Promise<void> {
    await this.#root
      .insertInto("settings")
      .values({ key, value })
      .onConflict((oc) => oc.column("key").doUpdateSet({ value }))
      .execute();
  }

  async findActionToken(hash: string): Promise<ActionToken | null> {
    const r = await this.#root
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

  async updatePrefs(email: string, patch: Record<string, unknown>, at: Date): Promise<void> {
    const e = email.toLowerCase();
    const set = Object.fromEntries(
      Object.entries(patch).filter(([, v]) => v !== null && v !== undefined),
    );
    const merged =
      this.kind === "postgres"
        ? sql<string>`jsonb_strip_nulls(people.prefs::jsonb || ${JSON.stringify(patch)}::jsonb)::text`
        : sql<string>`json_patch(people.prefs, ${JSON.stringify(patch)})`;
    await this.#root
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

  async insertInbound(m: Omit<InboundMessage, "status" | "introId" | "result" | "error">) {
    await this.#root
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

  async getInbound(id: string): Promise<InboundMessage | null> {
    const r = await this.#root
      .selectFrom("inbound_messages")
      .selectAll()
      .where("id", "=", id)
      .executeTakeFirst();
    return r ? toInbound(r) : null;
  }

  async listInbound(q: { status?: InboundMessage["status"]; limit?: number }) {
    let query = this.#root.selectFrom("inbound_messages").selectAll();
    if (q.status) query = query.where("status", "=", q.status);
    const rows = await query
      .orderBy("received_at")
      .orderBy("id")
      .limit(q.limit ?? 100)
      .execute();
    return rows.map(toInbound);
  }

  async findOutboxByMessageIds(ids: string[]) {
    if (!ids.length) return [];
    const rows = await this.#root
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

  async insertApiToken(t: { hash: string; email: string; label: string; at: Date }) {
    await this.#root
      .insertInto("api_tokens")
      .values({ hash: t.hash, email: t.email, label: t.label, created_at: t.at.toISOString() })
      .execute();
  }

  async findApiToken(hash: string): Promise<{ email: string } | null> {
    const [row] = await this.compiled(
      "api token",
      (p) => this.db.selectFrom("api_tokens").select("email").where("hash", "=", p),
      [hash],
    );
    return row ? { email: row.email } : null;
  }

  async listApiTokens(email: string) {
    const rows = await this.#root
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

  async deleteApiTokens(hashes: string[]): Promise<number> {
    if (!hashes.length) return 0;
    const r = await this.#root
      .deleteFrom("api_tokens")
      .where("hash", "in", hashes)
      .executeTakeFirst();
    return Number(r.numDeletedRows);
  }

  async touchApiToken(hash: string, at: Date): Promise<void> {
    await this.#root
      .updateTable("api_tokens")
      .set({ last_used_at: at.toISOString() })
      .where("hash", "=", hash)
      .execute();
  }

  claimInboundSignature(
    sig: InboundSignature,
    timestampMs: number,
    forgetBefore: number,
  ): Promise<SignatureClaim> {
    return claimSignature(this.#root, sig, timestampMs, forgetBefore);
  }

  settleInboundSignature(sig: InboundSignature, inboundId: string | null): Promise<void> {
    return settleSignature(this.#root, sig, inboundId);
  }
}
