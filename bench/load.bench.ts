// The bounded load test (issue 14): the real server (`node src/main.ts serve`, its own process)
// on SQLite and on PostgreSQL, 50 clients on 127.0.0.1 mixing page views, API reads and
// one-click posts, while one more client sends only oversized bodies. Prints p50/p99 latency,
// the well-formed clients' errors (goal 0), what the oversized client got (goal: all 413) and
// the server's peak RSS (goal < 300 MB). VOUCH_LOAD_SECONDS=n changes the duration (default 60),
// VOUCH_LOAD_CLIENTS the clients (default 50), BENCH_INTROS the seeded intros (default 1500),
// VOUCH_LOAD_DATABASES which to run (default sqlite,postgres). The server's peak RSS is its
// VmHWM (Linux), read from /proc.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { createApiToken } from "../src/app/api-tokens.ts";
import { createIntro } from "../src/app/create-intro.ts";
import type { AppDeps } from "../src/app/deps.ts";
import { drainOutbox } from "../src/jobs/outbox-worker.ts";
import { fillLinks } from "../src/mail/outbound/links.ts";
import { BuiltInMailbox } from "../src/mail/outbound/mailbox.ts";
import { mailboxTransport } from "../src/mail/outbound/transport.ts";
import { linkSecret, openStore } from "../src/store/open-store.ts";
import { freePort } from "../test/support/ports.ts";
import {
  benchTempDir,
  createBenchPgDatabase,
  personName,
  requestText,
  TARGET_PROFILE,
} from "./support/databases.ts";
import { type MixedLoadResult, runMixedLoad } from "./support/mixed-load.ts";
import { sessionCookie } from "./support/session-cookie.ts";

const SECONDS = Number(process.env.VOUCH_LOAD_SECONDS ?? 60);
const CLIENTS = Number(process.env.VOUCH_LOAD_CLIENTS ?? 50);
const INTROS = Number(process.env.BENCH_INTROS ?? 1500);
const RSS_GOAL_MB = 300;
const BIN = fileURLToPath(new URL("../bin/vouch", import.meta.url));
const ME = "alice@example.com";

/** Seeds intros, a session and a token in the database the server will open. */
async function seed(loc: { dataDir: string; databaseUrl?: string }) {
  const store = openStore(loc);
  await store.migrate();
  const deps: AppDeps = {
    store,
    secret: await linkSecret(store),
    mailDomain: "vouch.localhost",
    publicUrl: "http://localhost:3000",
    timerPolicy: (await import("../src/domain/timers.ts")).DEFAULT_TIMER_POLICY,
    now: () => new Date(),
  };
  const t0 = performance.now();
  const introIds: string[] = [];
  for (let n = 0; n < INTROS; n++) {
    const introducer = personName(n + 1);
    const target = personName(n + 2);
    const intro = await createIntro(
      deps,
      {
        requester: { name: "Alice Martin", email: ME },
        introducer: { name: introducer, email: `introducer${n % 50}@example.com` },
        target: { name: target, email: `target${n}@example.com` },
        requestText: requestText("Alice Martin", introducer, target),
        targetProfile: TARGET_PROFILE,
        submit: true,
      },
      "web",
    );
    introIds.push(intro.id);
  }
  // Each request's "Ask <target>" link: one one-click post per intro.
  const oneClick: string[] = [];
  for (const m of await store.listOutbox({})) {
    if (m.template !== "request_to_introducer") continue;
    const url = /Ask [^:\n]+: (\S+\/a\/\S+)/.exec(fillLinks(m.text, deps.secret, m.id))?.[1];
    if (url) oneClick.push(new URL(url).pathname);
  }
  // Sent before the run, so the server's worker starts with an empty outbox.
  await drainOutbox(deps, mailboxTransport(new BuiltInMailbox(loc.dataDir)));
  const token = await createApiToken(deps, ME, "load");
  const cookie = await sessionCookie(deps, ME);
  await store.close();
  const seconds = ((performance.now() - t0) / 1000).toFixed(1);
  console.log(`  seeded ${INTROS} intros, ${oneClick.length} one-click links in ${seconds} s`);
  return { introIds: introIds.slice(-200), oneClick, token, cookie };
}

