// Page speed of the web app (issue 15): each main page of each role, served p50/p99 with 10,000
// intros on SQLite, beside a baseline measured in the same run: Hono serving a static string of
// the page's own size. Timed server-side (app.request in this process, one request at a time), so
// only what the server does is counted. Goal: every main page p99 < 20 ms.
//
// The data: BENCH_TEMPLATES intros (default 1,000) made through the app, each taken to one of
// eight stages of the lifecycle, then copied in SQL to BENCH_INTROS (default 10,000), as
// build-intros-db.ts does. People are spread over 2,000 addresses, with a few heavy users: Jane
// introduces a fifth of all intros (2,000), Alice asks and Maya is asked in a twentieth each.
import { existsSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { join } from "node:path";
import { Hono } from "hono";
import { applyEvent } from "../src/app/apply-event.ts";
import { createIntro } from "../src/app/create-intro.ts";
import type { AppDeps } from "../src/app/deps.ts";
import type { IntroEvent } from "../src/domain/types.ts";
import { httpApp } from "../src/http/app.ts";
import { openStore } from "../src/store/open-store.ts";
import { percentile, printFigure } from "./report.ts";
import { copyIntros } from "./support/copy-intros.ts";
import {
  benchDeps,
  benchTempDir,
  personName,
  requestText,
  TARGET_PROFILE,
} from "./support/databases.ts";
import { sessionCookie } from "./support/session-cookie.ts";

const INTROS = Number(process.env.BENCH_INTROS ?? 10_000);
const TEMPLATES = Number(process.env.BENCH_TEMPLATES ?? 1000);
if (INTROS % TEMPLATES) throw new Error("BENCH_INTROS must be a multiple of BENCH_TEMPLATES");
/** Requests timed per page (after a warm-up), and the most time spent on one page. */
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 400);
const MAX_MS = 8000;

const JANE = { name: "Jane Doe", email: "jane@example.com" };
const ALICE = { name: "Alice Martin", email: "alice@example.com" };
const MAYA = { name: "Maya Chen", email: "maya@example.com" };
const person = (p: number) => ({
  name: personName(p),
  email: `person${String(p).padStart(4, "0")}@example.com`,
});

const firstName = (p: { name: string }) => p.name.split(" ")[0];
/** Person number p, or the next one whose first name none of `others` has. */
function unlike(p: number, others: { name: string }[]) {
  for (let n = p; ; n++) {
    const q = person(n % 2000);
    if (!others.some((o) => firstName(o) === firstName(q))) return q;
  }
}

const STAGES = [
  "requested",
  "consent_requested",
  "introduced",
  "connected",
  "completed",
  "declined by the introducer",
  "changes_requested",
  "declined by the target",
] as const;
type Stage = (typeof STAGES)[number];

function eventsFor(stage: Stage, now: Date): IntroEvent[] {
  const forward: IntroEvent = {
    type: "forward_for_consent",
    actor: "introducer",
    note: "Up to you!",
  };
  const accept: IntroEvent = {
    type: "accept",
    actor: "target",
    evidence: { via: "click", confidence: 1, authenticated: true },
  };
  const reply: IntroEvent = {
    type: "reply_in_thread",
    actor: "requester",
    movedIntroducerToBcc: true,
  };
  const start = new Date(now.getTime() - 2 * 86_400_000);
  switch (stage) {
    case "requested":
      return [];
    case "consent_requested":
      return [forward];
    case "introduced":
      return [forward, accept];
    case "connected":
      return [forward, accept, reply];
    case "completed":
      return [
        forward,
        accept,
        reply,
        {
          type: "confirm_meeting",
          actor: "target",
          start: start.toISOString(),
          end: new Date(start.getTime() + 30 * 60_000).toISOString(),
          timeZone: "Europe/Paris",
        },
        {
          type: "report_outcome",
          actor: "requester",
          rating: "great",
          thanked: true,
          note: "Thanks!",
        },
        { type: "report_outcome", actor: "target", rating: "great", note: "Well prepared." },
      ];
    case "declined by the introducer":
      return [{ type: "decline", actor: "introducer", reason: "Not a fit right now." }];
    case "changes_requested":
      return [{ type: "ask_for_changes", actor: "introducer", note: "Say which team you mean." }];
    case "declined by the target":
      return [forward, { type: "decline", actor: "target", reason: "Too busy this quarter." }];
  }
}

async function seed(deps: AppDeps) {
  for (let t = 0; t < TEMPLATES; t++) {
    // Three different people with different first names (the coach checks who is greeted).
    const b = (t * 7) % 2000;
    const requester = t % 20 === 1 ? ALICE : person(b);
    const introducer = t % 5 === 0 ? JANE : unlike(b + 1 + 20 * ((t * 3) % 33), [requester]);
    const target =
      t % 20 === 2 ? MAYA : unlike(b + 662 + 20 * ((t * 11) % 33), [requester, introducer]);
    const intro = await createIntro(
      deps,
      {
        requester,
        introducer,
        target,
        requestText: requestText(requester.name, introducer.name, target.name),
        targetProfile: TARGET_PROFILE,
        submit: true,
      },
      "web",
    );
    const stage = STAGES[Math.floor(t / 20) % STAGES.length] as Stage;
    for (const e of eventsFor(stage, deps.now())) await applyEvent(deps, intro.id, e, "web");
  }
}

