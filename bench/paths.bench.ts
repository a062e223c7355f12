// `npm run bench -- paths` (issue 16): warm paths on a deployment of 1M people and 20M edges,
// generated here, on SQLite and on PostgreSQL, each in a throw-away database:
//
// - "who knows X": the path search's one statement (ContactsStore.findPathCandidates: members who
//   agreed to be shown and know X, strongest first, with the requester's own tie to each, their
//   record as introducers and the intros each pair took part in), p50 and p99 over many targets,
//   half hubs and half from the long tail;
// - the full ranked `findPaths` (validation, that statement, strengthOf on every candidate, the
//   ranking), the same way;
// - each beside the same question asked as ONE hand-written SQL statement on a minimal table
//   edges(owner, contact, strength) holding the same 20M edges, by the raw driver (node:sqlite,
//   pg with a named prepared statement), as a ratio baseline p50 / ours p50: goal >= 0.5, and
//   ours p99 < 5 ms;
// - a path search by company (no baseline: the minimal table has no companies);
// - bytes per edge on disk: the SQLite file (and the minimal table's own file) over the edges;
//   PostgreSQL's pg_total_relation_size of contacts (and of the minimal table).
//
// The graph is skewed both ways: members' contact counts fall as a power law of their rank
// (exponent 0.5, capped at 30,000, LinkedIn's own cap), and whom they know is drawn from a Zipf
// law over everyone (exponent 0.9), so a few people are known by tens of thousands and most by a
// handful. 60% of members agree to be shown; 1% of edges are hidden. People are numbered; their
// addresses, names and companies are functions of their number, and the edges come from a seeded
// generator, so both databases hold the same graph and nothing big is ever held in memory.
//
// Loading: rows in owner order, 500 to an INSERT (SQLite, one transaction, journal off) or 20,000
// to an INSERT … SELECT FROM unnest($1::text[], …) (PostgreSQL), with the secondary indexes
// dropped first and built after. VOUCH_BENCH_PEOPLE (default 1,000,000), VOUCH_BENCH_EDGES
// (default 20 per person), VOUCH_BENCH_QUERIES (default 2,000 per figure) and VOUCH_BENCH_PATHS_DB
// (sqlite,postgres) make quicker runs.
import { statSync } from "node:fs";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import pg from "pg";
import { CANDIDATES_PER_RESULT, findPaths, PATHS_LIMIT } from "../src/app/paths.ts";
import { companyKey, nameKey } from "../src/contacts/contact-key.ts";
import { strengthOf } from "../src/contacts/strength.ts";
import type { EdgeEvidence } from "../src/contacts/types.ts";
import { whoKnows } from "../src/store/contacts-store.ts";
import type { KyselyStore } from "../src/store/kysely-store.ts";
import { openStore } from "../src/store/open-store.ts";
import { percentile, printFigure } from "./report.ts";
import { benchDeps, benchTempDir, createBenchPgDatabase } from "./support/databases.ts";
import { rng } from "./support/seeded-random.ts";

const PEOPLE = Number(process.env.VOUCH_BENCH_PEOPLE ?? 1_000_000);
const EDGES = Number(process.env.VOUCH_BENCH_EDGES ?? PEOPLE * 20);
const QUERIES = Number(process.env.VOUCH_BENCH_QUERIES ?? 2_000);
const KINDS = (process.env.VOUCH_BENCH_PATHS_DB ?? "sqlite,postgres").split(",") as Kind[];
const MEMBERS = Math.round(PEOPLE / 4);
const MAX_DEGREE = 30_000;
const COMPANIES = Math.max(10, Math.round(PEOPLE / 20));
const INTROS = Math.round(PEOPLE / 10);
const NOW = new Date();
type Kind = "sqlite" | "postgres";

// ---- the generated deployment -------------------------------------------------------------

/** A fixed 32-bit mix of two numbers (for per-person and per-edge attributes). */
function mix(a: number, b = 0): number {
  let h = Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(b + 0x27d4eb2f, 0xc2b2ae35);
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  return h >>> 0;
}