/**
 * `bin/vouch serve`, as npm start and a service manager run it: a launcher and the server in a
 * child Node with its heap limits. Resolves once it answers /health.
 */
async function startServer(env: Record<string, string>) {
  const port = await freePort();
  const child = spawn(process.execPath, [BIN, "serve"], {
    env: {
      PATH: process.env.PATH ?? "",
      VOUCH_HTTP_HOST: "127.0.0.1",
      VOUCH_HTTP_PORT: String(port),
      VOUCH_SMTP_PORT: String(await freePort()),
      VOUCH_LOG_LEVEL: "warn",
      ...env,
    },
    stdio: ["ignore", "inherit", "inherit"],
  });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${base}/health`)).ok) break;
    } catch {}
    if (i > 300) throw new Error("the server did not start");
    await new Promise((r) => setTimeout(r, 100));
  }
  const exited = new Promise((r) => child.once("exit", r));
  const launcher = child.pid as number;
  // The server is the launcher's one child (Linux: /proc).
  const server = Number(readFileSync(`/proc/${launcher}/task/${launcher}/children`, "utf8").trim());
  /** The highest resident set a process has had (VmHWM), in MB. */
  const peakMb = (pid: number) =>
    Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1]) / 1024;
  return {
    base,
    peakRssMb: () => peakMb(server),
    launcherRssMb: () => peakMb(launcher),
    stop: async () => {
      child.kill("SIGTERM");
      await exited;
    },
  };
}

function report(kind: string, r: MixedLoadResult, rssMb: number): boolean {
  const rps = (r.requests * 1000) / r.ms;
  const ok = r.errors === 0 && r.oversized.other === 0 && rssMb < RSS_GOAL_MB;
  console.log(
    `load (${kind}, ${CLIENTS} clients, ${(r.ms / 1000).toFixed(0)} s): ${r.requests} requests, ${rps.toFixed(0)} req/s | p50 ${r.latencyMs.p50.toFixed(1)} ms | p99 ${r.latencyMs.p99.toFixed(1)} ms | max ${r.latencyMs.max.toFixed(0)} ms | errors ${r.errors} (goal 0) | oversized ${r.oversized.refused413}/${r.oversized.sent} refused with 413 | peak RSS ${rssMb.toFixed(0)} MB (goal < ${RSS_GOAL_MB}) | ${ok ? "ok" : "FAILED"}`,
  );
  console.log(`  by kind: ${JSON.stringify(r.byKind)}`);
  if (r.firstErrors.length) console.log(`  first errors: ${r.firstErrors.join(" / ")}`);
  if (r.oversized.firstOther) console.log(`  oversized not refused: ${r.oversized.firstOther}`);
  return ok;
}

let failed = false;
const kinds = (process.env.VOUCH_LOAD_DATABASES ?? "sqlite,postgres").split(",");
for (const kind of kinds) {
  const tmp = benchTempDir("vouch-load-");
  const pg = kind === "postgres" ? await createBenchPgDatabase() : undefined;
  try {
    const loc = { dataDir: tmp.dir, ...(pg ? { databaseUrl: pg.url } : {}) };
    const seeded = await seed(loc);
    const server = await startServer({
      VOUCH_DATA_DIR: tmp.dir,
      ...(pg ? { VOUCH_DATABASE_URL: pg.url } : {}),
    });
    try {
      const r = await runMixedLoad({
        base: server.base,
        clients: CLIENTS,
        durationMs: SECONDS * 1000,
        cookie: seeded.cookie,
        token: seeded.token,
        introIds: seeded.introIds,
        oneClick: seeded.oneClick,
      });
      if (!report(kind, r, server.peakRssMb())) failed = true;
      console.log(`  (the bin/vouch launcher: ${server.launcherRssMb().toFixed(0)} MB)`);
    } finally {
      await server.stop();
    }
  } finally {
    await pg?.drop();
    tmp.remove();
  }
}
process.exit(failed ? 1 : 0);
