// The floor on SQLite: what the app's own statements cost the raw driver, without the app.
import { join } from "node:path";
import { DatabaseSync, StatementSync } from "node:sqlite";

/**
 * The floor on SQLite: the app's own statements (reads, writes, BEGIN and COMMIT, with their
 * parameters) recorded while it ran, then replayed by the raw driver with prepared statements on a
 * copy of the database taken before the run. It is what the same rows and transactions cost
 * without the app (Kysely, the pure transition, rendering the emails), so it bounds what any app
 * on this schema could reach against the 1-row baseline.
 */
export function sqliteFloor(dataDir: string) {
  const file = join(dataDir, "vouch.db");
  const copy = join(dataDir, "floor.db");
  const src = new DatabaseSync(file);
  src.exec(`VACUUM INTO '${copy}'`);
  src.close();
  const calls: [string, unknown[]][] = [];
  const proto = StatementSync.prototype as unknown as Record<
    "run" | "all",
    (this: StatementSync, ...p: unknown[]) => unknown
  >;
  const original = { run: proto.run, all: proto.all };
  const recorded = (m: "run" | "all") =>
    function (this: StatementSync, ...p: unknown[]) {
      calls.push([this.sourceSQL, p]);
      return original[m].apply(this, p);
    };
  const recording = { run: recorded("run"), all: recorded("all") };
  return {
    /** Runs `fn`, recording every statement run meanwhile (the baseline's rounds are not). */
    async record<T>(fn: () => Promise<T>): Promise<T> {
      Object.assign(proto, recording);
      try {
        return await fn();
      } finally {
        Object.assign(proto, original);
      }
    },
    /** Replays what was recorded; returns the ms it took and how many statements it ran. */
    replay(): { ms: number; statements: number } {
      const db = new DatabaseSync(copy);
      for (const p of ["journal_mode = WAL", "synchronous = NORMAL", "foreign_keys = ON"])
        db.exec(`PRAGMA ${p}`);
      const prepared = new Map<string, StatementSync>();
      const t = performance.now();
      for (const [text, params] of calls) {
        let stmt = prepared.get(text);
        if (!stmt) {
          stmt = db.prepare(text);
          prepared.set(text, stmt);
        }
        stmt.run(...(params as never[]));
      }
      const ms = performance.now() - t;
      db.close();
      return { ms, statements: calls.length };
    },
  };
}