// BENCH_WEB_DIR: build the data there once and keep it (later runs reuse it), to iterate faster.
const kept = process.env.BENCH_WEB_DIR;
const tmp = kept ? { dir: kept, remove: () => {} } : benchTempDir();
const started = performance.now();
if (!existsSync(join(tmp.dir, "vouch.db"))) {
  const store = openStore({ dataDir: tmp.dir });
  await store.migrate();
  await seed(benchDeps(store));
  await store.close();
  copyIntros(join(tmp.dir, "vouch.db"), INTROS / TEMPLATES - 1);
}
const store = openStore({ dataDir: tmp.dir });
await store.migrate();
const deps = benchDeps(store);
console.log(
  `seeded ${await store.countIntros()} intros (${TEMPLATES} through the app, the rest copied) in ${((performance.now() - started) / 1000).toFixed(1)} s`,
);

const app = httpApp(deps, { log: () => {} });
const cookies = {
  jane: await sessionCookie(deps, JANE.email),
  alice: await sessionCookie(deps, ALICE.email),
  maya: await sessionCookie(deps, MAYA.email),
  someone: await sessionCookie(deps, person(501).email),
};

/** Ids of intros in which `email` plays `role`, in a status, for the intro page (several, rotated). */
async function introsOf(
  email: string,
  role: "requester" | "introducer" | "target",
  status: string,
) {
  const rows = await store.kysely
    .selectFrom("intros")
    .select("id")
    .where(`${role}_email`, "=", email)
    .where("status", "=", status)
    .limit(50)
    .execute();
  if (!rows.length) throw new Error(`no ${status} intro of ${email} as ${role}`);
  return rows.map((r) => `/intros/${r.id}`);
}

const PAGES: { name: string; who: keyof typeof cookies; paths: string[] }[] = [
  { name: "Jane's home (introducer, 2,000 intros)", who: "jane", paths: ["/"] },
  { name: "Alice's home (requester, 500 intros)", who: "alice", paths: ["/"] },
  { name: "Maya's home (target, 500 intros)", who: "maya", paths: ["/"] },
  { name: "a typical person's home", who: "someone", paths: ["/"] },
  { name: "Jane's inbox /inbox", who: "jane", paths: ["/inbox"] },
  { name: "Jane's insights", who: "jane", paths: ["/insights"] },
  { name: "Jane's outcomes", who: "jane", paths: ["/outcomes"] },
  { name: "Maya's offers /offers", who: "maya", paths: ["/offers"] },
  {
    name: "intro page, Jane triaging",
    who: "jane",
    paths: await introsOf(JANE.email, "introducer", "requested"),
  },
  {
    name: "intro page, Alice introduced (BCC reply)",
    who: "alice",
    paths: await introsOf(ALICE.email, "requester", "introduced"),
  },
  {
    name: "intro page, Maya asked",
    who: "maya",
    paths: await introsOf(MAYA.email, "target", "consent_requested"),
  },
  { name: "Alice's composer /requests/new", who: "alice", paths: ["/requests/new"] },
  { name: "Jane's profile /preferences", who: "jane", paths: ["/preferences"] },
];

/** Server-side times (ms) of `n` requests, one at a time, cycling through `paths`. */
async function timed(
  request: (path: string) => Response | Promise<Response>,
  paths: string[],
): Promise<{ times: number[]; bytes: number; cpu: number }> {
  let bytes = 0;
  for (let i = 0; i < 20; i++) await (await request(paths[i % paths.length] as string)).text();
  const times: number[] = [];
  const until = performance.now() + MAX_MS;
  const cpu0 = process.cpuUsage();
  for (let i = 0; i < SAMPLES && performance.now() < until; i++) {
    const t0 = performance.now();
    const res = await request(paths[i % paths.length] as string);
    const body = await res.text();
    times.push(performance.now() - t0);
    if (res.status !== 200) throw new Error(`${paths[0]}: ${res.status} ${body.slice(0, 200)}`);
    bytes = body.length;
  }
  const cpu = process.cpuUsage(cpu0);
  // CPU time per request (this process does nothing else): what a busy machine inflates least.
  return { times, bytes, cpu: (cpu.user + cpu.system) / 1000 / times.length };
}

const rows: string[] = [];
for (const p of PAGES) {
  const cookie = cookies[p.who];
  const page = await timed((path) => app.request(path, { headers: { cookie } }), p.paths);
  // The baseline: Hono answering a static page of the same size, timed the same way.
  const body = "x".repeat(page.bytes);
  const still = new Hono().get("/", (c) => c.html(body));
  const base = await timed((path) => still.request(path), ["/"]);
  for (const q of [50, 99]) {
    printFigure({
      name: `${p.name} p${q}`,
      value: percentile(page.times, q),
      unit: "ms",
      baseline: { name: `static ${page.bytes} B`, value: percentile(base.times, q) },
      ...(q === 99 ? { goal: "< 20 ms" } : {}),
    });
  }
  printFigure({
    name: `${p.name} CPU per request`,
    value: page.cpu,
    unit: "ms",
    baseline: { name: `static ${page.bytes} B`, value: base.cpu },
  });
  rows.push(
    `| ${p.name} | ${percentile(page.times, 50).toFixed(1)} | ${percentile(page.times, 99).toFixed(1)} | ${page.cpu.toFixed(1)} | ${(page.bytes / 1024).toFixed(0)} KB |`,
  );
}
console.log(
  [
    "",
    `| page | p50 ms | p99 ms | CPU ms/request | size |`,
    "|---|---|---|---|---|",
    ...rows,
    `(load average ${loadavg()[0]?.toFixed(1)} on ${cpus().length} cores)`,
  ].join("\n"),
);
await store.close();
tmp.remove();
