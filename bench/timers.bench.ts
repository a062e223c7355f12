// Issue 7's timer figures, with 1,000,000 pending timers of which 10,000 are due:
// - an empty sweep (sweepTimers when nothing is due): p50 and p99, goal under 5 ms;
// - due timers fired per second by sweepTimers (each in its own transaction: the intro locked,
//   the email rendered and queued, the history written, the next timers set), next to the raw
//   driver marking the same timer rows done (one UPDATE per row, one transaction each) in the
//   same run, as a ratio: goal at least 0.3.
// On SQLite (node:sqlite) and PostgreSQL (pg), each in a throw-away database.
//
// The 10,000 due timers belong to real intros, lived through the domain (test/support/
// timers-seed.ts: every timer of LIFECYCLE.md, each intro with one timer due); the other pending
// rows are bulk-inserted with SQL and hang on 100 idle intros, due over the next 12 days.
//
// The firing runs are time-boxed (a loaded machine can be slow): each fires or updates due rows
// for at most BOX_MS, and the raw driver then updates exactly the rows the sweep fired.
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { sql } from "kysely";
import pg from "pg";
import { sweepTimers } from "../src/jobs/timer-sweep.ts";
import type { KyselyStore } from "../src/store/kysely-store.ts";
import { openStore } from "../src/store/open-store.ts";
import type { Store } from "../src/store/store.ts";
import { testDeps } from "../test/support/app.ts";
import { buildDueIntros, buildIdleIntros, insertLives } from "../test/support/timers-seed.ts";
import { percentile, printFigure } from "./report.ts";
import { sqliteFloor } from "./support/sqlite-floor.ts";

const TOTAL = 1_000_000;
const DUE = 10_000;
const IDLE_INTROS = 100;
const BOX_MS = Number(process.env.VOUCH_BENCH_TIMERS_BOX_MS ?? 30_000);
const EMPTY_RUNS = 500;
const D = 86_400_000;
const PG_ADMIN_URL =
  process.env.VOUCH_BENCH_PG_URL ??
  process.env.VOUCH_TEST_PG_URL ??
  "postgres://postgres@127.0.0.1:5432/test";

type Kind = "sqlite" | "postgres";

interface Db {
  kind: Kind;
  store: KyselyStore;
  dataDir: string;
  url: string | undefined;
  drop(): Promise<void>;
}

async function pgAdmin(query: string): Promise<void> {
  const c = new pg.Client({ connectionString: PG_ADMIN_URL });
  await c.connect();
  try {
    await c.query(query);
  } finally {
    await c.end();
  }
}