const SYL = [
  "ka",
  "ri",
  "mo",
  "lan",
  "ve",
  "tor",
  "si",
  "na",
  "bel",
  "du",
  "quin",
  "ro",
  "ma",
  "el",
  "zo",
  "fa",
];
const word = (n: number, parts: number) => {
  let w = "";
  for (let i = 0; i < parts; i++) w += SYL[(n >>> (i * 4)) & 15];
  return w.charAt(0).toUpperCase() + w.slice(1);
};
// Each person's strings are made once (popular people are in many address books).
const emails: string[] = [];
const names: string[] = [];
const email = (p: number) => (emails[p] ??= `p${p}@h${p % 1009}.example`);
// 4,096 first names × 4,096 last names: a name is shared by a few people, as in life.
const personName = (p: number) =>
  (names[p] ??= `${word(mix(p, 1) & 0xfff, 3)} ${word(mix(p, 2) & 0xfff, 3)}`);

/** Zipf sampling over n items by rank, with exponent s. */
function zipf(n: number, s: number) {
  const cdf = new Float64Array(n);
  let total = 0;
  for (let r = 0; r < n; r++) {
    total += 1 / (r + 1) ** s;
    cdf[r] = total;
  }
  return (u: number) => {
    const x = u * total;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((cdf[mid] as number) < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

/** A random permutation of 0..n-1 (Fisher-Yates, seeded). */
function permutation(n: number, seed: number): Int32Array {
  const p = new Int32Array(n);
  for (let i = 0; i < n; i++) p[i] = i;
  const r = rng(seed);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    const t = p[i] as number;
    p[i] = p[j] as number;
    p[j] = t;
  }
  return p;
}

const popular = permutation(PEOPLE, 1); // popularity rank → person
const memberOf = permutation(PEOPLE, 2); // member number → person (the first MEMBERS)
const companyRank = zipf(COMPANIES, 1);
const companyOf = new Int32Array(PEOPLE);
{
  const r = rng(3);
  for (let p = 0; p < PEOPLE; p++) companyOf[p] = companyRank(r());
}
const companies: string[] = [];
const nameKeys: string[] = [];
const companyKeys: string[] = [];
function keyOfName(p: number, name: string): string {
  nameKeys[p] ??= nameKey(name) as string;
  return nameKeys[p];
}
function keyOfCompany(p: number, company: string): string {
  const c = companyOf[p] as number;
  companyKeys[c] ??= companyKey(company) as string;
  return companyKeys[c];
}
const companyName = (c: number) =>
  (companies[c] ??= `${word(mix(c, 7), 2)}${word(mix(c, 8), 2).toLowerCase()} Labs`);
const sampleKnown = zipf(PEOPLE, 0.9);

/** Members' contact counts: a power law of rank (exponent 0.5), capped, summing to EDGES. */
const degrees = new Int32Array(MEMBERS);
{
  let sum = 0;
  for (let m = 0; m < MEMBERS; m++) sum += 1 / Math.sqrt(m + 1);
  const c = EDGES / sum;
  let total = 0;
  for (let m = 0; m < MEMBERS; m++) {
    degrees[m] = Math.max(1, Math.min(MAX_DEGREE, PEOPLE - 1, Math.round(c / Math.sqrt(m + 1))));
    total += degrees[m] as number;
  }
  // What the cap took from the top goes to the rest, evenly.
  let left = EDGES - total;
  for (let m = MEMBERS - 1; left > 0 && m >= 0; m--) {
    const add = Math.min(left, Math.ceil(left / (m + 1)), MAX_DEGREE - (degrees[m] as number));
    degrees[m] = (degrees[m] as number) + add;
    left -= add;
  }
}
const shares = (m: number) => mix(m, 9) % 10 < 6;
/** The edges there are (the caps and rounding move the total a little off EDGES). */
const EDGE_COUNT = degrees.reduce((a, b) => a + b, 0);

/** Evidence kinds, each scored once by the real formula. */
const DAY = 86_400_000;
const TEMPLATES = Array.from({ length: 256 }, (_, t) => {
  const r = rng(100 + t);
  const ago = (days: number) => new Date(NOW.getTime() - days * DAY).toISOString();
  const mail =
    r() < 0.35
      ? {
          sent: Math.floor(r() * 40),
          received: Math.floor(r() * 40),
          sentPersonal: Math.floor(r() * 20),
          meanOtherRecipients: Math.round(r() * 60) / 10,
          lastSentAt: ago(Math.floor(r() * 700)),
          lastReceivedAt: ago(Math.floor(r() * 700)),
          firstAt: ago(800 + Math.floor(r() * 2000)),
        }
      : null;
  const e: EdgeEvidence = {
    linkedin: r() < 0.6 ? { connectedOn: ago(Math.floor(r() * 3000)).slice(0, 10) } : null,
    inAddressBook: r() < 0.5 || !mail,
    mail,
    vouch: null,
    override: null,
  };
  return { e, strength: strengthOf(e, NOW).score };
});

/** The columns the load writes, with their PostgreSQL array types (for unnest). */
const TYPED_COLUMNS: readonly [string, string][] = [
  ["owner_email", "text"],
  ["key", "text"],
  ["name", "text"],
  ["name_key", "text"],
  ["company", "text"],
  ["company_key", "text"],
  ["linkedin", "int"],
  ["connected_on", "text"],
  ["in_book", "int"],
  ["mail_sent", "int"],
  ["mail_received", "int"],
  ["mail_personal", "int"],
  ["mail_others", "float8"],
  ["mail_last_sent", "text"],
  ["mail_last_received", "text"],
  ["mail_first", "text"],
  ["hidden", "int"],
  ["shared", "int"],
  ["strength", "float8"],
];
const COLUMNS = TYPED_COLUMNS.map(([c]) => c);
const PG_TYPES = TYPED_COLUMNS.map(([, t]) => t);
type Row = (string | number | null)[];

/** Every edge, in owner order, as rows of COLUMNS (and the minimal table's three values). */
function* edges(): Generator<Row> {
  const r = rng(4);
  // Owners in address order, as the primary key stores them: the load appends to its b-tree.
  const order = Array.from({ length: MEMBERS }, (_, m) => m).sort((a, b) =>
    email(memberOf[a] as number) < email(memberOf[b] as number) ? -1 : 1,
  );
  for (const m of order) {
    const owner = memberOf[m] as number;
    const ownerEmail = email(owner);
    const shared = shares(m) ? 1 : 0;
    const known = new Set<number>();
    const want = degrees[m] as number;
    while (known.size < want) {
      const p = popular[sampleKnown(r())] as number;
      if (p !== owner) known.add(p);
    }
    // In key order, as the primary key stores them: the load appends.
    const keys = [...known]
      .map((p) => [email(p), p] as const)
      .sort((a, b) => (a[0] < b[0] ? -1 : 1));
    for (const [key, p] of keys) {
      const h = mix(owner, p);
      const t = TEMPLATES[h & 255] as (typeof TEMPLATES)[number];
      const name = personName(p);
      const company = companyName(companyOf[p] as number);
      const mail = t.e.mail;
      yield [
        ownerEmail,
        key,
        name,
        keyOfName(p, name),
        company,
        keyOfCompany(p, company),
        t.e.linkedin ? 1 : 0,
        t.e.linkedin?.connectedOn ?? null,
        t.e.inAddressBook ? 1 : 0,
        mail?.sent ?? null,
        mail?.received ?? null,
        mail?.sentPersonal ?? null,
        mail?.meanOtherRecipients ?? null,
        mail?.lastSentAt ?? null,
        mail?.lastReceivedAt ?? null,
        mail?.firstAt ?? null,
        h % 100 === 7 ? 1 : 0,
        shared,
        t.strength,
      ];
    }
  }
}

/** Intros between members, so that the track records and "intros together" have rows to count. */
function* intros(): Generator<Row> {
  const r = rng(5);
  const statuses = [
    "requested",
    "consent_requested",
    "introduced",
    "met",
    "completed",
    "target_declined",
  ];
  const introducer = zipf(MEMBERS, 1);
  for (let i = 0; i < INTROS; i++) {
    const status = statuses[Math.floor(r() * statuses.length)] as string;
    const doc = status === "completed" ? `{"outcome":{"thanked":${r() < 0.6}}}` : "{}";
    const at = new Date(NOW.getTime() - Math.floor(r() * 400) * DAY).toISOString();
    yield [
      `bench_${i}`,
      status,
      email(memberOf[Math.floor(r() * MEMBERS)] as number),
      email(memberOf[introducer(r())] as number),
      // Anyone: a target's own budget (3 asks a month) keeps asks from piling onto the famous.
      email(Math.floor(r() * PEOPLE)),
      `tok_${i}`,
      1,
      doc,
      at,
      at,
    ];
  }
}
const INTRO_COLUMNS = [
  "id",
  "status",
  "requester_email",
  "introducer_email",
  "target_email",
  "thread_token",
  "version",
  "doc",
  "created_at",
  "updated_at",
];

// ---- loading ------------------------------------------------------------------------------

const seconds = (t0: number) => `${((performance.now() - t0) / 1000).toFixed(1)} s`;

function loadSqlite(file: string, minimalFile: string): void {
  const db = new DatabaseSync(file);
  // The store left the file in WAL mode, where one 20M-row transaction would pile up in the
  // WAL: leave it for the load (the store sets WAL again when it opens the file).
  db.exec("PRAGMA journal_mode = DELETE");
  db.exec("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA cache_size = -262144");
  const indexes = db
    .prepare(
      "select name, sql from sqlite_master where type = 'index' and tbl_name = 'contacts' and sql is not null",
    )
    .all() as { name: string; sql: string }[];
  for (const i of indexes) db.exec(`drop index ${i.name}`);
  const mini = new DatabaseSync(minimalFile);
  mini.exec("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA cache_size = -131072");
  mini.exec(
    "create table edges (owner text not null, contact text not null, strength real not null, primary key (owner, contact)) without rowid",
  );
  const per = 500;
  const one = `(${COLUMNS.map(() => "?").join(",")})`;
  const insert = db.prepare(
    `insert into contacts (${COLUMNS.join(",")}) values ${Array(per).fill(one).join(",")}`,
  );
  const miniInsert = mini.prepare(
    `insert into edges values ${Array(per).fill("(?,?,?)").join(",")}`,
  );
  const t0 = performance.now();
  db.exec("begin");
  mini.exec("begin");
  let batch: Row[] = [];
  const flush = (rows: Row[]) => {
    if (!rows.length) return;
    if (rows.length === per) {
      insert.run(...(rows.flat() as never[]));
      miniInsert.run(...(rows.flatMap((x) => [x[0], x[1], x[18]]) as never[]));
      return;
    }
    const rest = db.prepare(
      `insert into contacts (${COLUMNS.join(",")}) values ${Array(rows.length).fill(one).join(",")}`,
    );
    if (rows.length) rest.run(...(rows.flat() as never[]));
    const miniRest = mini.prepare(
      `insert into edges values ${Array(rows.length).fill("(?,?,?)").join(",")}`,
    );
    if (rows.length) miniRest.run(...(rows.flatMap((x) => [x[0], x[1], x[18]]) as never[]));
  };
  for (const row of edges()) {
    batch.push(row);
    if (batch.length === per) {
      flush(batch);
      batch = [];
    }
  }
  flush(batch);
  const introRows = [...intros()];
  const introInsert = db.prepare(
    `insert into intros (${INTRO_COLUMNS.join(",")}) values (${INTRO_COLUMNS.map(() => "?").join(",")})`,
  );
  for (const r of introRows) introInsert.run(...(r as never[]));
  const people = db.prepare(
    "insert into people (email, name, prefs, created_at) values (?, ?, '{}', ?)",
  );
  for (let m = 0; m < MEMBERS; m++) {
    const p = memberOf[m] as number;
    people.run(email(p), personName(p), NOW.toISOString());
  }
  const share = db.prepare("insert into path_sharing (email, since) values (?, ?)");
  for (let m = 0; m < MEMBERS; m++)
    if (shares(m)) share.run(email(memberOf[m] as number), NOW.toISOString());
  db.exec("commit");
  mini.exec("commit");
  console.log(`sqlite: ${EDGE_COUNT.toLocaleString("en")} edges loaded in ${seconds(t0)}`);
  const t1 = performance.now();
  for (const i of indexes) db.exec(i.sql);
  mini.exec("create index edges_by_contact on edges (contact, strength desc)");
  db.exec("PRAGMA analysis_limit = 1000; ANALYZE");
  mini.exec("PRAGMA analysis_limit = 1000; ANALYZE");
  console.log(`sqlite: indexes built in ${seconds(t1)}`);
  db.close();
  mini.close();
}

async function loadPg(url: string): Promise<void> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query("set synchronous_commit = off");
    await c.query("set maintenance_work_mem = '512MB'");
    const { rows: indexes } = await c.query<{ indexname: string; indexdef: string }>(
      "select indexname, indexdef from pg_indexes where tablename = 'contacts' and indexname <> 'contacts_pkey'",
    );
    for (const i of indexes) await c.query(`drop index ${i.indexname}`);
    await c.query(
      "create table edges (owner text not null, contact text not null, strength double precision not null, primary key (owner, contact))",
    );
    const t0 = performance.now();
    const per = 20_000;
    const cols = COLUMNS.map(() => [] as unknown[]);
    const insertRows = async () => {
      if (!cols[0]?.length) return;
      await c.query(
        `insert into contacts (${COLUMNS.join(",")}) select * from unnest(${PG_TYPES.map((t, i) => `$${i + 1}::${t}[]`).join(",")})`,
        cols,
      );
      await c.query(
        "insert into edges select * from unnest($1::text[], $2::text[], $3::float8[])",
        [cols[0], cols[1], cols[18]],
      );
      for (const col of cols) col.length = 0;
    };
    for (const row of edges()) {
      for (let i = 0; i < row.length; i++) (cols[i] as unknown[]).push(row[i]);
      if ((cols[0] as unknown[]).length === per) await insertRows();
    }
    await insertRows();
    const ic = INTRO_COLUMNS.map(() => [] as unknown[]);
    for (const r of intros()) for (const [i, v] of r.entries()) (ic[i] as unknown[]).push(v);
    await c.query(
      `insert into intros (${INTRO_COLUMNS.join(",")}) select * from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::int[], $8::text[], $9::text[], $10::text[])`,
      ic,
    );
    const members = Array.from({ length: MEMBERS }, (_, m) => memberOf[m] as number);
    await c.query(
      "insert into people (email, name, prefs, created_at) select e, n, '{}', $3 from unnest($1::text[], $2::text[]) as t(e, n)",
      [members.map(email), members.map(personName), NOW.toISOString()],
    );
    await c.query(
      "insert into path_sharing (email, since) select e, $2 from unnest($1::text[]) as t(e)",
      [members.filter((_, m) => shares(m)).map(email), NOW.toISOString()],
    );
    console.log(`postgres: ${EDGE_COUNT.toLocaleString("en")} edges loaded in ${seconds(t0)}`);
    const t1 = performance.now();
    for (const i of indexes) await c.query(i.indexdef);
    await c.query("create index edges_by_contact on edges (contact, strength desc)");
    await c.query("vacuum analyze contacts");
    await c.query("vacuum analyze edges");
    await c.query("analyze intros");
    await c.query("analyze people");
    await c.query("analyze path_sharing");
    console.log(`postgres: indexes built in ${seconds(t1)}`);
  } finally {
    await c.end();
  }
}

