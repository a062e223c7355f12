import { type Kysely, Migrator, sql } from "kysely";
import type { Intro, Person } from "../domain/types.ts";
import { CompiledQueries } from "./compiled-once.ts";
import { type ContactsStore, KyselyContactsStore } from "./contacts-store.ts";
import { claimSignature, settleSignature } from "./inbound-signatures.ts";
import type { Conn, Db, Kind } from "./kysely/conn.ts";
import * as inbound from "./kysely/inbound.ts";
import * as counts from "./kysely/intro-counts.ts";
import { IntroRecords, type Scope } from "./kysely/intros.ts";
import * as outbox from "./kysely/outbox.ts";
import * as people from "./kysely/people.ts";
import * as settings from "./kysely/settings.ts";
import * as timers from "./kysely/timers.ts";
import * as tokens from "./kysely/tokens.ts";
import { migrationProvider } from "./migrations.ts";
import type { Database } from "./schema.ts";
import type {
  ChangeReads,
  Claim,
  Commit,
  InboundMessage,
  InboundOutcome,
  InboundSignature,
  IntroQuery,
  NewOutboxMessage,
  OutboxMessage,
  Store,
  StoreTx,
} from "./store.ts";

// The Store on Kysely: one implementation, two dialects. Each kind of record has its file under
// kysely/ (intros and events, outbox, timers, inbound mail, tokens, people, settings); this file
// only puts them behind the Store interface, on the root handle or on a transaction.

/**
 * The store's performance devices, each on unless turned off; benchmarks turn one off to measure
 * what it pays (bench/devices.bench.ts). PostgreSQL's prepared statements are the pool's
 * (open-store.ts).
 */
export interface StoreDevices {
  /** Hot reads built and compiled by Kysely once, then rerun (compiled-once.ts). */
  compiledOnce?: boolean;
  /** A change reads its intro and the intro's threads in one query, and keeps those threads. */
  threadsWithIntro?: boolean;
}

interface Shared {
  readonly queries: CompiledQueries;
  readonly threadsWithIntro: boolean;
}

/** The transactional half, usable on the root connection or inside a transaction. */
class KyselyTx implements StoreTx {
  protected readonly db: Db;
  readonly kind: Kind;
  protected readonly conn: Conn;
  protected readonly intros: IntroRecords;
  protected readonly shared: Shared;

  /**
   * `scope`: "transaction" or "change" when this object lives for one transaction or one change,
   * so it may remember what it read.
   */
  constructor(db: Db, kind: Kind, shared: Shared, scope: Scope = "root") {
    this.db = db;
    this.kind = kind;
    this.shared = shared;
    this.conn = { db, kind, queries: shared.queries };
    this.intros = new IntroRecords(this.conn, scope, shared.threadsWithIntro);
  }

  getIntro(id: string, opts?: { lock?: boolean }) {
    return this.intros.getIntro(id, opts);
  }
  getIntrosForChange(ids: string[]) {
    return this.intros.getIntrosForChange(ids);
  }
  getIntroByThreadToken(token: string) {
    return this.intros.getIntroByThreadToken(token);
  }
  listEvents(introId: string) {
    return this.intros.listEvents(introId);
  }
  listEventsOf(introIds: string[]) {
    return this.intros.listEventsOf(introIds);
  }
  listIntros(q: IntroQuery) {
    return this.intros.listIntros(q);
  }
  commit(c: Commit) {
    return this.intros.commit(c);
  }
  threadMessages(introId: string, thread: string) {
    return this.intros.threadMessages(introId, thread);
  }
  countAsks(q: { targets: string[]; since: string; except?: string }) {
    return counts.countAsks(this.conn, q);
  }
  completeTimers(ids: string[], owner: string, at: Date) {
    return timers.completeTimers(this.db, ids, owner, at);
  }
  setInboundStatus(id: string, status: InboundMessage["status"], info: InboundOutcome) {
    return inbound.setInboundStatus(this.db, id, status, info);
  }
  markApplied(messageId: string, inboundId: string, at: Date) {
    return inbound.markApplied(this.db, messageId, inboundId, at);
  }
  useActionToken(hash: string, at: Date) {
    return tokens.useActionToken(this.db, hash, at);
  }
  enqueueNotices(messages: NewOutboxMessage[], at: Date) {
    return outbox.enqueueNotices(this.db, messages, at);
  }
  upsertPerson(p: Person, at: Date) {
    return people.upsertPerson(this.db, p, at);
  }
  lockPerson(email: string) {
    return people.lockPerson(this.conn, email);
  }
  getPrefs(email: string) {
    return people.getPrefs(this.db, email);
  }
}

export class KyselyStore extends KyselyTx implements Store {
  readonly #root: Kysely<Database>;
  readonly contacts: ContactsStore;

  constructor(db: Kysely<Database>, kind: Kind, devices: StoreDevices = {}) {
    super(db, kind, {
      queries: new CompiledQueries({ reuse: devices.compiledOnce ?? true }),
      threadsWithIntro: devices.threadsWithIntro ?? true,
    });
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
      .execute((trx) => fn(new KyselyTx(trx, this.kind, this.shared, "transaction")));
  }

