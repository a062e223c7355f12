// The memory figure, in a process of its own so nothing else the bench did is in its RSS:
// a server opens a SQLite store holding 100,000 intros (built beforehand by another process),
// serves GET /api/intros/:id and list requests against them over a real socket, forces GC, and
// reports its RSS.
//
// Usage: node --expose-gc memory-100k.ts [count]   → prints one JSON MemoryResult line.
// Only node builtins are imported statically, so the first RSS reading is the bare process.
import { spawnSync } from "node:child_process";
import { statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { BuiltDb } from "./build-intros-db.ts";

const bareRss = process.memoryUsage().rss;

export interface MemoryResult {
  intros: number;
  bareRssMb: number;
  /** After importing the app and opening the store, before serving. */
  appLoadedRssMb: number;
  /** After serving the requests and a forced GC: the figure with the goal. */
  finalRssMb: number;
  peakRssMb: number;
  heapUsedMb: number;
  heapTotalMb: number;
  externalMb: number;
  buildSeconds: number;
  buildCpu: BuiltDb["cpu"];
  gets: number;
  lists: number;
  errors: number;
  firstError?: string;
  dbFileMb: number;
}

const mb = (b: number) => b / 1024 / 1024;

async function gcHard() {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error("run with --expose-gc");
  for (let i = 0; i < 3; i++) {
    gc();
    await new Promise((r) => setTimeout(r, 20));
  }
}

function buildDb(dir: string, count: number): BuiltDb {
  const script = fileURLToPath(new URL("./build-intros-db.ts", import.meta.url));
  const r = spawnSync(process.execPath, [script, dir, String(count)], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
    maxBuffer: 64 * 1024 * 1024,
    timeout: 300_000,
  });
  if (r.status !== 0) throw new Error(`building the database failed (${r.status})`);
  return JSON.parse(r.stdout.trim().split("\n").at(-1) ?? "{}") as BuiltDb;
}

async function main(count: number): Promise<MemoryResult> {
  const { benchDeps, benchTempDir } = await import("./databases.ts");
  const tmp = benchTempDir("vouch-bench-mem-");
  try {
    const built = buildDb(tmp.dir, count);
    const { serve } = await import("@hono/node-server");
    const { createApiToken } = await import("../../src/app/api-tokens.ts");
    const { httpApp } = await import("../../src/http/app.ts");
    const { openStore } = await import("../../src/store/open-store.ts");
    const { copySuffix } = await import("./copy-intros.ts");
    const { runLoad } = await import("./http-load.ts");

    const store = openStore({ dataDir: tmp.dir });
    try {
      await store.migrate();
      const deps = benchDeps(store);
      const app = httpApp(deps, { log: () => {} });
      if ((await store.countIntros()) !== count) throw new Error("wrong number of intros");
      await gcHard();
      const appLoadedRss = process.memoryUsage().rss;

      // Tokens for the requesters of the first 200 templates; GETs read random intros (any
      // copy) of theirs, as the requester; lists page through their intros in each role.
      const T = built.templates.length;
      const tokens = new Map<string, string>();
      for (const t of built.templates.slice(0, 200)) {
        if (!tokens.has(t.requester))
          tokens.set(t.requester, await createApiToken(deps, t.requester));
      }
      let seed = 42;
      const rand = (n: number) => {
        seed = (seed * 1103515245 + 12345) % 2 ** 31;
        return seed % n;
      };
      const gets: [string, string][] = [];
      for (let n = 0; n < 3000; n++) {
        const t = built.templates[rand(200)] as BuiltDb["templates"][number];
        const k = rand(count / T);
        const id = k ? `${t.id}${copySuffix(k)}` : t.id;
        gets.push([`/api/intros/${id}`, tokens.get(t.requester) as string]);
      }
      const lists: [string, string][] = [];
      const tokenList = [...tokens.values()];
      const qs = ["?limit=50", "?role=requester&limit=50", "?role=introducer&offset=20&limit=20"];
      for (let n = 0; n < 300; n++) {
        lists.push([`/api/intros${qs[n % qs.length]}`, tokenList[n % tokenList.length] as string]);
      }

      const server = serve({ fetch: app.fetch, hostname: "127.0.0.1", port: 0 });
      await new Promise<void>((r) => server.once("listening", () => r()));
      const { port } = server.address() as { port: number };
      const base = `http://127.0.0.1:${port}`;
      const common = { base, concurrency: 8, durationMs: 30_000, client: "http" } as const;
      const g = await runLoad({ ...common, targets: gets, maxRequests: gets.length });
      const l = await runLoad({ ...common, targets: lists, maxRequests: lists.length });
      await new Promise<void>((r) => server.close(() => r()));

      await gcHard();
      const mem = process.memoryUsage();
      const firstError = g.firstError ?? l.firstError;
      const size = (f: string) => statSync(join(tmp.dir, f), { throwIfNoEntry: false })?.size ?? 0;
      return {
        intros: count,
        bareRssMb: mb(bareRss),
        appLoadedRssMb: mb(appLoadedRss),
        finalRssMb: mb(mem.rss),
        peakRssMb: process.resourceUsage().maxRSS / 1024,
        heapUsedMb: mb(mem.heapUsed),
        heapTotalMb: mb(mem.heapTotal),
        externalMb: mb(mem.external),
        buildSeconds: built.seconds,
        buildCpu: built.cpu,
        gets: g.requests,
        lists: l.requests,
        errors: g.errors + l.errors,
        ...(firstError ? { firstError } : {}),
        dbFileMb: mb(size("vouch.db") + size("vouch.db-wal")),
      };
    } finally {
      await store.close();
    }
  } finally {
    tmp.remove();
  }
}

const result = await main(Number(process.argv[2] ?? 100_000));
process.stdout.write(`${JSON.stringify(result)}\n`);
