// Crash test of the outbox (issue 3, "Done when"): a child process sending 1,000 outbox messages
// through the real worker and relay transport to a local SMTP sink is killed with SIGKILL at
// random moments, 20 times, and restarted each time; then a last worker drains what is left.
// The sink must end with every message at least once, and every duplicate must be the same
// message with the identical Message-ID. The test counts and asserts both, and prints the counts.
import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createIntro } from "../src/app/create-intro.ts";
import type { AppDeps } from "../src/app/deps.ts";
import type { DrainResult } from "../src/jobs/outbox-worker.ts";
import { testDeps } from "./support/app.ts";
import { DB_KINDS, openTestDb, type TestDb } from "./support/databases.ts";
import { type Sink, type SinkMessage, startSmtpSink } from "./support/smtp-sink.ts";

const WORKER = fileURLToPath(new URL("./support/outbox-crash-worker.ts", import.meta.url));
const N = 1000;
const KILLS = 20;
/** Short, so that the rows a killed worker held come back quickly. */
const LEASE_MS = 2000;
/** A run that neither reaches its kill moment nor ends within this is a failure, not a hang. */
const RUN_TIMEOUT_MS = { killed: 30_000, last: 120_000 };
const MAIL_DOMAIN = "vouch.localhost";
const INTRODUCER = "jane@example.com";

const REQUEST = (
  i: number,
) => `Hey Jane, could you introduce me to Maya? You can simply CC them, thanks!

Hey Maya,

I'd greatly appreciate a chance to chat with you about building a career in Tech (request ${i}).

Regards,
Requester ${i}`;

const rand = (lo: number, hi: number) => lo + Math.floor(Math.random() * (hi - lo + 1));

interface Run {
  /** How the kill moment was picked. */
  mode: "mid-send" | "anywhere";
  /** Messages this run got to the sink before it died. */
  delivered: number;
  signal: NodeJS.Signals | null;
  code: number | null;
  stdout: string;
}

interface Worker {
  p: ChildProcess;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stdout: () => string;
}

/**
 * Starts a worker process that loads its modules and then waits for "go" on stdin before it opens
 * the database: the test starts the next worker while the current one runs, so the 20 restarts do
 * not each pay Node's start-up, and no two workers ever work at the same time.
 */