// ---- measuring ----------------------------------------------------------------------------

/** Targets: half hubs (the most known 1%), half anyone; requesters: half members, half not. */
function queries(n: number) {
  const r = rng(6);
  const hubs = Math.max(1, Math.floor(PEOPLE / 100));
  return Array.from({ length: n }, (_, i) => ({
    target: email(popular[i % 2 ? Math.floor(r() * hubs) : Math.floor(r() * PEOPLE)] as number),
    requester: email(
      (i >> 1) % 2
        ? (memberOf[Math.floor(r() * MEMBERS)] as number)
        : (memberOf[MEMBERS + Math.floor(r() * (PEOPLE - MEMBERS))] as number),
    ),
    company: companyName(companyRank(r())),
  }));
}

async function timed(n: number, fn: (i: number) => Promise<unknown> | unknown): Promise<number[]> {
  for (let i = 0; i < Math.min(200, n); i++) await fn(i); // warm
  const ms: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn(i);
    ms.push(performance.now() - t);
  }
  return ms;
}

// As many as findPaths ranks for its default 10 paths.
const K = PATHS_LIMIT * CANDIDATES_PER_RESULT;
const WHO_KNOWS = `select owner, strength from edges where contact = $1 order by strength desc limit ${K}`;
const TWO_HOPS = `select k.owner, k.strength, r.strength as own from edges k
  left join edges r on r.owner = $2 and r.contact = k.owner
  where k.contact = $1 order by k.strength desc limit ${K}`;

