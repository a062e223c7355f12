// The child process of the outbox crash test: drains one database's outbox through the real
// worker (drainOutbox) and relay transport (a nodemailer SMTP pool) until nothing is due, then
// prints its DrainResult as one JSON line. The test kills it with SIGKILL at random moments.
//
// Usage: node outbox-crash-worker.ts '<json options>'
//   { databaseUrl?: string, dataDir: string, smtpUrl: string, leaseMs: number, clockOffsetMs: number,
//     waitForGo?: boolean }
//
// With waitForGo it loads its modules, then waits for a line on stdin before it touches the
// database (and exits quietly if stdin closes first), so the test can start it ahead of time.
// clockOffsetMs moves this worker's clock ahead of real time: each restart passes a larger offset,
// so the leases a killed worker held have run out for its successor without waiting for them.
import { drainOutbox } from "../../src/jobs/outbox-worker.ts";
import { relayTransport } from "../../src/mail/outbound/transport.ts";
import { openStore } from "../../src/store/open-store.ts";
import { testDeps } from "./app.ts";

interface Options {
  databaseUrl?: string;
  dataDir: string;
  smtpUrl: string;
  leaseMs: number;
  clockOffsetMs: number;
  waitForGo?: boolean;
}

const opts = JSON.parse(process.argv[2] ?? "{}") as Options;
if (opts.waitForGo) {
  const go = await new Promise<boolean>((resolve) => {
    process.stdin.once("data", () => resolve(true));
    process.stdin.once("end", () => resolve(false));
  });
  process.stdin.destroy();
  if (!go) process.exit(0);
}
const store = openStore({ databaseUrl: opts.databaseUrl, dataDir: opts.dataDir }, { poolSize: 4 });
const deps = { ...testDeps(store), now: () => new Date(Date.now() + opts.clockOffsetMs) };
const transport = relayTransport(opts.smtpUrl);
try {
  const result = await drainOutbox(deps, transport, { leaseMs: opts.leaseMs });
  process.stdout.write(`${JSON.stringify(result)}\n`);
} finally {
  transport.close();
  await store.close();
}
