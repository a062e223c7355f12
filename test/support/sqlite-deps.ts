// The app on a fresh SQLite store for one test file: opened before its tests, dropped after.
import { afterAll, beforeAll } from "vitest";
import type { AppDeps } from "../../src/app/deps.ts";
import { testDeps } from "./app.ts";
import { openTestDb, type TestDb } from "./databases.ts";

/** Registers the file's beforeAll/afterAll; read `.deps` and `.db` inside tests. */
export function sqliteApp(clock?: { now: Date }): { db: TestDb; deps: AppDeps } {
  const h = {} as { db: TestDb; deps: AppDeps };
  beforeAll(async () => {
    h.db = await openTestDb("sqlite");
    h.deps = testDeps(h.db.store, clock);
  });
  afterAll(() => h.db?.drop());
  return h;
}