function report(kind: Kind, what: string, ours: number[], base?: number[]) {
  const p50 = percentile(ours, 50);
  const p99 = percentile(ours, 99);
  const b50 = base ? percentile(base, 50) : undefined;
  const b99 = base ? percentile(base, 99) : undefined;
  // A ratio of speeds: the baseline's time over ours (1 = as fast as the bare statement).
  printFigure({
    name: `${what} p50 (${kind})`,
    value: 1 / p50,
    unit: "per ms",
    ...(b50
      ? {
          baseline: {
            name: "one SQL statement on edges(owner, contact, strength)",
            value: 1 / b50,
          },
        }
      : {}),
    goal: base ? ">= 0.5" : "",
  });
  console.log(
    `  ${what} (${kind}): p50 ${p50.toFixed(3)} ms, p99 ${p99.toFixed(3)} ms (goal p99 < 5 ms)${b50 !== undefined && b99 !== undefined ? `; baseline p50 ${b50.toFixed(3)} ms, p99 ${b99.toFixed(3)} ms, p99 ratio ${(b99 / p99).toFixed(2)}` : ""}`,
  );
}

async function measure(
  kind: Kind,
  store: KyselyStore,
  raw: (sql: string, args: string[]) => Promise<unknown>,
) {
  const deps = benchDeps(store);
  const qs = queries(QUERIES);
  const q = (i: number) => qs[i % qs.length] as (typeof qs)[number];
  let found = 0;
  const who = await timed(QUERIES, async (i) => {
    const r = await whoKnows("key", q(i).target, q(i).requester, K).execute(store.kysely);
    found += r.rows.length;
  });
  const whoKnowsBase = await timed(QUERIES, (i) => raw(WHO_KNOWS, [q(i).target]));
  report(kind, "who knows X", who, whoKnowsBase);
  console.log(
    `  (${(found / (QUERIES + Math.min(200, QUERIES))).toFixed(1)} candidates a search on average)`,
  );
  const ranked = await timed(QUERIES, (i) =>
    findPaths(deps, { requester: q(i).requester, target: q(i).target }),
  );
  const rankedBase = await timed(QUERIES, (i) => raw(TWO_HOPS, [q(i).target, q(i).requester]));
  report(kind, "findPaths by email, ranked", ranked, rankedBase);
  const byCompany = await timed(Math.min(QUERIES, 500), (i) =>
    findPaths(deps, { requester: q(i).requester, company: q(i).company }),
  );
  report(kind, "findPaths by company, ranked", byCompany);
}