  changeIntro(decide: (reads: ChangeReads) => Promise<Commit | null>): Promise<Intro | null> {
    const run = async (tx: KyselyTx) => {
      // Reads only: the decision cannot write anything but the commit it returns.
      const c = await decide({
        getIntro: (id, opts) => tx.getIntro(id, opts),
        getPrefs: (email) => tx.getPrefs(email),
        threadMessages: (introId, thread) => tx.threadMessages(introId, thread),
      });
      return c ? tx.commit(c) : null;
    };
    if (this.kind === "sqlite")
      return this.#root
        .transaction()
        .execute((trx) => run(new KyselyTx(trx, "sqlite", this.shared, "change")));
    // The one-statement commit (commit-intro.ts) is what makes this safe on PostgreSQL.
    return run(new KyselyTx(this.#root, this.kind, this.shared, "change"));
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

  countIntros() {
    return this.intros.countIntros();
  }
  requesterRecord(email: string) {
    return counts.requesterRecord(this.conn, email);
  }
  introducerCounts(email: string) {
    return counts.introducerCounts(this.conn, email);
  }
  introducerTargets(email: string) {
    return counts.introducerTargets(this.conn, email);
  }
  asksThrough(target: string, since: string) {
    return counts.asksThrough(this.conn, target, since);
  }
  openRequestsTo(requester: string, target: string) {
    return counts.openRequestsTo(this.conn, requester, target);
  }
  getIntroRevision(id: string) {
    return this.intros.getIntroRevision(id);
  }
  getIntroWithHistory(id: string) {
    return this.intros.getIntroWithHistory(id);
  }

  claimOutbox(c: Claim) {
    return outbox.claimOutbox(this.conn, c);
  }
  enqueue(messages: NewOutboxMessage[], at: Date) {
    return outbox.enqueueNotices(this.#root, messages, at);
  }
  markOutboxSent(id: string, owner: string, at: Date) {
    return outbox.settleOutbox(this.#root, id, owner, {
      status: "sent",
      sent_at: at.toISOString(),
      last_error: null,
    });
  }
  markOutboxRetry(id: string, owner: string, availableAt: number, error: string) {
    return outbox.settleOutbox(this.#root, id, owner, {
      available_at: availableAt,
      last_error: error,
    });
  }
  markOutboxSkipped(id: string, owner: string, reason: string) {
    return outbox.settleOutbox(this.#root, id, owner, { status: "skipped", last_error: reason });
  }
  markOutboxFailed(id: string, owner: string, error: string) {
    return outbox.settleOutbox(this.#root, id, owner, { status: "failed", last_error: error });
  }
  listOutbox(q: { id?: string; introId?: string; status?: OutboxMessage["status"] }) {
    return outbox.listOutbox(this.#root, q);
  }
  outboxBacklog() {
    return outbox.outboxBacklog(this.#root);
  }
  findOutboxByMessageIds(ids: string[]) {
    return outbox.findOutboxByMessageIds(this.#root, ids);
  }

  claimTimers(c: Claim) {
    return timers.claimTimers(this.conn, c);
  }

  setting(key: string, create: () => string) {
    return settings.setting(this.#root, key, create);
  }
  getSetting(key: string) {
    return settings.getSetting(this.#root, key);
  }
  putSetting(key: string, value: string) {
    return settings.putSetting(this.#root, key, value);
  }

  findActionToken(hash: string) {
    return tokens.findActionToken(this.#root, hash);
  }
  tokenSpentAt(hash: string) {
    return tokens.tokenSpentAt(this.#root, hash);
  }
  insertApiToken(t: { hash: string; email: string; label: string; at: Date }) {
    return tokens.insertApiToken(this.#root, t);
  }
  findApiToken(hash: string) {
    return tokens.findApiToken(this.conn, hash);
  }
  listApiTokens(email: string) {
    return tokens.listApiTokens(this.#root, email);
  }
  deleteApiTokens(hashes: string[]) {
    return tokens.deleteApiTokens(this.#root, hashes);
  }
  touchApiToken(hash: string, at: Date) {
    return tokens.touchApiToken(this.#root, hash, at);
  }

  updatePrefs(email: string, patch: Record<string, unknown>, at: Date) {
    return people.updatePrefs(this.conn, email, patch, at);
  }

  insertInbound(m: Omit<InboundMessage, "status" | "introId" | "result" | "error">) {
    return inbound.insertInbound(this.#root, m);
  }
  getInbound(id: string) {
    return inbound.getInbound(this.#root, id);
  }
  listInbound(q: { status?: InboundMessage["status"]; limit?: number }) {
    return inbound.listInbound(this.#root, q);
  }
  claimInboundSignature(sig: InboundSignature, timestampMs: number, forgetBefore: number) {
    return claimSignature(this.#root, sig, timestampMs, forgetBefore);
  }
  settleInboundSignature(sig: InboundSignature, inboundId: string | null) {
    return settleSignature(this.#root, sig, inboundId);
  }
}
