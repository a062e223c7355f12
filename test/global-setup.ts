// Runs once before the whole suite: PostgreSQL must be reachable (it is required, never skipped).
import pg from "pg";

export default async function setup(): Promise<void> {
  const url = process.env.VOUCH_TEST_PG_URL ?? "postgres://postgres@127.0.0.1:5432/test";
  const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await c.connect();
    // Leftovers of interrupted runs.
    const { rows } = await c.query(
      "select datname from pg_database where datname like 'vouch_t_%' and datname not in (select datname from pg_stat_activity where datname is not null)",
    );
    for (const r of rows) await c.query(`drop database if exists ${r.datname}`);
  } catch (e) {
    throw new Error(
      `The test suite needs PostgreSQL at ${url} (set VOUCH_TEST_PG_URL to change it): ${(e as Error).message}`,
    );
  } finally {
    await c.end().catch(() => {});
  }
}
