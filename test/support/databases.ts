// Fresh databases for tests: a temp SQLite file, and a new PostgreSQL database per store, dropped
// afterwards. PostgreSQL is required (CI runs it locally); nothing here is ever skipped.
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import type { KyselyStore } from "../../src/store/kysely-store.ts";
import { openStore } from "../../src/store/open-store.ts";

export const PG_ADMIN_URL =
  process.env.VOUCH_TEST_PG_URL ?? "postgres://postgres@127.0.0.1:5432/test";

export interface TestDb {
  kind: "sqlite" | "postgres";
  /** What to pass as VOUCH_DATABASE_URL / VOUCH_DATA_DIR to a child process. */
  databaseUrl: string | undefined;
  dataDir: string;
  store: KyselyStore;
  drop(): Promise<void>;
}

async function admin<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/**
 * A new empty PostgreSQL database, and how to drop it (even with connections still open). Tests
 * and benchmarks both use it, with their own name prefix.
 */
export async function createPgDatabase(
  opts: { prefix?: string; adminUrl?: string; durable?: boolean } = {},
): Promise<{ url: string; drop: () => Promise<void> }> {
  const adminUrl = opts.adminUrl ?? PG_ADMIN_URL;
  // The creation time in the name lets a later run clean up only what is surely abandoned.
  const name = `${opts.prefix ?? "vouch_t"}_${Math.floor(Date.now() / 1000)}_${randomBytes(4).toString("hex")}`;
  await admin(adminUrl, async (c) => {
    await c.query(`create database ${name}`);
    // A test's database need not survive a crash of the server: without the WAL flush each
    // commit waits for, the tests that commit thousands of small transactions (claims under
    // contention, 10,000 timers, the crash test) run several times faster. What they check
    // (locks, isolation, SKIP LOCKED, what a killed client leaves) is the same. Benchmarks keep
    // the server's durable default, so that their figures are those a deployment sees.
    if (!opts.durable) await c.query(`alter database ${name} set synchronous_commit = off`);
  });
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    drop: () =>
      admin(adminUrl, async (c) => {
        // A pool that was just closed may still have connections on their way out. Dropping by
        // force ends them with an error their clients no longer listen for, which crashes the
        // test process, so give them a moment first; force is for connections left open.
        for (let i = 0; i < 40; i++) {
          const { rows } = await c.query<{ n: number }>(
            "select count(*)::int as n from pg_stat_activity where datname = $1",
            [name],
          );
          if (!rows[0]?.n) break;
          await new Promise((r) => setTimeout(r, 50));
        }
        await c.query(`drop database if exists ${name} with (force)`);
      }),
  };
}

export async function openTestDb(kind: "sqlite" | "postgres"): Promise<TestDb> {
  const dataDir = mkdtempSync(join(tmpdir(), "vouch-test-"));
  if (kind === "sqlite") {
    const store = openStore({ dataDir });
    await store.migrate();
    return {
      kind,
      databaseUrl: undefined,
      dataDir,
      store,
      drop: async () => {
        await store.close();
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  }
  const db = await createPgDatabase();
  const store = openStore({ databaseUrl: db.url, dataDir });
  await store.migrate();
  return {
    kind,
    databaseUrl: db.url,
    dataDir,
    store,
    drop: async () => {
      await store.close();
      await db.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export const DB_KINDS = ["sqlite", "postgres"] as const;
