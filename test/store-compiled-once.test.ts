// Queries compiled once and run with each call's parameters.
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CompiledQueries } from "../src/store/compiled-once.ts";
import { DB_KINDS, openTestDb, type TestDb } from "./support/databases.ts";

for (const kind of DB_KINDS) {
  describe(`compiled-once queries on ${kind}`, () => {
    let db: TestDb;
    beforeAll(async () => {
      db = await openTestDb(kind);
      await db.store.kysely
        .insertInto("settings")
        .values([
          { key: "a", value: "1" },
          { key: "b", value: "2" },
        ])
        .execute();
    });
    afterAll(() => db?.drop());

    it("builds once and runs each call with its own parameters", async () => {
      const queries = new CompiledQueries();
      let builds = 0;
      const get = (key: string) =>
        queries.run(
          db.store.kysely,
          "setting",
          (p) => {
            builds++;
            return db.store.kysely.selectFrom("settings").select("value").where("key", "=", p);
          },
          [key],
        );
      expect(await get("a")).toEqual([{ value: "1" }]);
      expect(await get("b")).toEqual([{ value: "2" }]);
      expect(await get("zzz")).toEqual([]);
      expect(builds).toBe(1);
    });

    it("refuses a query whose parameters are not the placeholders in order", async () => {
      const queries = new CompiledQueries();
      const k = db.store.kysely;
      await expect(
        queries.run(
          k,
          "swapped",
          (a, b) =>
            k
              .selectFrom("settings")
              .select("value")
              .where("key", "=", b as string)
              .where("value", "=", a as string),
          ["a", "1"],
        ),
      ).rejects.toThrow(/not the placeholders/);
      await expect(
        queries.run(
          k,
          "inlined",
          (p) => k.selectFrom("settings").select("value").where("key", "=", sql.lit(p)),
          ["a"],
        ),
      ).rejects.toThrow(/not the placeholders/);
    });
  });
}