async function runSqlite() {
  const tmp = benchTempDir("vouch-bench-paths-");
  const t0 = performance.now();
  try {
    const store = openStore({ dataDir: tmp.dir });
    await store.migrate();
    await store.close();
    const file = join(tmp.dir, "vouch.db");
    const minimal = join(tmp.dir, "minimal.db");
    loadSqlite(file, minimal);
    const bytes = statSync(file).size;
    const miniBytes = statSync(minimal).size;
    printFigure({
      name: "bytes per edge on disk (sqlite, the whole file)",
      value: bytes / EDGE_COUNT,
      unit: "B",
      baseline: {
        name: "minimal table edges(owner, contact, strength) + its index",
        value: miniBytes / EDGE_COUNT,
      },
    });
    const s = openStore({ dataDir: tmp.dir });
    const raw = new DatabaseSync(minimal);
    const stmts = new Map<string, ReturnType<DatabaseSync["prepare"]>>();
    const run = async (sql: string, args: string[]) => {
      let st = stmts.get(sql);
      if (!st) {
        st = raw.prepare(sql.replace(/\$(\d)/g, "?$1"));
        stmts.set(sql, st);
      }
      return st.all(...args);
    };
    await measure("sqlite", s, run);
    raw.close();
    await s.close();
  } finally {
    if (!process.env.VOUCH_BENCH_PATHS_KEEP) tmp.remove();
    else console.log(`sqlite: kept ${tmp.dir}`);
  }
  console.log(`sqlite: done in ${seconds(t0)}`);
}

