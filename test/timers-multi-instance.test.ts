// Issue 7, "many instances": three real `vouch serve` processes sweep one PostgreSQL database
// holding 10,000 due timers. Every timer fires exactly once (its row done, one timer_fired event
// on its intro) and every email those timers cause is queued exactly once, counted.
//
// The servers run on the real clock, so the intros are lived through the domain in the past (see
// support/timers-seed.ts) and written in bulk once all three servers are up: they all start
// sweeping the same due rows at the same moment.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BuiltInMailbox } from "../src/mail/outbound/mailbox.ts";
import { MAIN } from "./support/cli.ts";
import { openTestDb, type TestDb } from "./support/databases.ts";
import { freePort } from "./support/ports.ts";
import { buildDueIntros, insertLives, type SeededIntro } from "./support/timers-seed.ts";

const N = 10_000;
const INSTANCES = 3;

interface Server {
  name: string;
  child: ChildProcess;
  dataDir: string;
  url: string;
  lines: string[];
  exited: Promise<number | null>;
}

let db: TestDb;
const servers: Server[] = [];

async function startServer(name: string): Promise<Server> {
  const dataDir = mkdtempSync(join(tmpdir(), `vouch-timers-${name}-`));
  const port = await freePort();
  const child = spawn(process.execPath, [MAIN, "serve"], {
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      VOUCH_DATABASE_URL: db.databaseUrl,
      VOUCH_DATA_DIR: dataDir,
      VOUCH_HTTP_PORT: String(port),
      VOUCH_SMTP_PORT: String(await freePort()),
      VOUCH_TIMER_INTERVAL_S: "0.2",
      VOUCH_LOG_LEVEL: "info",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const lines: string[] = [];
  let partial = "";
  const collect = (d: Buffer) => {
    const parts = (partial + d.toString()).split("\n");
    partial = parts.pop() ?? "";
    lines.push(...parts.filter(Boolean));
  };
  child.stdout?.on("data", collect);
  child.stderr?.on("data", collect);
  const exited = new Promise<number | null>((r) => child.once("exit", (code) => r(code)));
  return { name, child, dataDir, url: `http://127.0.0.1:${port}`, lines, exited };
}

async function until(what: string, ms: number, check: () => Promise<boolean>): Promise<number> {
  const start = Date.now();
  while (!(await check())) {
    if (Date.now() - start > ms) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  return Date.now() - start;
}

/**
 * Waits until `left()` reaches 0. On a loaded machine the sweep can be slow, so the bound is on
 * progress: it fails if nothing moved for `stallMs`, or after `maxMs` in all.
 */
async function drained(
  what: string,
  left: () => Promise<number>,
  stallMs: number,
  maxMs: number,
): Promise<number> {
  const start = Date.now();
  let last = await left();
  let moved = start;
  while (last > 0) {
    await new Promise((r) => setTimeout(r, 1000));
    const n = await left();
    if (n < last) moved = Date.now();
    last = n;
    if (Date.now() - moved > stallMs)
      throw new Error(`${what}: stuck at ${n} left for ${stallMs / 1000} s`);
    if (Date.now() - start > maxMs) throw new Error(`${what}: ${n} left after ${maxMs / 1000} s`);
  }
  return Date.now() - start;
}

async function healthy(s: Server): Promise<boolean> {
  try {
    return (await fetch(`${s.url}/health`)).ok;
  } catch {
    return false;
  }
}

/** The JSON log records of a server with a given message. */
function logs(s: Server, msg: string): Record<string, number>[] {
  return s.lines
    .map((l) => {
      try {
        return JSON.parse(l);
      } catch {
        return null;
      }
    })
    .filter((r) => r?.msg === msg);
}

beforeAll(async () => {
  db = await openTestDb("postgres");
});

afterAll(async () => {
  for (const s of servers) if (s.child.exitCode === null) s.child.kill("SIGKILL");
  await Promise.all(servers.map((s) => s.exited));
  for (const s of servers) rmSync(s.dataDir, { recursive: true, force: true });
  await db?.drop();
});

describe(`${INSTANCES} vouch serve processes on one PostgreSQL database`, () => {
  it(
    `fire each of ${N.toLocaleString("en")} due timers exactly once and queue each email once`,
    async () => {
      const k = db.store.kysely;
      for (let i = 0; i < INSTANCES; i++) servers.push(await startServer(`s${i + 1}`));
      // Starting takes a second on an idle machine, much longer on a loaded one.
      await until("the servers to answer /health", 120_000, async () => {
        const dead = servers.find((s) => s.child.exitCode !== null);
        if (dead) throw new Error(`${dead.name} exited:\n${dead.lines.join("\n")}`);
        return (await Promise.all(servers.map(healthy))).every(Boolean);
      });

      const now = Date.now();
      const seed = buildDueIntros(N, now);
      await insertLives(db.store, seed.lives);
      const dueLeft = async () => {
        const r = await k
          .selectFrom("timers")
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .where("status", "=", "pending")
          .where("due_at", "<=", now)
          .executeTakeFirstOrThrow();
        return Number(r.n);
      };
      expect(await dueLeft()).toBe(N);

      // The bounds are on progress (see drained): a loaded machine is slow, a stuck sweep fails.
      const sweptMs = await drained("due timers", dueLeft, 60_000, 15 * 60_000);
      // The workers keep sending what the timers queued; a server stopping waits for its drain
      // to finish (src/server.ts), so let the outbox empty first.
      const unsent = async () => {
        const r = await k
          .selectFrom("outbox")
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .where("status", "=", "pending")
          .executeTakeFirstOrThrow();
        return Number(r.n);
      };
      const sentMs = await drained("unsent emails", unsent, 60_000, 15 * 60_000);
      // A sweeper logs its total once its last claim comes back empty.
      await new Promise((r) => setTimeout(r, 1000));
      const errors = servers.flatMap((s) =>
        [
          ...logs(s, "timer sweep failed"),
          ...logs(s, "outbox worker failed; messages stay queued"),
        ].map((e) => `${s.name}: ${JSON.stringify(e)}`),
      );
      for (const s of servers) s.child.kill("SIGTERM");
      const codes = await Promise.race([
        Promise.all(servers.map((s) => s.exited)),
        new Promise<never>((_, reject) =>
          setTimeout(
            () => reject(new Error("a server did not stop within 30 s of SIGTERM")),
            30_000,
          ),
        ),
      ]);
      expect(codes).toEqual(servers.map(() => 0));
      expect(errors).toEqual([]);

      // Timers: each seeded due timer's row is done, and nothing else fired.
      const done = await k
        .selectFrom("timers")
        .select(["id", "fired_at"])
        .where("status", "=", "done")
        .execute();
      const doneIds = new Set(done.map((r) => r.id));
      const byIntro = new Map<string, SeededIntro>(seed.intros.map((s) => [s.id, s]));
      expect(done.length).toBe(N);
      expect(seed.intros.filter((s) => !doneIds.has(s.timerId))).toEqual([]);
      expect(done.filter((r) => !r.fired_at)).toEqual([]);

      // History: exactly one new timer_fired event per intro, for that intro's timer.
      const fired = await k
        .selectFrom("intro_events")
        .select(["intro_id", "seq", "data"])
        .where("type", "=", "timer_fired")
        .execute();
      const firedNow = fired.filter((e) => e.seq > (byIntro.get(e.intro_id)?.version ?? 0));
      const firedPerIntro = new Map<string, number>();
      for (const e of firedNow) {
        firedPerIntro.set(e.intro_id, (firedPerIntro.get(e.intro_id) ?? 0) + 1);
        const s = byIntro.get(e.intro_id);
        expect(JSON.parse(e.data)).toEqual({ timer: s?.timer, n: s?.n, dueAt: s?.dueAt });
      }
      expect(firedNow.length).toBe(N);
      expect(firedPerIntro.size).toBe(N);
      expect([...firedPerIntro.values()].every((c) => c === 1)).toBe(true);

      // Outbox: each email the timers cause, once: one row per (intro, template, event seq).
      const outbox = await k
        .selectFrom("outbox")
        .select(["id", "intro_id", "template", "message_id", "status"])
        .execute();
      const perKey = new Map<string, number>();
      const templatesOf = new Map<string, string[]>();
      for (const m of outbox) {
        const seq = m.id.split(".")[1];
        const key = `${m.intro_id}|${m.template}|${seq}`;
        perKey.set(key, (perKey.get(key) ?? 0) + 1);
        templatesOf.set(m.intro_id ?? "", [
          ...(templatesOf.get(m.intro_id ?? "") ?? []),
          m.template,
        ]);
      }
      const expectedEmails = seed.intros.reduce((n, s) => n + s.templates.length, 0);
      expect(outbox.length).toBe(expectedEmails);
      expect(new Set(outbox.map((m) => m.message_id)).size).toBe(outbox.length);
      expect([...perKey.values()].every((c) => c === 1)).toBe(true);
      const wrong = seed.intros.filter(
        (s) => (templatesOf.get(s.id) ?? []).sort().join() !== [...s.templates].sort().join(),
      );
      expect(wrong.map((s) => `${s.timer}: ${templatesOf.get(s.id)}`)).toEqual([]);

      // Each intro moved to the status its timer leads to.
      const statuses = await k.selectFrom("intros").select(["id", "status"]).execute();
      const badStatus = statuses.filter((r) => byIntro.get(r.id)?.statusAfter !== r.status);
      expect(badStatus).toEqual([]);

      // And the workers sent each of them once, to their built-in mailboxes.
      const delivered = servers.flatMap((s) => new BuiltInMailbox(s.dataDir).list());
      const sent = outbox.filter((m) => m.status === "sent").length;
      expect(sent).toBe(outbox.length);
      expect(delivered.length).toBe(outbox.length);
      expect(new Set(delivered.map((m) => m.outboxId)).size).toBe(outbox.length);
      expect(new Set(delivered.map((m) => m.messageId)).size).toBe(outbox.length);

      const perServer = servers.map((s) => {
        const sweeps = logs(s, "timers fired");
        return {
          server: s.name,
          fired: sweeps.reduce((n, r) => n + (r.fired ?? 0), 0),
          // Claimed, then found taken over by another sweeper (its lease ran out): no effect.
          stale: sweeps.reduce((n, r) => n + (r.stale ?? 0), 0),
          sweepsThatFired: sweeps.length,
          delivered: new BuiltInMailbox(s.dataDir).list().length,
        };
      });
      const byTemplate: Record<string, number> = {};
      for (const m of outbox) byTemplate[m.template] = (byTemplate[m.template] ?? 0) + 1;
      const byTimer: Record<string, number> = {};
      for (const s of seed.intros) byTimer[s.timer] = (byTimer[s.timer] ?? 0) + 1;
      console.log(
        [
          `${N} due timers swept by ${INSTANCES} servers in ${(sweptMs / 1000).toFixed(1)} s, their emails sent ${(sentMs / 1000).toFixed(1)} s later (load average ${loadavg()[0]?.toFixed(1)})`,
          `timers done: ${done.length}; timer_fired events: ${firedNow.length} on ${firedPerIntro.size} intros (max ${Math.max(...firedPerIntro.values())} per intro)`,
          `outbox rows: ${outbox.length} (expected ${expectedEmails}), distinct (intro, template, seq): ${perKey.size}, distinct Message-IDs: ${new Set(outbox.map((m) => m.message_id)).size}; sent: ${sent}, delivered to the mailboxes: ${delivered.length} (${new Set(delivered.map((m) => m.outboxId)).size} distinct)`,
          `by timer: ${JSON.stringify(byTimer)}`,
          `by template: ${JSON.stringify(byTemplate)}`,
          ...perServer.map((p) => JSON.stringify(p)),
        ].join("\n"),
      );
      // The three processes really shared the work (each logged fired timers).
      for (const p of perServer) expect(p.fired).toBeGreaterThan(0);
      expect(perServer.reduce((n, p) => n + p.fired, 0)).toBe(N);
      // Nothing is left half-done: no pending row still holds a lease past the sweep.
      const leftover = await sql<{ n: number }>`select count(*)::int as n from timers
      where status = 'pending' and due_at <= ${now}`.execute(k);
      expect(leftover.rows[0]?.n).toBe(0);
    },
    20 * 60_000,
  );
});