function startWorker(db: TestDb, sinkUrl: string, clockOffsetMs: number): Worker {
  const opts = {
    databaseUrl: db.databaseUrl,
    dataDir: db.dataDir,
    smtpUrl: sinkUrl,
    leaseMs: LEASE_MS,
    clockOffsetMs,
    waitForGo: true,
  };
  const p = spawn(process.execPath, [WORKER, JSON.stringify(opts)], {
    stdio: ["pipe", "pipe", "inherit"],
  });
  let out = "";
  p.stdout?.on("data", (d) => {
    out += d;
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>(
    (resolve, reject) => {
      p.once("error", reject);
      p.once("exit", (code, signal) => resolve({ code, signal }));
    },
  );
  return { p, exited, stdout: () => out };
}

/**
 * Lets one started worker go. With `kill`, it dies by SIGKILL at a random moment: either a few
 * messages into its sending (1-20 delivered, then 0-10 ms more, so the kill lands anywhere around
 * an SMTP 250 and its commit), or at a random time after "go" (0-1 s: while opening the database,
 * claiming or sending), capped at 20 delivered messages so that no run can drain the whole outbox
 * before the last one.
 */
async function runWorker(w: Worker, sink: Sink, kill: boolean): Promise<Run> {
  const mode: Run["mode"] = Math.random() < 0.25 ? "anywhere" : "mid-send";
  const target = rand(1, 20);
  let delivered = 0;
  let fired = false;
  const timers: NodeJS.Timeout[] = [];
  const fire = (delayMs: number) => {
    if (fired) return;
    fired = true;
    timers.push(setTimeout(() => w.p.kill("SIGKILL"), delayMs));
  };
  sink.onMessage = () => {
    delivered++;
    if (kill && delivered >= target) fire(mode === "mid-send" ? rand(0, 10) : 0);
  };
  const limit = kill ? RUN_TIMEOUT_MS.killed : RUN_TIMEOUT_MS.last;
  let timedOut = false;
  timers.push(
    setTimeout(() => {
      timedOut = true;
      w.p.kill("SIGKILL");
    }, limit),
  );
  if (kill && mode === "anywhere") timers.push(setTimeout(() => fire(0), rand(0, 1000)));
  w.p.stdin?.end("go\n");
  try {
    const { code, signal } = await w.exited;
    if (timedOut) throw new Error(`worker run did not end within ${limit} ms`);
    return { mode, delivered, signal, code, stdout: w.stdout() };
  } finally {
    for (const t of timers) clearTimeout(t);
    sink.onMessage = null;
  }
}

async function enqueue(deps: AppDeps, kind: TestDb["kind"]): Promise<void> {
  const one = (i: number) =>
    createIntro(
      deps,
      {
        requester: { name: `Requester ${i}`, email: `requester${i}@example.com` },
        introducer: { name: "Jane", email: INTRODUCER },
        target: { name: "Maya", email: "maya@example.com" },
        requestText: REQUEST(i),
        submit: true,
      },
      "api",
    );
  // SQLite has one writer; PostgreSQL takes the submissions a few at a time.
  const parallel = kind === "postgres" ? 8 : 1;
  for (let i = 0; i < N; i += parallel) {
    await Promise.all(Array.from({ length: Math.min(parallel, N - i) }, (_, j) => one(i + j)));
  }
}

describe.each(DB_KINDS)("outbox crash test (%s)", (kind) => {
  let db: TestDb;
  let sink: Sink;
  let enqueueMs = 0;
  // test/global-setup.ts of any other run drops every vouch_t_ database that has no connection at
  // that moment; between two worker processes this one may have none, so hold one open.
  let keepAlive: pg.Client | null = null;

  beforeAll(async () => {
    db = await openTestDb(kind);
    if (db.databaseUrl) {
      keepAlive = new pg.Client({ connectionString: db.databaseUrl });
      keepAlive.on("error", () => {});
      await keepAlive.connect();
    }
    sink = await startSmtpSink();
    // The real clock: the worker processes share it (plus their offsets).
    const t0 = performance.now();
    await enqueue({ ...testDeps(db.store), now: () => new Date() }, kind);
    enqueueMs = performance.now() - t0;
  }, 120_000);
  afterAll(async () => {
    await sink?.close();
    await keepAlive?.end();
    await db?.drop();
  });

  it(`delivers each of ${N} messages at least once through ${KILLS} SIGKILLs, duplicates identical`, async () => {
    const queued = await db.store.listOutbox({});
    expect(queued).toHaveLength(N);
    expect(new Set(queued.map((m) => m.template))).toEqual(new Set(["request_to_introducer"]));
    const byMessageId = new Map(queued.map((m) => [m.messageId, m]));
    expect(byMessageId.size).toBe(N);

    // Each restart's clock is a lease (and a second) further ahead than the last one's.
    const step = LEASE_MS + 1000;
    const t0 = performance.now();
    const runs: Run[] = [];
    const finals: DrainResult[] = [];
    let t1 = t0;
    let next: Worker | null = startWorker(db, sink.url, 0);
    try {
      for (let i = 0; i < KILLS; i++) {
        const current: Worker = next;
        // The (i + 1)th worker (after the last kill: the last worker) gets ready meanwhile.
        next = startWorker(db, sink.url, (i + 1) * step);
        runs.push(await runWorker(current, sink, true));
      }
      for (const r of runs) {
        expect(r.signal, `a run ended on its own: ${JSON.stringify(r)}`).toBe("SIGKILL");
      }
      const beforeFinal = await db.store.outboxBacklog();
      expect(beforeFinal.pending, "the kills left work for the last worker").toBeGreaterThan(0);

      // The last worker runs until nothing is due. A temporary SMTP failure would have put a row
      // off for its back-off, so a few more runs with the clock an hour further on pick those up.
      t1 = performance.now();
      for (let j = 0; j < 4; j++) {
        const current: Worker = next ?? startWorker(db, sink.url, KILLS * step + j * 3_600_000);
        next = null;
        const r = await runWorker(current, sink, false);
        expect(r.code, `the last worker failed: ${r.stdout}`).toBe(0);
        finals.push(JSON.parse(r.stdout.trim()) as DrainResult);
        if ((await db.store.outboxBacklog()).pending === 0) break;
      }
    } finally {
      next?.p.kill("SIGKILL");
    }
    const t2 = performance.now();
    expect(await db.store.outboxBacklog()).toEqual({ pending: 0, failed: 0 });
    const after = await db.store.listOutbox({});
    expect(after.filter((m) => m.status !== "sent")).toEqual([]);

    // Every message at least once: the distinct Message-IDs the sink saw are exactly the outbox's.
    const received = new Map<string, SinkMessage[]>();
    for (const m of sink.messages) {
      const copies = received.get(m.messageId) ?? [];
      copies.push(m);
      received.set(m.messageId, copies);
    }
    expect(new Set(received.keys())).toEqual(new Set(byMessageId.keys()));

    // Every copy is addressed as its outbox row says (so the Message-ID is really that row's).
    for (const [messageId, copies] of received) {
      const row = byMessageId.get(messageId);
      for (const c of copies) {
        expect(c.mailFrom).toBe(`bounces+${row?.id}@${MAIL_DOMAIN}`);
        expect(c.rcptTo).toEqual([INTRODUCER]);
        expect(c.subject).toBe(row?.subject);
      }
    }

    // Any duplicate is the same message as its first copy. It has the same Message-ID: copies are
    // grouped by it, the distinct IDs are exactly the outbox's and every copy's envelope names the
    // row of its ID, so a resend under a new ID could not have passed. Same envelope, subject and
    // bytes too: toMailOptions fixes the MIME boundary per row.
    let duplicates = 0;
    let duplicatedMessages = 0;
    let byteIdentical = 0;
    for (const copies of received.values()) {
      const [first, ...rest] = copies as [SinkMessage, ...SinkMessage[]];
      if (rest.length) duplicatedMessages++;
      for (const dup of rest) {
        duplicates++;
        expect(dup.mailFrom).toBe(first.mailFrom);
        expect(dup.rcptTo).toEqual(first.rcptTo);
        expect(dup.subject).toBe(first.subject);
        expect(dup.raw.equals(first.raw)).toBe(true);
        byteIdentical++;
      }
    }
    expect(sink.messages.length).toBe(N + duplicates);

    const killedMidSend = runs.filter((r) => r.mode === "mid-send").length;
    console.log(
      [
        `outbox crash test (${kind}): ${N} messages queued, ${KILLS} SIGKILLs`,
        `(${killedMidSend} a few messages into sending, ${KILLS - killedMidSend} at a random time after it was let go),`,
        `${runs.reduce((s, r) => s + r.delivered, 0)} deliveries before the last worker,`,
        `last worker ${JSON.stringify(finals)};`,
        `sink: ${sink.messages.length} messages received, ${received.size} distinct Message-IDs (all ${N} of the outbox),`,
        `${duplicates} duplicates of ${duplicatedMessages} messages, each with the identical Message-ID,`,
        `envelope and subject, ${byteIdentical}/${duplicates} byte for byte;`,
        `${sink.aborted()} transfers cut off by a kill (never counted as received);`,
        `time: enqueue ${(enqueueMs / 1000).toFixed(1)} s, kills ${((t1 - t0) / 1000).toFixed(1)} s,`,
        `last worker ${((t2 - t1) / 1000).toFixed(1)} s`,
      ].join(" "),
    );
  }, 300_000);
});