async function runPg() {
  const db = await createBenchPgDatabase();
  const tmp = benchTempDir("vouch-bench-paths-");
  const t0 = performance.now();
  try {
    const store = openStore({ databaseUrl: db.url, dataDir: tmp.dir });
    await store.migrate();
    await store.close();
    await loadPg(db.url);
    const c = new pg.Client({ connectionString: db.url });
    await c.connect();
    const size = async (t: string) =>
      Number(
        (await c.query<{ n: string }>("select pg_total_relation_size($1) as n", [t])).rows[0]?.n,
      );
    printFigure({
      name: "bytes per edge on disk (postgres, contacts with its indexes)",
      value: (await size("contacts")) / EDGE_COUNT,
      unit: "B",
      baseline: {
        name: "minimal table edges(owner, contact, strength) + its indexes",
        value: (await size("edges")) / EDGE_COUNT,
      },
    });
    const s = openStore({ databaseUrl: db.url, dataDir: tmp.dir }, { poolSize: 1 });
    const names = new Map<string, string>();
    const run = (sql: string, args: string[]) => {
      let name = names.get(sql);
      if (!name) {
        name = `q${names.size}`;
        names.set(sql, name);
      }
      return c.query({ name, text: sql, values: args });
    };
    await measure("postgres", s, run);
    await s.close();
    await c.end();
  } finally {
    await db.drop();
    tmp.remove();
  }
  console.log(`postgres: done in ${seconds(t0)}`);
}

const started = performance.now();
console.log(
  `warm paths: ${PEOPLE.toLocaleString("en")} people, ${MEMBERS.toLocaleString("en")} members (60% shown as paths), ${EDGE_COUNT.toLocaleString("en")} edges (most contacts ${degrees[0]}, median ${degrees[Math.floor(MEMBERS / 2)]}), ${INTROS.toLocaleString("en")} intros`,
);
if (KINDS.includes("sqlite")) await runSqlite();
if (KINDS.includes("postgres")) await runPg();
console.log(`paths bench: ${seconds(started)} in all`);
