import { DatabaseSync, type StatementSync } from "node:sqlite";
import {
  CompiledQuery,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type Kysely,
  type QueryResult,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type TransactionSettings,
} from "kysely";

/**
 * Kysely on Node's built-in `node:sqlite`: no native addon to rebuild per Node version.
 * Transactions start with BEGIN IMMEDIATE so that two processes on one file never deadlock
 * upgrading a read lock, and prepared statements are cached because the same few queries run
 * on every transition.
 */
export class NodeSqliteDialect implements Dialect {
  readonly #path: string;
  constructor(path: string) {
    this.#path = path;
  }
  createAdapter() {
    return new SqliteAdapter();
  }
  createDriver(): Driver {
    return new NodeSqliteDriver(this.#path);
  }
  createQueryCompiler() {
    return new SqliteQueryCompiler();
  }
  createIntrospector(db: Kysely<unknown>) {
    return new SqliteIntrospector(db);
  }
}

type Param = null | number | bigint | string | Uint8Array;

class NodeSqliteConnection implements DatabaseConnection {
  readonly db: DatabaseSync;
  readonly #cache = new Map<string, { stmt: StatementSync; reader: boolean }>();

  constructor(db: DatabaseSync) {
    this.db = db;
  }

  #prepare(sql: string) {
    let hit = this.#cache.get(sql);
    if (!hit) {
      const stmt = this.db.prepare(sql);
      hit = { stmt, reader: stmt.columns().length > 0 };
      if (this.#cache.size > 500) this.#cache.clear();
      this.#cache.set(sql, hit);
    }
    return hit;
  }

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    const params = query.parameters.map(toParam);
    const { stmt, reader } = this.#prepare(query.sql);
    if (reader) return { rows: stmt.all(...params) as R[] };
    const { changes, lastInsertRowid } = stmt.run(...params);
    return { numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid), rows: [] };
  }

  async *streamQuery<R>(query: CompiledQuery): AsyncIterableIterator<QueryResult<R>> {
    const { stmt } = this.#prepare(query.sql);
    for (const row of stmt.iterate(...query.parameters.map(toParam))) yield { rows: [row as R] };
  }
}

function toParam(v: unknown): Param {
  if (v === undefined || v === null) return null;
  if (typeof v === "boolean") return v ? 1 : 0;
  if (v instanceof Date) return v.toISOString();
  return v as Param;
}

/** A plain SELECT, which the reader connection may answer outside a transaction. */
const READ = /^\s*select\b/i;

/**
 * What Kysely acquires: a session over two connections to one file. In WAL mode readers never
 * wait for the writer, so a SELECT outside a transaction goes to the reader connection at once,
 * while a transaction, or a write outside one, waits its turn for the one writer connection and
 * holds it to the end (node:sqlite is synchronous, so a statement of another session must never
 * run on the writer inside this one's transaction).
 */
class NodeSqliteSession implements DatabaseConnection {
  readonly #driver: NodeSqliteDriver;
  #release: (() => void) | undefined;

  constructor(driver: NodeSqliteDriver) {
    this.#driver = driver;
  }

  get inTransaction(): boolean {
    return this.#release !== undefined;
  }

  async begin(): Promise<void> {
    this.#release = await this.#driver.takeWriter();
    try {
      await this.#driver.writer.executeQuery(CompiledQuery.raw("begin immediate"));
    } catch (e) {
      this.end();
      throw e;
    }
  }

  /** Ends the transaction (after its COMMIT or ROLLBACK ran): the writer is free again. */
  end(): void {
    const r = this.#release;
    this.#release = undefined;
    r?.();
  }

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    const d = this.#driver;
    if (this.inTransaction) return d.writer.executeQuery(query);
    if (READ.test(query.sql)) return d.reader.executeQuery(query);
    const release = await d.takeWriter();
    try {
      return await d.writer.executeQuery(query);
    } finally {
      release();
    }
  }

  async *streamQuery<R>(query: CompiledQuery): AsyncIterableIterator<QueryResult<R>> {
    const d = this.#driver;
    yield* (this.inTransaction ? d.writer : d.reader).streamQuery<R>(query);
  }
}

class NodeSqliteDriver implements Driver {
  readonly #path: string;
  #writer: NodeSqliteConnection | undefined;
  #reader: NodeSqliteConnection | undefined;
  // One writer per file: transactions and writes take it in turn.
  #queue: Promise<void> = Promise.resolve();

  constructor(path: string) {
    this.#path = path;
  }

  get writer(): NodeSqliteConnection {
    if (!this.#writer) throw new Error("the SQLite store is closed");
    return this.#writer;
  }
  get reader(): NodeSqliteConnection {
    if (!this.#reader) throw new Error("the SQLite store is closed");
    return this.#reader;
  }

  async init(): Promise<void> {
    const db = new DatabaseSync(this.#path);
    db.exec("PRAGMA journal_mode = WAL");
    db.exec("PRAGMA synchronous = NORMAL");
    db.exec("PRAGMA busy_timeout = 10000");
    db.exec("PRAGMA foreign_keys = ON");
    this.#writer = new NodeSqliteConnection(db);
    // Opened after the writer set WAL mode; it can only read.
    const reader = new DatabaseSync(this.#path);
    reader.exec("PRAGMA busy_timeout = 10000");
    reader.exec("PRAGMA query_only = ON");
    this.#reader = new NodeSqliteConnection(reader);
  }

  /** Waits for the writer connection; the function returned gives it back. */
  async takeWriter(): Promise<() => void> {
    const prev = this.#queue;
    let release!: () => void;
    this.#queue = new Promise<void>((r) => {
      release = r;
    });
    await prev;
    return release;
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    return new NodeSqliteSession(this);
  }

  async beginTransaction(conn: DatabaseConnection, _s: TransactionSettings): Promise<void> {
    await (conn as NodeSqliteSession).begin();
  }
  async commitTransaction(conn: DatabaseConnection): Promise<void> {
    await this.#finish(conn as NodeSqliteSession, "commit");
  }
  async rollbackTransaction(conn: DatabaseConnection): Promise<void> {
    await this.#finish(conn as NodeSqliteSession, "rollback");
  }
  async #finish(session: NodeSqliteSession, how: "commit" | "rollback"): Promise<void> {
    // A COMMIT that fails keeps the writer: Kysely then rolls back, and that gives it back.
    if (how === "commit") {
      await this.writer.executeQuery(CompiledQuery.raw(how));
      session.end();
      return;
    }
    try {
      await this.writer.executeQuery(CompiledQuery.raw(how));
    } finally {
      session.end();
    }
  }
  async releaseConnection(conn: DatabaseConnection): Promise<void> {
    (conn as NodeSqliteSession).end();
  }
  async destroy(): Promise<void> {
    this.#reader?.db.close();
    this.#writer?.db.close();
    this.#reader = undefined;
    this.#writer = undefined;
  }
}
