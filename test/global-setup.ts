// Runs once before the whole suite: PostgreSQL must be reachable (it is required, never skipped).
import pg from "pg";

export default async function setup(): Promise<void> {
  const url = process.env.VOUCH_TEST_PG_URL ?? "postgres://postgres@127.0.0.1:5432/test";
  const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await c.connect();
    // Leftovers of interrupted runs: only those created over two hours ago, so a suite running
    // at the same time keeps its databases.
    const { rows } = await c.query<{ datname: string }>(
      "select datname from pg_database where datname ~ '^vouch_t_[0-9]+_'",
    );
    const cutoff = Date.now() / 1000 - 2 * 3600;
    for (const r of rows) {
      const created = Number(r.datname.split("_")[2]);
      if (created < cutoff) await c.query(`drop database if exists ${r.datname} with (force)`);
    }
  } catch (e) {
    throw new Error(
      `The test suite needs PostgreSQL at ${url} (set VOUCH_TEST_PG_URL to change it): ${(e as Error).message}`,
    );
  } finally {
    await c.end().catch(() => {});
  }
}
