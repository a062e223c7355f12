// What a change costs SQLite in writes (issue 17), each beside a baseline measured in this run:
//  1. WAL frames (pages written) by one create, one forward and one accept, beside the frames
//     of the raw driver writing the same intro document as one row (goal: ≤ 15 for a forward);
//  2. the app's transitions/s beside its floor: the app's own statements, recorded while it ran,
//     replayed by the raw driver (goal: ratio ≥ 0.6).
// Each page is also named by the table or index it belongs to (SQLite's dbstat), so a change
// to the schema shows where its writes went.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { applyEvent } from "../src/app/apply-event.ts";
import { createIntro } from "../src/app/create-intro.ts";
import { openStore } from "../src/store/open-store.ts";
import { printFigure } from "./report.ts";
import { benchDeps, benchTempDir } from "./support/databases.ts";
import { ACCEPT, FORWARD, introInput, lifecycle } from "./support/lifecycle.ts";
import { sqliteFloor } from "./support/sqlite-floor.ts";

const PREFILL = 2000; // intros (requested, forwarded, accepted) already there, so writes scatter as in use
const SAMPLES = 40; // intros whose writes are counted one operation at a time
const TIMED = 300; // intros per timed round (2 transitions each)
const ROUNDS = 3;

const tmp = benchTempDir();
const file = join(tmp.dir, "vouch.db");
const store = openStore({ dataDir: tmp.dir });
await store.migrate();
const deps = benchDeps(store);
const side = new DatabaseSync(file);
side.exec("PRAGMA busy_timeout = 10000");
const pageSize = Number(
  (side.prepare("PRAGMA page_size").get() as { page_size: number }).page_size,
);

/** Empties the WAL, so the next write's frames are the only ones in it. */
function truncateWal(): void {
  side.exec("PRAGMA wal_checkpoint(TRUNCATE)");
}

/** The page numbers of the frames now in the WAL (its 32-byte header, then 24 + page per frame). */
function walPages(): number[] {
  const wal = readFileSync(`${file}-wal`);
  const pages: number[] = [];
  for (let off = 32; off + 24 + pageSize <= wal.length; off += 24 + pageSize) {
    pages.push(wal.readUInt32BE(off));
  }
  return pages;
}

/** Which table or index each page belongs to (dbstat), read after the counted writes. */
function pageOwners(): Map<number, string> {
  const rows = side.prepare("select name, pageno from dbstat").all() as {
    name: string;
    pageno: number;
  }[];
  return new Map(rows.map((r) => [Number(r.pageno), r.name]));
}

async function framesOf(op: () => Promise<unknown>): Promise<number[]> {
  truncateWal();
  await op();
  return walPages();
}

for (let i = 0; i < PREFILL; i++) {
  const id = (await createIntro(deps, introInput(100_000 + i), "api")).id;
  if (i % 3) await applyEvent(deps, id, FORWARD, "api");
  if (i % 3 === 2) await applyEvent(deps, id, ACCEPT, "api");
}

const counted: Record<"create" | "forward" | "accept", number[][]> = {
  create: [],
  forward: [],
  accept: [],
};
for (let i = 0; i < SAMPLES; i++) {
  let id = "";
  counted.create.push(
    await framesOf(async () => {
      id = (await createIntro(deps, introInput(i), "api")).id;
    }),
  );
  counted.forward.push(await framesOf(() => applyEvent(deps, id, FORWARD, "api")));
  counted.accept.push(await framesOf(() => applyEvent(deps, id, ACCEPT, "api")));
}
const owners = pageOwners();

// The baseline: the raw driver writing the intro's document as one row with a text key.
const raw = new DatabaseSync(join(tmp.dir, "raw.db"));
raw.exec("PRAGMA journal_mode = WAL");
raw.exec("PRAGMA synchronous = NORMAL");
raw.exec("create table raw_rows (id text primary key, doc text not null)");
const doc = JSON.stringify(await store.getIntro((await store.listIntros({ limit: 1 }))[0]!.id));
const insert = raw.prepare("insert into raw_rows (id, doc) values (?, ?)");
const rawFrames: number[] = [];
for (let i = 0; i < SAMPLES; i++) {
  raw.exec("PRAGMA wal_checkpoint(TRUNCATE)");
  raw.exec("BEGIN IMMEDIATE");
  insert.run(`row_${crypto.randomUUID()}`, doc);
  raw.exec("COMMIT");
  rawFrames.push(readFileSync(join(tmp.dir, "raw.db-wal")).length);
}
const rawMean = rawFrames.reduce((a, n) => a + (n - 32) / (24 + pageSize), 0) / SAMPLES;

const mean = (xs: number[][]) => xs.reduce((a, x) => a + x.length, 0) / xs.length;
for (const [op, samples] of Object.entries(counted)) {
  const m = mean(samples);
  printFigure({
    name: `WAL pages per ${op} (sqlite)`,
    value: m,
    unit: "pages",
    baseline: { name: "node:sqlite, the intro document as 1 row", value: rawMean },
    goal: op === "forward" ? "≤ 15 pages" : undefined,
  });
  const byOwner = new Map<string, number>();
  for (const s of samples)
    for (const p of s) {
      const o = owners.get(p) ?? "(freed or new)";
      byOwner.set(o, (byOwner.get(o) ?? 0) + 1 / samples.length);
    }
  const parts = [...byOwner].sort((a, b) => b[1] - a[1]).map(([o, n]) => `${o} ${n.toFixed(1)}`);
  console.log(`  · ${op}: ${parts.join(", ")}`);
}
if (mean(counted.forward) > 15) console.log("  GOAL MISSED: WAL pages per forward (goal ≤ 15)");

// The app against its floor: the same transitions, their statements replayed by the raw driver.
const ids: string[] = [];
for (let i = 0; i < TIMED * ROUNDS; i++) {
  ids.push((await createIntro(deps, introInput(SAMPLES + i), "api")).id);
}
const floor = sqliteFloor(tmp.dir);
let n = 0;
let ms = 0;
for (let r = 0; r < ROUNDS; r++) {
  const slice = ids.slice(r * TIMED, (r + 1) * TIMED);
  const t = performance.now();
  n += await floor.record(() => lifecycle(deps, slice));
  ms += performance.now() - t;
}
const f = floor.replay();
const app = (n * 1000) / ms;
const floorRate = (n * 1000) / f.ms;
printFigure({
  name: "committed transitions/s (sqlite: forward and accept through applyEvent)",
  value: app,
  unit: "tx/s",
  baseline: { name: `floor: the app's ${f.statements} statements replayed`, value: floorRate },
  goal: "ratio ≥ 0.6",
});
if (app / floorRate < 0.6) console.log("  GOAL MISSED: transitions vs floor (goal ratio ≥ 0.6)");

side.close();
raw.close();
await store.close();
tmp.remove();
