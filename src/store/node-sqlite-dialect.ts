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

class NodeSqliteDriver implements Driver {
  readonly #path: string;
  #conn: NodeSqliteConnection | undefined;
  // One connection, handed out in turn: SQLite allows one writer per file anyway.
  #queue: Promise<void> = Promise.resolve();
  #release: (() => void) | undefined;

  constructor(path: string) {
    this.#path = path;
  }

  async init(): Promise<void> {
    const db = new DatabaseSync(this.#path);
    db.exec("PRAGMA journal_mode = WAL");
    db.exec("PRAGMA synchronous = NORMAL");
    db.exec("PRAGMA busy_timeout = 10000");
    db.exec("PRAGMA foreign_keys = ON");
    this.#conn = new NodeSqliteConnection(db);
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    const prev = this.#queue;
    let release!: () => void;
    this.#queue = new Promise<void>((r) => {
      release = r;
    });
    await prev;
    this.#release = release;
    return this.#conn as NodeSqliteConnection;
  }

  async beginTransaction(conn: DatabaseConnection, _s: TransactionSettings): Promise<void> {
    await conn.executeQuery(CompiledQuery.raw("begin immediate"));
  }
  async commitTransaction(conn: DatabaseConnection): Promise<void> {
    await conn.executeQuery(CompiledQuery.raw("commit"));
  }
  async rollbackTransaction(conn: DatabaseConnection): Promise<void> {
    await conn.executeQuery(CompiledQuery.raw("rollback"));
  }
  async releaseConnection(): Promise<void> {
    const r = this.#release;
    this.#release = undefined;
    r?.();
  }
  async destroy(): Promise<void> {
    this.#conn?.db.close();
    this.#conn = undefined;
  }
}
