// Two processes on one PostgreSQL database claim 10,000 rows: each is claimed exactly once.
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DB_KINDS, openTestDb, type TestDb } from "./support/databases.ts";

const WORKER = fileURLToPath(new URL("./support/claim-worker.ts", import.meta.url));
const N = 10_000;

/** A claiming process: `ready` once its store answers, `go` starts it, `done` its claims. */
function worker(db: TestDb, what: string, owner: string) {
  const args = [WORKER, db.databaseUrl ?? "", db.dataDir, what, owner];
  const p = spawn(process.execPath, args, { stdio: ["pipe", "pipe", "inherit"] });
  let out = "";
  let signalReady: () => void = () => {};
  const ready = new Promise<void>((r) => {
    signalReady = r;
  });
  p.stdout.on("data", (d) => {
    out += d;
    if (out.startsWith("ready\n")) signalReady();
  });
  const done = new Promise<string[]>((resolve, reject) => {
    p.once("exit", (code) =>
      code === 0
        ? resolve(JSON.parse(out.slice("ready\n".length)))
        : reject(new Error(`worker exited ${code}`)),
    );
  });
  return { ready, go: () => p.stdin.end("go\n"), done };
}

// PostgreSQL claims with FOR UPDATE SKIP LOCKED; SQLite with one atomic UPDATE … RETURNING.
describe.each(DB_KINDS)("claim with lease under contention (%s, two processes)", (kind) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await openTestDb(kind);
    const k = db.store.kysely;
    const nums = sql`with recursive g(x) as (select 1 union all select x + 1 from g where x < ${N})`;
    await sql`${nums} insert into outbox (id, intro_id, message_id, template, status, attempts, available_at, created_at, payload)
      select 'm' || x, null, '<' || x || '@t>', 't', 'pending', 0, 0, '2026-01-01T00:00:00Z', '{}' from g`.execute(
      k,
    );
    await sql`insert into intros (id, status, requester_email, introducer_email, target_email, thread_token, version, doc, created_at, updated_at)
      values ('i1', 'requested', 'a@x.com', 'b@x.com', null, 't1', 1, '{}', '2026-01-01', '2026-01-01')`.execute(
      k,
    );
    await sql`${nums} insert into timers (id, intro_id, name, n, due_at, status)
      select 't' || x, 'i1', 'follow_up', 1, x, 'pending' from g`.execute(k);
  });
  afterAll(() => db.drop());

  for (const what of ["outbox", "timers"]) {
    it(`claims each of ${N} ${what} rows exactly once`, async () => {
      const workers = [worker(db, what, "A"), worker(db, what, "B")];
      await Promise.all(workers.map((w) => w.ready));
      for (const w of workers) w.go();
      const [a = [], b = []] = await Promise.all(workers.map((w) => w.done));
      const all = [...a, ...b];
      expect(new Set(all).size).toBe(all.length); // no row twice
      expect(all.length).toBe(N); // every row once
      // Both processes really competed for the rows. How evenly depends on the scheduler (SQLite's
      // write lock is not fair, and a loaded machine favours whoever runs), so only "both won some".
      expect(a.length).toBeGreaterThan(0);
      expect(b.length).toBeGreaterThan(0);
    }, 600_000);
  }
});
