// PostgreSQL connections that prepare each parameterized statement once (store/pg-prepared-pool.ts).
import { Kysely, PostgresDialect, sql } from "kysely";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_PREPARED_PER_CONNECTION, preparingPool } from "../src/store/pg-prepared-pool.ts";
import { createPgDatabase } from "./support/databases.ts";

describe("the preparing PostgreSQL pool", () => {
  let drop: () => Promise<void>;
  let pool: pg.Pool;
  let db: Kysely<Record<string, { id: number; name: string }>>;
  // One connection, so every query below runs on the connection whose statements are counted.
  const prepared = async () =>
    (await sql<{ n: number }>`select count(*)::int as n from pg_prepared_statements`.execute(db))
      .rows[0]?.n;

  beforeAll(async () => {
    const created = await createPgDatabase();
    drop = created.drop;
    pool = new pg.Pool({ connectionString: created.url, max: 1 });
    db = new Kysely({ dialect: new PostgresDialect({ pool: preparingPool(pool) }) });
    await sql`create table t (id int primary key, name text not null)`.execute(db);
    await sql`insert into t values (1, 'one'), (2, 'two')`.execute(db);
  });
  afterAll(async () => {
    await db?.destroy();
    await drop?.();
  });

  it("prepares a parameterized statement once and runs it with each call's parameters", async () => {
    const before = await prepared();
    const byId = (id: number) =>
      db.selectFrom("t").select("name").where("id", "=", id).executeTakeFirst();
    expect(await byId(1)).toEqual({ name: "one" });
    expect(await byId(2)).toEqual({ name: "two" });
    expect(await byId(3)).toBeUndefined();
    expect(await prepared()).toBe((before ?? 0) + 1);
    // Statements without parameters are not prepared.
    await sql`select 1`.execute(db);
    expect(await prepared()).toBe((before ?? 0) + 1);
  });

  it("keeps at most MAX_PREPARED_PER_CONNECTION, and runs the rest unnamed", async () => {
    for (let i = 0; i < MAX_PREPARED_PER_CONNECTION + 20; i++) {
      const r = await sql<{ x: number }>`select ${i}::int + ${i}::int as x`.execute(db);
      // Distinct texts: the cast count varies the statement.
      const r2 = await sql<{ x: number }>`${sql.raw(`select ${i} + `)}${1}::int as x`.execute(db);
      expect(r.rows[0]?.x).toBe(2 * i);
      expect(r2.rows[0]?.x).toBe(i + 1);
    }
    expect(await prepared()).toBe(MAX_PREPARED_PER_CONNECTION);
  });

  it("prepares afresh when a table a kept `select *` reads changes shape", async () => {
    const pool2 = new pg.Pool({
      connectionString: (pool as unknown as { options: { connectionString: string } }).options
        .connectionString,
      max: 1,
    });
    const db2 = new Kysely<Record<string, Record<string, unknown>>>({
      dialect: new PostgresDialect({ pool: preparingPool(pool2) }),
    });
    try {
      const all = () => db2.selectFrom("t").selectAll().where("id", "=", 1).executeTakeFirst();
      expect(await all()).toEqual({ id: 1, name: "one" });
      // Another instance migrates.
      await sql`alter table t add column extra text`.execute(db);
      // The kept plan is refused once; the statement is then prepared again.
      await expect(all()).rejects.toMatchObject({ code: "0A000" });
      expect(await all()).toEqual({ id: 1, name: "one", extra: null });
    } finally {
      await db2.destroy();
    }
  });
});