async function openDb(kind: Kind): Promise<Db> {
  const dataDir = mkdtempSync(join(tmpdir(), "vouch-bench-timers-"));
  let url: string | undefined;
  let name = "";
  if (kind === "postgres") {
    name = `vouch_bench_${randomBytes(6).toString("hex")}`;
    await pgAdmin(`create database ${name}`);
    const u = new URL(PG_ADMIN_URL);
    u.pathname = `/${name}`;
    url = u.toString();
  }
  const store = openStore({ databaseUrl: url, dataDir });
  await store.migrate();
  return {
    kind,
    store,
    dataDir,
    url,
    drop: async () => {
      await store.close().catch(() => {});
      if (name) await pgAdmin(`drop database if exists ${name} with (force)`);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function count(db: Db, where: "pending" | "due" | "done", now: number): Promise<number> {
  let q = db.store.kysely
    .selectFrom("timers")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("status", "=", where === "done" ? "done" : "pending");
  if (where === "due") q = q.where("due_at", "<=", now);
  return Number((await q.executeTakeFirstOrThrow()).n);
}

/** 10,000 intros with one due timer each, then bulk rows up to 1,000,000 pending timers. */
async function fill(db: Db, now: number): Promise<void> {
  const k = db.store.kysely;
  const t0 = performance.now();
  const seed = buildDueIntros(DUE, now);
  const idle = buildIdleIntros(IDLE_INTROS, now);
  await insertLives(db.store, [...seed.lives, ...idle]);
  const bulk = TOTAL - (await count(db, "pending", now));
  await sql`create table bench_idle (k integer primary key, id text not null)`.execute(k);
  await k
    .insertInto("bench_idle" as never)
    .values(idle.map((l, i) => ({ k: i, id: l.intro.id })) as never)
    .execute();
  const nums =
    db.kind === "postgres"
      ? sql`select x from generate_series(0, ${bulk - 1}) as g(x)`
      : sql`with recursive g(x) as (select 0 union all select x + 1 from g where x < ${bulk - 1}) select x from g`;
  const soon = now + D;
  await sql`insert into timers (id, intro_id, name, n, due_at, status)
    select 'bulk_' || g.x, i.id,
      case g.x % 4 when 0 then 'follow_up' when 1 then 'stall' when 2 then 'remind_introducer' else 'report_reminder' end,
      1 + g.x % 2, cast(${soon} as bigint) + g.x * 997, 'pending'
    from (${nums}) as g join bench_idle i on i.k = g.x % ${IDLE_INTROS}`.execute(k);
  await sql`drop table bench_idle`.execute(k);
  // Statistics for what was bulk-loaded, as autovacuum would gather them. Not the whole database:
  // analyzing the still-empty outbox would tell the planner it holds nothing, a state no running
  // instance is in (autovacuum analyzes a table only once rows arrive), and prepared plans made
  // from it would scan the outbox as it fills during the run.
  for (const table of ["timers", "intros", "intro_events"])
    await sql`analyze ${sql.table(table)}`.execute(k);
  const [pending, due] = [await count(db, "pending", now), await count(db, "due", now)];
  if (pending !== TOTAL || due !== DUE) throw new Error(`seeded ${pending} pending, ${due} due`);
  console.log(
    `${db.kind}: ${pending.toLocaleString("en")} pending timers, ${due.toLocaleString("en")} due, on ${DUE + IDLE_INTROS} intros (built in ${((performance.now() - t0) / 1000).toFixed(1)} s)`,
  );
}

/** A Store whose claims come back empty once `deadline` has passed: the sweep stops cleanly. */
function timeBoxed(store: Store, deadline: number): Store {
  return new Proxy(store, {
    get(target, prop) {
      if (prop === "claimTimers")
        return (c: Parameters<Store["claimTimers"]>[0]) =>
          performance.now() > deadline ? Promise.resolve([]) : target.claimTimers(c);
      const v = Reflect.get(target, prop, target);
      return typeof v === "function" ? v.bind(target) : v;
    },
  });
}

/** The raw driver: one UPDATE per row, each in its own transaction, stopping at `deadline`. */
async function rawUpdates(db: Db, ids: string[], at: string, deadline: number): Promise<number> {
  let n = 0;
  if (db.kind === "sqlite") {
    const raw = new DatabaseSync(join(db.dataDir, "vouch.db"));
    // The same settings as the store's connection (src/store/node-sqlite-dialect.ts).
    raw.exec("PRAGMA journal_mode = WAL");
    raw.exec("PRAGMA synchronous = NORMAL");
    raw.exec("PRAGMA busy_timeout = 10000");
    raw.exec("PRAGMA foreign_keys = ON");
    const begin = raw.prepare("begin immediate");
    const update = raw.prepare("update timers set status = 'done', fired_at = ? where id = ?");
    const commit = raw.prepare("commit");
    for (const id of ids) {
      if (performance.now() > deadline) break;
      begin.run();
      update.run(at, id);
      commit.run();
      n++;
    }
    raw.close();
    return n;
  }
  const c = new pg.Client({ connectionString: db.url });
  await c.connect();
  for (const id of ids) {
    if (performance.now() > deadline) break;
    await c.query("begin");
    await c.query({
      name: "done",
      text: "update timers set status = 'done', fired_at = $1 where id = $2",
      values: [at, id],
    });
    await c.query("commit");
    n++;
  }
  await c.end();
  return n;
}

async function bench(kind: Kind): Promise<void> {
  const db = await openDb(kind);
  try {
    const now = Date.now();
    await fill(db, now);
    const deps = testDeps(db.store, { now: new Date(now) });

    // Empty sweeps: as of a quarter of an hour ago, before the earliest due timer.
    const before = new Date(now - 15 * 60_000);
    for (let i = 0; i < 20; i++) await sweepTimers(deps, before);
    const empty: number[] = [];
    const emptyCpu: number[] = [];
    for (let i = 0; i < EMPTY_RUNS; i++) {
      const c = process.cpuUsage();
      const t = performance.now();
      const r = await sweepTimers(deps, before);
      empty.push(performance.now() - t);
      const used = process.cpuUsage(c);
      emptyCpu.push((used.user + used.system) / 1000);
      if (r.fired || r.stale) throw new Error("an empty sweep fired something");
    }
    printFigure({
      name: `empty sweep, p50 (${kind}, ${EMPTY_RUNS} runs)`,
      value: percentile(empty, 50),
      unit: "ms",
      goal: "< 5 ms",
    });
    printFigure({
      name: `empty sweep, p99 (${kind})`,
      value: percentile(empty, 99),
      unit: "ms",
      goal: "< 5 ms",
    });
    // Wall-clock time includes waiting for a core on a busy machine; this process's CPU does not.
    console.log(
      `  (this process's CPU per empty sweep: p50 ${percentile(emptyCpu, 50).toFixed(3)} ms, p99 ${percentile(emptyCpu, 99).toFixed(3)} ms)`,
    );

    // The sweep fires due timers for at most BOX_MS…
    const floor = kind === "sqlite" ? sqliteFloor(db.dataDir) : null;
    let t = performance.now();
    const box = timeBoxed(db.store, t + BOX_MS);
    const sweep = () => sweepTimers({ ...deps, store: box }, new Date(now));
    const r = await (floor ? floor.record(sweep) : sweep());
    const sweepMs = performance.now() - t;
    const fired = await db.store.kysely
      .selectFrom("timers")
      .select("id")
      .where("status", "=", "done")
      .orderBy("due_at")
      .orderBy("id")
      .execute();
    if (r.stale || fired.length !== r.fired) throw new Error(`sweep: ${JSON.stringify(r)}`);
    // …then the same rows go back to pending and the raw driver marks them done, one by one.
    const ids = fired.map((f) => f.id);
    await sql`update timers set status = 'pending', fired_at = null where status = 'done'`.execute(
      db.store.kysely,
    );
    t = performance.now();
    const updated = await rawUpdates(db, ids, new Date(now).toISOString(), t + BOX_MS);
    const rawMs = performance.now() - t;
    printFigure({
      name: `due timers fired/s by sweepTimers (${kind}, ${r.fired.toLocaleString("en")} of ${DUE.toLocaleString("en")} in ${(sweepMs / 1000).toFixed(1)} s)`,
      value: (r.fired * 1000) / sweepMs,
      unit: "timers/s",
      baseline: {
        name: `raw ${kind === "sqlite" ? "node:sqlite" : "pg"} UPDATE per row (${updated.toLocaleString("en")} rows)`,
        value: (updated * 1000) / rawMs,
      },
      goal: "ratio ≥ 0.3",
    });
    // What one firing writes besides the timer row: the intro's JSON, an event, the rendered email.
    const size = await sql<{ doc: number; payload: number }>`select
      (select avg(length(doc)) from intros) as doc,
      (select avg(length(payload)) from outbox) as payload`.execute(db.store.kysely);
    const row = size.rows[0];
    console.log(
      `  (per firing: the intro's JSON ≈ ${Math.round(Number(row?.doc))} B rewritten, each queued email ≈ ${Math.round(Number(row?.payload))} B; sweep ${((sweepMs / Math.max(1, r.fired)) * 1000).toFixed(0)} µs per timer, raw ${((rawMs / Math.max(1, updated)) * 1000).toFixed(0)} µs per row)`,
    );
    if (floor) {
      const f = floor.replay();
      const floorRate = (r.fired * 1000) / f.ms;
      console.log(
        `  (floor: the sweep's own ${f.statements.toLocaleString("en")} statements replayed by node:sqlite, prepared, same transactions: ${Math.round(floorRate).toLocaleString("en")} timers/s, ratio ${(floorRate / ((updated * 1000) / rawMs)).toFixed(2)} of the raw UPDATE per row)`,
      );
    }
  } finally {
    await db.drop();
  }
}

const kinds: Kind[] = process.env.VOUCH_BENCH_TIMERS_DB
  ? (process.env.VOUCH_BENCH_TIMERS_DB.split(",") as Kind[])
  : ["sqlite", "postgres"];
console.log(
  `load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(" ")} on this machine; firing runs time-boxed to ${BOX_MS / 1000} s`,
);
for (const kind of kinds) await bench(kind);
