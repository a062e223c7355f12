// Fresh, throw-away databases for benchmarks: a temp dir for SQLite and a new PostgreSQL database
// named vouch_bench_<random>, created through the admin URL and dropped (with force) afterwards.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { AppDeps } from "../../src/app/deps.ts";
import { DEFAULT_TIMER_POLICY } from "../../src/domain/timers.ts";
import type { Store } from "../../src/store/store.ts";
import { createPgDatabase } from "../../test/support/databases.ts";

export const PG_ADMIN_URL =
  process.env.VOUCH_BENCH_PG_URL ??
  process.env.VOUCH_TEST_PG_URL ??
  "postgres://postgres@127.0.0.1:5432/test";

/** A new empty PostgreSQL database; `drop()` removes it even if connections are still open. */
export function createBenchPgDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  return createPgDatabase({ prefix: "vouch_bench", adminUrl: PG_ADMIN_URL, durable: true });
}

/** A new temp directory; `remove()` deletes it and everything in it. */
export function benchTempDir(prefix = "vouch-bench-"): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * Where a bench's store lives: a new temp dir, and for PostgreSQL a new database. Their removal
 * is added to `cleanup`, which the bench runs in order once it is done.
 */
export async function benchLocation(
  kind: "sqlite" | "postgres",
  cleanup: (() => unknown)[],
): Promise<{ databaseUrl: string | undefined; dataDir: string }> {
  const tmp = benchTempDir();
  cleanup.push(() => tmp.remove());
  if (kind === "sqlite") return { databaseUrl: undefined, dataDir: tmp.dir };
  const db = await createBenchPgDatabase();
  cleanup.unshift(db.drop);
  return { databaseUrl: db.url, dataDir: tmp.dir };
}

/** App wiring as main.ts does it, with the real clock. */
export function benchDeps(store: Store): AppDeps {
  return {
    store,
    secret: "bench-link-secret",
    mailDomain: "vouch.localhost",
    publicUrl: "http://127.0.0.1:3000",
    timerPolicy: DEFAULT_TIMER_POLICY,
    now: () => new Date(),
  };
}

const FIRST = [
  "Alice",
  "Maya",
  "Jane",
  "Omar",
  "Lena",
  "Tom",
  "Priya",
  "Jonas",
  "Chloe",
  "Diego",
  "Hana",
  "Felix",
  "Sara",
  "Malik",
  "Ines",
  "Noah",
  "Yuki",
  "Ravi",
  "Emma",
  "Lucas",
];
const LAST = [
  "Martin",
  "Lopez",
  "Chen",
  "Okafor",
  "Schmidt",
  "Dubois",
  "Rossi",
  "Novak",
  "Silva",
  "Berg",
  "Kowalski",
  "Haddad",
  "Nguyen",
  "Murphy",
  "Costa",
  "Ivanova",
  "Sato",
  "Khan",
  "Moreau",
  "Weber",
];
/** A realistic name for person number n: first name n mod 20 (400 names, then they repeat). */
export function personName(n: number): string {
  return `${FIRST[n % FIRST.length]} ${LAST[Math.floor(n / FIRST.length) % LAST.length]}`;
}

/**
 * A request written the way the seed advises, so that the coach lets it through: one named
 * person, a specific ask, a next step with a time, a short "about me" and a signature.
 */
export function requestText(requester: string, introducer: string, target: string): string {
  const first = (name: string) => name.split(" ")[0] ?? name;
  return `Hey ${first(introducer)}, could you introduce me to ${first(target)}? You can simply CC them, thanks!

Hey ${first(target)},

I'd greatly appreciate a chance to chat with you about building a career in support operations.

I'm currently deciding between leading support at a startup or joining a large company. I'd love a chance to understand your experience at Northwind Health to help me better understand the trade-offs.

Would a quick 20 min call work for you this Friday afternoon at, say, 3pm? Can also do email or anything you'd prefer.

About me:
- Four years as a support engineer; I now lead a small team.
- Wrote an escalation playbook that two partner clinics use.

Regards,
${first(requester)}
https://example.com/${first(requester).toLowerCase()}`;
}

export const TARGET_PROFILE = {
  role: "VP Operations",
  companies: ["Northwind Health"],
  interests: ["support operations", "team scaling"],
  notes: "Wrote about moving support to a tiered queue; based in Lyon.",
};

/** The seed's request from Alice to Jane about Maya, signed by requester `i`. */
export function numberedRequest(i: number): string {
  return `Hey Jane, could you introduce me to Maya? You can simply CC them, thanks!

Hey Maya,

I'd greatly appreciate a chance to chat with you about building a career in Tech.

I'm currently job hunting for a software engineer position. I'd love for a chance to understand your experiences at Snapchat, Instagram and SpaceX to help me better understand the trade-offs in choosing where to work.

Would a quick 20 min coffee work for you this Friday afternoon at your office at, say, 3pm? Can also do a phone call / anything you'd prefer.

Regards,
Requester ${i}
https://example.com/requester-${i}`;
}
