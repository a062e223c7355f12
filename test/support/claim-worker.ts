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
