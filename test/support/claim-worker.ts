// A separate process that claims rows until none are left, for the contention test.
// Usage: node claim-worker.ts <databaseUrl or ""> <dataDir> <outbox|timers> <owner>
import { openStore } from "../../src/store/open-store.ts";

const [url, dataDir, what, owner] = process.argv.slice(2) as [
  string,
  string,
  "outbox" | "timers",
  string,
];
const store = openStore({ databaseUrl: url || undefined, dataDir }, { poolSize: 2 });
// Start together: say "ready" once the store answers, then wait for the parent's "go", so that
// neither process is ahead by its start-up time (on a loaded machine that can be seconds).
await store.ping();
process.stdout.write("ready\n");
await new Promise<void>((resolve) => {
  process.stdin.once("data", () => resolve());
});
process.stdin.pause();
const claimed: string[] = [];
const now = Date.parse("2030-01-01T00:00:00Z");
for (;;) {
  const c = { owner, now, leaseMs: 10 * 60_000, limit: 50 };
  const rows = what === "outbox" ? await store.claimOutbox(c) : await store.claimTimers(c);
  if (!rows.length) break;
  for (const r of rows) {
    claimed.push(r.id);
    if (what === "outbox") await store.markOutboxSent(r.id, owner, new Date(now));
    else await store.transaction((tx) => tx.completeTimers([r.id], owner, new Date(now)));
  }
}
await store.close();
process.stdout.write(JSON.stringify(claimed));
