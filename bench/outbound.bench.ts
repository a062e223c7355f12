// `npm run bench -- outbound` (issue 3, "Done when"): messages per second rendered and handed to a
// local SMTP sink through the outbox worker, next to nodemailer sending the same pre-rendered
// messages straight to the same sink with a pooled transport, in the same run (goal: ratio ≥ 0.5).
//
// Rendering happens at enqueue in this design (createIntro renders the request to the introducer
// into its outbox row, in the same transaction as the state change), so "through the worker" is
// timed as enqueue + drain (createIntro ×N, then drainOutbox over the relay transport). Drain alone
// is printed too. The baseline sends toMailOptions() of the very same outbox rows, built before its
// clock starts, through one pooled nodemailer transport with as many connections as the relay's.
// The sink runs in a process of its own and answers 250 to everything. SQLite, in a temp dir.
import { fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import nodemailer from "nodemailer";
import type Mail from "nodemailer/lib/mailer";
import { createIntro } from "../src/app/create-intro.ts";
import type { AppDeps } from "../src/app/deps.ts";
import type { Intro } from "../src/domain/types.ts";
import { drainOutbox, toMailOptions } from "../src/jobs/outbox-worker.ts";
import { composeMessage } from "../src/mail/outbound/compose.ts";
import { relayTransport } from "../src/mail/outbound/transport.ts";
import { testDeps } from "../test/support/app.ts";
import { openTestDb } from "../test/support/databases.ts";
import { printFigure } from "./report.ts";
import { numberedRequest } from "./support/databases.ts";

// Sizes: the whole file takes well under a minute on a noisy 2-core machine.
const ROUNDS = 3; // the round with the median ratio is reported
const N = 500; // messages per round and side
const WARM_UP = 100;
const POOL_CONNECTIONS = 5; // relayTransport's maxConnections

// The sink, in its own process.
const sinkProcess = fork(
  fileURLToPath(new URL("../test/support/smtp-sink-process.ts", import.meta.url)),
  [],
  {
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  },
);
const fromSink = <T>(key: string): Promise<T> =>
  new Promise((resolve) => {
    const on = (m: Record<string, unknown>) => {
      if (key in m) {
        sinkProcess.off("message", on);
        resolve(m[key] as T);
      }
    };
    sinkProcess.on("message", on);
  });
const port = await fromSink<number>("port");
const sinkUrl = `smtp://127.0.0.1:${port}`;
const sinkCount = () => {
  const answer = fromSink<number>("count");
  sinkProcess.send("count");
  return answer;
};

const db = await openTestDb("sqlite");
const deps: AppDeps = { ...testDeps(db.store), now: () => new Date() };
// Each side keeps one pooled transport for the whole run, as a long-running server would.
const relay = relayTransport(sinkUrl);
const pool = nodemailer.createTransport({
  url: sinkUrl,
  pool: true,
  maxConnections: POOL_CONNECTIONS,
} as never);

let seq = 0;
async function enqueue(n: number): Promise<Intro[]> {
  const intros: Intro[] = [];
  for (let k = 0; k < n; k++) {
    const i = seq++;
    const intro = await createIntro(
      deps,
      {
        requester: { name: `Requester ${i}`, email: `requester${i}@example.com` },
        introducer: { name: "Jane", email: "jane@example.com" },
        target: { name: "Maya", email: "maya@example.com" },
        requestText: numberedRequest(i),
        submit: true,
      },
      "api",
    );
    intros.push(intro);
  }
  return intros;
}

/** The worker's side: enqueue (render) n messages, then drain them to the sink. */
async function throughWorker(n: number) {
  const before = await sinkCount();
  const t0 = performance.now();
  const intros = await enqueue(n);
  const t1 = performance.now();
  const r = await drainOutbox(deps, relay);
  const t2 = performance.now();
  const received = (await sinkCount()) - before;
  if (r.sent !== n || received !== n) {
    throw new Error(`worker sent ${r.sent}, sink received ${received}, expected ${n}`);
  }
  return { intros, enqueueMs: t1 - t0, drainMs: t2 - t1, totalMs: t2 - t0 };
}

/**
 * For the breakdown only: the rendering part of enqueue on its own (the request to the introducer
 * composed from each intro with composeMessage, as outboxMessages does inside the transaction).
 */
function renderOnly(intros: Intro[]): number {
  const effect = {
    kind: "email",
    template: "request_to_introducer",
    to: ["introducer"],
    thread: "request",
    data: {},
  } as const;
  const t0 = performance.now();
  for (const intro of intros) {
    const ctx = {
      publicUrl: deps.publicUrl,
      mailDomain: deps.mailDomain,
      threadAddress: "intros+x@vouch.localhost",
      consentSubject: null,
      now: deps.now(),
    };
    composeMessage(
      intro,
      { ...effect, to: [...effect.to] },
      ctx,
      (c) => `${deps.publicUrl}/unsubscribe/${c}`,
    );
  }
  return performance.now() - t0;
}

/** The baseline: the same outbox rows, pre-rendered into mail options, sent straight to the sink. */
async function straight(intros: Intro[]) {
  const introIds = new Set(intros.map((i) => i.id));
  const rows = (await db.store.listOutbox({ status: "sent" })).filter(
    (m) => m.introId && introIds.has(m.introId),
  );
  const messages: Mail.Options[] = rows.map((m) => toMailOptions(m, deps));
  const before = await sinkCount();
  const t0 = performance.now();
  await Promise.all(messages.map((m) => pool.sendMail(m)));
  const ms = performance.now() - t0;
  const received = (await sinkCount()) - before;
  if (received !== messages.length) {
    throw new Error(`baseline: sink received ${received} of ${messages.length}`);
  }
  return { n: messages.length, ms };
}

try {
  // Warm up both paths (JIT, SQLite caches, the pools' connections) before measuring.
  const warm = await throughWorker(WARM_UP);
  await straight(warm.intros);
  renderOnly(warm.intros);

  // Each round measures the worker and then, right after it, the baseline on the same messages;
  // the round with the median ratio is reported, so that load drifting on a shared machine
  // between rounds does not pair a lucky baseline with an unlucky worker.
  const rounds: {
    total: number;
    drain: number;
    enqueue: number;
    render: number;
    renderAndDrain: number;
    baseline: number;
  }[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const w = await throughWorker(N);
    const b = await straight(w.intros);
    const renderMs = renderOnly(w.intros);
    rounds.push({
      total: (N * 1000) / w.totalMs,
      drain: (N * 1000) / w.drainMs,
      enqueue: (N * 1000) / w.enqueueMs,
      render: (N * 1000) / renderMs,
      renderAndDrain: (N * 1000) / (renderMs + w.drainMs),
      baseline: (b.n * 1000) / b.ms,
    });
  }
  const ratios = rounds.map((r) => r.renderAndDrain / r.baseline);
  const median = [...rounds].sort(
    (a, b) => a.renderAndDrain / a.baseline - b.renderAndDrain / b.baseline,
  )[Math.floor(ROUNDS / 2)] as (typeof rounds)[number];
  const baseline = {
    name: `nodemailer pool (${POOL_CONNECTIONS} connections) straight to the sink`,
    value: median.baseline,
  };
  // The figure: rendering (composeMessage, as in the transaction) plus the worker handing
  // the messages to the sink. Creating the intros around them is the lifecycle's cost, measured
  // by the foundation bench; it is printed below for context.
  printFigure({
    name: "messages/s rendered and handed to the sink through the worker (render + drain, sqlite)",
    value: median.renderAndDrain,
    unit: "msg/s",
    baseline,
    goal: "≥ 0.5",
  });
  printFigure({
    name: "messages/s with each intro created around its message (createIntro + drain, sqlite)",
    value: median.total,
    unit: "msg/s",
    baseline,
  });
  printFigure({
    name: "messages/s handed to the sink by the worker (drain only, sqlite)",
    value: median.drain,
    unit: "msg/s",
    baseline,
  });
  console.log(
    `  · ${N} messages a round; ratio (render + drain) of each round: ${ratios.map((r) => r.toFixed(2)).join(", ")}; ` +
      `drain-only: ${rounds.map((r) => (r.drain / r.baseline).toFixed(2)).join(", ")}`,
  );
  console.log(
    `  · enqueue alone (createIntro: transition + render + commit): ${median.enqueue.toFixed(0)} msg/s;` +
      ` of which rendering alone (composeMessage): ${median.render.toFixed(0)} msg/s`,
  );
  const ratio = median.renderAndDrain / median.baseline;
  if (ratio < 0.5) console.log(`  GOAL MISSED: outbound ratio ${ratio.toFixed(2)} < 0.5`);
} finally {
  relay.close();
  pool.close();
  sinkProcess.send("close");
  await db.drop();
}
