// The load test's clients, run as a child process so that they share neither the event loop nor
// the RSS of the server they measure. Well-formed clients loop over page views, API reads and
// one-click posts (each link once); one more client only sends oversized bodies, which must be
// refused with 413 without disturbing the others.
//
// Usage: echo '<json MixedLoadSpec>' | node mixed-load.ts   → one JSON MixedLoadResult line.
import { Agent, request } from "node:http";
import { fileURLToPath } from "node:url";
import { runInChild } from "./child-run.ts";

export interface MixedLoadSpec {
  /** http://127.0.0.1:PORT (nothing else is accepted). */
  base: string;
  clients: number;
  durationMs: number;
  /** A signed-in session cookie (pages) and the same person's API token. */
  cookie: string;
  token: string;
  /** Intros that person takes part in (pages and API reads). */
  introIds: string[];
  /** One-click link paths (/a/TOKEN), each posted at most once. */
  oneClick: string[];
}

export interface MixedLoadResult {
  requests: number;
  byKind: Record<string, number>;
  /** Well-formed requests that were not answered as expected (must be 0). */
  errors: number;
  firstErrors: string[];
  latencyMs: { p50: number; p99: number; max: number };
  oversized: { sent: number; refused413: number; other: number; firstOther?: string };
  ms: number;
}

const SELF = fileURLToPath(import.meta.url);

export function runMixedLoad(spec: MixedLoadSpec): Promise<MixedLoadResult> {
  return runInChild<MixedLoadResult>(SELF, spec, 120_000);
}

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}

async function main(spec: MixedLoadSpec): Promise<MixedLoadResult> {
  const base = new URL(spec.base);
  const agent = new Agent({ keepAlive: true, maxSockets: spec.clients });
  const call = (
    method: string,
    path: string,
    headers: Record<string, string>,
    body?: string,
  ): Promise<{ status: number; text: string }> =>
    new Promise((resolve, reject) => {
      const req = request(
        { agent, host: base.hostname, port: base.port, method, path, headers },
        (res) => {
          let text = "";
          res.setEncoding("utf8");
          res.on("data", (c: string) => {
            text += c;
          });
          res.on("end", () => resolve({ status: res.statusCode ?? 0, text }));
          res.on("error", reject);
        },
      );
      req.on("error", reject);
      req.end(body);
    });

  const pool = [...spec.oneClick];
  let next = 0;
  const pick = <T>(list: T[]) => list[next++ % list.length] as T;
  // The kind of each request is drawn at random (a round robin would beat with pick's).
  const latencies: number[] = [];
  const byKind: Record<string, number> = {};
  const firstErrors: string[] = [];
  let errors = 0;
  const page = { cookie: spec.cookie, accept: "text/html" };
  const api = { authorization: `Bearer ${spec.token}` };
  const form = { "content-type": "application/x-www-form-urlencoded", accept: "text/html" };
  // Weighted: page views, API reads, and a one-click post while links last.
  const kinds = ["page", "page", "intro-page", "api-list", "api-intro", "api-intro", "post"];
  const start = performance.now();
  const deadline = start + spec.durationMs;

  const wellFormed = async () => {
    while (performance.now() < deadline) {
      let kind = kinds[Math.floor(Math.random() * kinds.length)] as string;
      if (kind === "post" && !pool.length) kind = "page";
      const t0 = performance.now();
      let r: { status: number; text: string };
      let ok: (s: number, text: string) => boolean = (s) => s === 200;
      try {
        if (kind === "page") {
          r = await call("GET", "/", page);
          ok = (s, text) => s === 200 && text.includes("What needs you");
        } else if (kind === "intro-page") {
          r = await call("GET", `/intros/${encodeURIComponent(pick(spec.introIds))}`, page);
        } else if (kind === "api-list") {
          r = await call("GET", "/api/intros?limit=20", api);
        } else if (kind === "api-intro") {
          r = await call("GET", `/api/intros/${encodeURIComponent(pick(spec.introIds))}`, api);
        } else {
          r = await call("POST", pool.pop() as string, form, "");
          ok = (s, text) => s === 200 && text.includes("<h1>Done</h1>");
        }
        latencies.push(performance.now() - t0);
        byKind[kind] = (byKind[kind] ?? 0) + 1;
        if (!ok(r.status, r.text)) {
          errors++;
          if (firstErrors.length < 5)
            firstErrors.push(`${kind}: HTTP ${r.status} ${r.text.slice(0, 120)}`);
        }
      } catch (e) {
        errors++;
        if (firstErrors.length < 5) firstErrors.push(`${kind}: ${String(e)}`);
      }
    }
  };

  // Declares a body far over the limit and sends it slowly: the server must answer 413 from
  // the declared length, without waiting for (or buffering) the body.
  const oversized = { sent: 0, refused413: 0, other: 0 } as MixedLoadResult["oversized"];
  const targets = [
    ["/api/intros", { ...api, "content-type": "application/json" }],
    ["/sign-in", form],
    ["/inbound/raw", { "content-type": "message/rfc822" }],
  ] as const;
  const tooBig = async () => {
    let i = 0;
    while (performance.now() < deadline) {
      const [path, headers] = targets[i++ % targets.length] as (typeof targets)[number];
      oversized.sent++;
      const status = await new Promise<number>((resolve) => {
        // Its own connection: the server closes it after refusing.
        const req = request(
          {
            host: base.hostname,
            port: base.port,
            method: "POST",
            path,
            headers: { ...headers, "content-length": String(50 * 1024 * 1024) },
          },
          (res) => {
            res.resume();
            res.on("end", () => {
              resolve(res.statusCode ?? 0);
              req.destroy();
            });
          },
        );
        req.on("error", () => resolve(0));
        req.write("x".repeat(64 * 1024));
      });
      if (status === 413) oversized.refused413++;
      else {
        oversized.other++;
        oversized.firstOther ??= `${path}: ${status}`;
      }
    }
  };

  await Promise.all([...Array.from({ length: spec.clients }, wellFormed), tooBig()]);
  const ms = performance.now() - start;
  agent.destroy();
  const sorted = latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    byKind,
    errors,
    firstErrors,
    latencyMs: {
      p50: percentile(sorted, 50),
      p99: percentile(sorted, 99),
      max: sorted.at(-1) ?? Number.NaN,
    },
    oversized,
    ms,
  };
}

if (process.argv[1] === SELF) {
  let input = "";
  for await (const chunk of process.stdin) input += chunk;
  const result = await main(JSON.parse(input) as MixedLoadSpec);
  process.stdout.write(`${JSON.stringify(result)}\n`);
}
