// An HTTP load generator run as a child process, so that the client does not share the event
// loop (or the RSS) of the server it measures. Keep-alive connections, a bounded number of
// requests in flight, and a bound on both the count and the duration.
//
// Usage: echo '<json LoadSpec>' | node http-load.ts   → prints one JSON LoadResult line on stdout.
import { Agent, request } from "node:http";
import { fileURLToPath } from "node:url";
import { runInChild } from "./child-run.ts";

export interface LoadSpec {
  /** e.g. http://127.0.0.1:4321 (only 127.0.0.1 is accepted). */
  base: string;
  /** [path, bearer token or ""] pairs, used round-robin. */
  targets: [string, string][];
  concurrency: number;
  durationMs: number;
  maxRequests: number;
  /** "http": node:http with a keep-alive Agent; "fetch": the built-in fetch (undici). */
  client: "http" | "fetch";
}

export interface LoadResult {
  requests: number;
  /** Responses that were not 200, and network errors. */
  errors: number;
  ms: number;
  bytes: number;
  firstError?: string;
}

const SELF = fileURLToPath(import.meta.url);

/** Runs one load in a fresh child process and returns its result. */
export function runLoad(spec: LoadSpec): Promise<LoadResult> {
  return runInChild<LoadResult>(SELF, spec, 60_000);
}

async function main(spec: LoadSpec): Promise<LoadResult> {
  const base = new URL(spec.base);
  const agent = new Agent({ keepAlive: true, maxSockets: spec.concurrency });
  const viaHttp = (path: string, token: string) =>
    new Promise<{ status: number; bytes: number }>((resolve, reject) => {
      const req = request(
        {
          agent,
          host: base.hostname,
          port: base.port,
          path,
          headers: token ? { authorization: `Bearer ${token}` } : {},
        },
        (res) => {
          let bytes = 0;
          res.on("data", (c: Buffer) => {
            bytes += c.length;
          });
          res.on("end", () => resolve({ status: res.statusCode ?? 0, bytes }));
          res.on("error", reject);
        },
      );
      req.on("error", reject);
      req.end();
    });
  const viaFetch = async (path: string, token: string) => {
    const res = await fetch(new URL(path, base), {
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });
    const body = await res.arrayBuffer();
    return { status: res.status, bytes: body.byteLength };
  };
  const one = spec.client === "fetch" ? viaFetch : viaHttp;

  let next = 0;
  let errors = 0;
  let bytes = 0;
  let firstError: string | undefined;
  const start = performance.now();
  const deadline = start + spec.durationMs;
  const worker = async () => {
    while (next < spec.maxRequests && performance.now() < deadline) {
      const [path, token] = spec.targets[next++ % spec.targets.length] as [string, string];
      try {
        const r = await one(path, token);
        bytes += r.bytes;
        if (r.status !== 200) {
          errors++;
          firstError ??= `HTTP ${r.status} for ${path}`;
        }
      } catch (e) {
        errors++;
        firstError ??= String(e);
      }
    }
  };
  await Promise.all(Array.from({ length: spec.concurrency }, worker));
  const ms = performance.now() - start;
  agent.destroy();
  return { requests: next, errors, ms, bytes, ...(firstError ? { firstError } : {}) };
}

if (process.argv[1] === SELF) {
  let input = "";
  for await (const chunk of process.stdin) input += chunk;
  const result = await main(JSON.parse(input) as LoadSpec);
  process.stdout.write(`${JSON.stringify(result)}\n`);
}
