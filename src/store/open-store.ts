import { randomBytes } from "node:crypto";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { Kysely, PostgresDialect } from "kysely";
import pg from "pg";
import { KyselyStore, type StoreDevices } from "./kysely-store.ts";
import { NodeSqliteDialect } from "./node-sqlite-dialect.ts";
import { preparingPool } from "./pg-prepared-pool.ts";
import type { Database } from "./schema.ts";

/** Where the data lives: PostgreSQL when a URL is given, else SQLite in the data dir. */
export interface StoreLocation {
  databaseUrl?: string | undefined;
  dataDir: string;
}

// bigint columns hold epoch milliseconds, which fit a JS number exactly.
const types = {
  getTypeParser: ((oid: number, format?: "text" | "binary") =>
    oid === 20 ? Number : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

/**
 * Opens the store. `devices` turns performance devices off for benchmarks (all on by default);
 * `preparedStatements: false` gives PostgreSQL pg's plain pool (pg-prepared-pool.ts is the other).
 */
export function openStore(
  loc: StoreLocation,
  opts: { poolSize?: number; devices?: StoreDevices & { preparedStatements?: boolean } } = {},
): KyselyStore {
  const devices = opts.devices ?? {};
  if (loc.databaseUrl) {
    const pool = new pg.Pool({
      connectionString: loc.databaseUrl,
      max: opts.poolSize ?? 10,
      types,
    });
    const prepared = devices.preparedStatements ?? true;
    return new KyselyStore(
      new Kysely<Database>({
        dialect: new PostgresDialect({ pool: prepared ? preparingPool(pool) : pool }),
      }),
      "postgres",
      devices,
    );
  }
  mkdirSync(loc.dataDir, { recursive: true });
  const db = new Kysely<Database>({
    dialect: new NodeSqliteDialect(join(loc.dataDir, "vouch.db")),
  });
  return new KyselyStore(db, "sqlite", devices);
}

/** The secret that signs email links, made once and shared by every instance through the database. */
export function linkSecret(store: KyselyStore): Promise<string> {
  return store.setting("link_secret", () => randomBytes(32).toString("base64url"));
}

/** Where the server's links in emails point, kept for CLI commands run without its environment. */
const PUBLIC_URL = "public_url";

/** Remembers the base of links the server uses (each start writes its own). */
export function rememberPublicUrl(store: KyselyStore, url: string): Promise<void> {
  return store.putSetting(PUBLIC_URL, url);
}

/** The base of links the server last started with, or null when no server has run yet. */
export function rememberedPublicUrl(store: KyselyStore): Promise<string | null> {
  return store.getSetting(PUBLIC_URL);
}
