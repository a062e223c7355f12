// runCli in-process, as the tests use it: each run reads only the environment it is given,
// writes only to the streams it is given, and leaves nothing behind (no open store, no timer, no
// socket, no change to process.env), so runs after it and runs beside it are unaffected.
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { introCreateArgs, vouch } from "./support/cli.ts";
import { createPgDatabase, DB_KINDS, PG_ADMIN_URL } from "./support/databases.ts";

const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), "vouch-inproc-"));
  dirs.push(d);
  return d;
};
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** The kinds of handle that would keep a process alive or hold a database: how many of each. */
function openHandles(): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of process.getActiveResourcesInfo()) {
    if (r === "FSReqCallback" || r === "FSReqPromise") continue; // file reads in flight
    counts[r] = (counts[r] ?? 0) + 1;
  }
  return counts;
}

const same = (a: object, b: object) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Returns once `done` holds (a closed socket or connection can take a moment to be reported), or
 * after five seconds. Its own timer has fired by the time `done` looks at the handles.
 */
async function until(done: () => Promise<boolean>): Promise<void> {
  for (let waited = 0; waited < 5_000 && !(await done()); waited += 50) {
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe("runCli in-process", () => {
  it("reads its configuration from the environment it is given, never process.env", async () => {
    const before = { ...process.env };
    const dataDir = tempDir();
    const bad = await vouch(["intro", "list", "--json"], {
      VOUCH_DATA_DIR: dataDir,
      VOUCH_HTTP_PORT: "http",
    });
    expect(bad).toEqual({
      code: 1,
      stdout: "",
      stderr: 'vouch: VOUCH_HTTP_PORT must be a port number (got "http")\n',
    });
    const ok = await vouch(["intro", "list", "--json"], { VOUCH_DATA_DIR: dataDir });
    expect(ok).toEqual({ code: 0, stdout: "[]\n", stderr: "" });
    expect(process.env).toEqual(before);
  });

  it("keeps two runs at the same time apart: each its own data, its own output", async () => {
    const [a, b] = [tempDir(), tempDir()];
    const env = (dataDir: string) => ({
      VOUCH_DATA_DIR: dataDir,
      VOUCH_PUBLIC_URL: "http://localhost:3000",
    });
    const [ra, rb] = await Promise.all([
      vouch(introCreateArgs("Alice <alice@example.com>"), env(a)),
      vouch(introCreateArgs("Bob <bob@example.com>"), env(b)),
    ]);
    expect(ra.stderr + rb.stderr).toBe("");
    expect(JSON.parse(ra.stdout).requester.email).toBe("alice@example.com");
    expect(JSON.parse(rb.stdout).requester.email).toBe("bob@example.com");
    const [la, lb] = await Promise.all([
      vouch(["intro", "list", "--json"], env(a)),
      vouch(["intro", "list", "--json"], env(b)),
    ]);
    expect(JSON.parse(la.stdout).map((i: { id: string }) => i.id)).toEqual([
      JSON.parse(ra.stdout).id,
    ]);
    expect(JSON.parse(lb.stdout).map((i: { id: string }) => i.id)).toEqual([
      JSON.parse(rb.stdout).id,
    ]);
  });

  it("writes help to the stdout it is given and exits 0", async () => {
    const r = await vouch(["intro", "--help"], {});
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    expect(r.stdout).toMatch(/^Usage: vouch intro/);
    expect(r.stdout).toContain("create");
  });

  for (const kind of DB_KINDS) {
    describe(`on ${kind}`, () => {
      // A database without a store open on it in this process: every handle counted is the
      // CLI's, but for one connection to the server's admin database, open throughout.
      let pgDb: Awaited<ReturnType<typeof createPgDatabase>> | undefined;
      let admin: pg.Client | undefined;
      beforeAll(async () => {
        if (kind !== "postgres") return;
        pgDb = await createPgDatabase();
        admin = new pg.Client({ connectionString: PG_ADMIN_URL });
        await admin.connect();
      });
      afterAll(async () => {
        await admin?.end();
        await pgDb?.drop();
      });

      it("leaves no connection, timer or socket open once a run has returned", async () => {
        const dataDir = tempDir();
        const env = {
          VOUCH_DATA_DIR: dataDir,
          VOUCH_DATABASE_URL: pgDb?.url,
          VOUCH_PUBLIC_URL: "http://localhost:3000",
        };
        // Connected to the database: on SQLite its WAL file is there until the last connection
        // closes; on PostgreSQL a server process serves each. A pool left open would keep its
        // connections for 10 s (pg's idle timeout), longer than this waits.
        const connected = async () =>
          admin && pgDb
            ? (
                await admin.query<{ n: number }>(
                  "select count(*)::int as n from pg_stat_activity where datname = $1",
                  [new URL(pgDb.url).pathname.slice(1)],
                )
              ).rows[0]?.n !== 0
            : existsSync(join(dataDir, "vouch.db-wal"));
        // One run first, so what is loaded once per process (modules, the timezone data) is.
        await vouch(["migrate"], env);
        await until(async () => !(await connected()));
        await until(async () => (openHandles().TCPSocketWrap ?? 0) === (admin ? 1 : 0));
        const baseline = openHandles();
        const runs = [
          ["migrate", "--json"],
          introCreateArgs("Alice <alice@example.com>"),
          ["intro", "list", "--json"],
          ["timers", "run", "--as-of", "2099-01-01T00:00:00Z", "--json"],
          ["token", "create", "--email", "alice@example.com"],
          ["intro", "show", "in_nope"],
        ];
        for (const argv of runs) {
          const r = await vouch(argv, env);
          expect(r.stderr === "" || r.code !== 0, `${argv.join(" ")}: ${r.stderr}`).toBe(true);
        }
        await until(async () => !(await connected()) && same(openHandles(), baseline));
        expect(await connected()).toBe(false);
        expect(openHandles()).toEqual(baseline);
        const expired = JSON.parse((await vouch(["intro", "list", "--json"], env)).stdout);
        expect(expired.map((i: { status: string }) => i.status)).toEqual(["expired"]);
      });
    });
  }
});
