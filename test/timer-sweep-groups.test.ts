// The sweep fires claimed timers in groups that share a transaction. A timer whose firing fails
// must not hold back the rest of its group, must not be half-applied, and must fire (once) on a
// later sweep; every timer fires exactly once. Run on both databases.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createIntro } from "../src/app/create-intro.ts";
import { sweepTimers } from "../src/jobs/timer-sweep.ts";
import type { Store, StoreTx } from "../src/store/store.ts";
import { testDeps } from "./support/app.ts";
import { DB_KINDS, openTestDb, type TestDb } from "./support/databases.ts";
import { seedRequestInput } from "./support/intros.ts";
import { buildDueIntros, insertLives, type SeededIntro } from "./support/timers-seed.ts";

const NOW = Date.parse("2026-11-26T12:00:00Z");
const N = 60;

const depsFor = (store: Store) => testDeps(store, { now: new Date(NOW) });

/** The store, except that committing a change to `introId` fails while `broken` is true. */
function failingFor(store: Store, introId: string, state: { broken: boolean }): Store {
  const wrapTx = (tx: StoreTx): StoreTx =>
    new Proxy(tx, {
      get(target, key, receiver) {
        const v = Reflect.get(target, key, receiver);
        if (key !== "commit" || typeof v !== "function")
          return typeof v === "function" ? v.bind(target) : v;
        return (c: Parameters<StoreTx["commit"]>[0]) => {
          if (state.broken && c.intro.id === introId) throw new Error("disk full (test)");
          return v.call(target, c);
        };
      },
    });
  return new Proxy(store, {
    get(target, key, receiver) {
      const v = Reflect.get(target, key, receiver);
      if (key !== "transaction") return typeof v === "function" ? v.bind(target) : v;
      return <T>(fn: (tx: StoreTx) => Promise<T>) => target.transaction((tx) => fn(wrapTx(tx)));
    },
  });
}

describe.each(DB_KINDS)("timer sweep in groups (%s)", (kind) => {
  let db: TestDb;
  let seeded: SeededIntro[];
  beforeEach(async () => {
    db = await openTestDb(kind);
    const seed = buildDueIntros(N, NOW);
    seeded = seed.intros;
    await insertLives(db.store, seed.lives);
  });
  afterEach(() => db.drop());

  // The seeded histories already hold earlier timers; count the firings of the seeded due one.
  async function firedEvents(): Promise<Map<string, number>> {
    const events = await db.store.listEventsOf(seeded.map((s) => s.id));
    const byId = new Map(seeded.map((s) => [s.id, s]));
    return new Map(
      [...events].map(([id, list]) => {
        const s = byId.get(id) as SeededIntro;
        return [id, list.filter((e) => e.type === "timer_fired" && e.seq > s.version).length];
      }),
    );
  }

  it("fires every due timer exactly once, several to a transaction", async () => {
    const r = await sweepTimers(depsFor(db.store), new Date(NOW), { perTransaction: 7 });
    expect(r.fired + r.stale).toBe(N);
    expect(r.fired).toBe(N);
    for (const [, n] of await firedEvents()) expect(n).toBe(1);
    const again = await sweepTimers(depsFor(db.store), new Date(NOW), { perTransaction: 7 });
    expect(again).toEqual({ fired: 0, stale: 0 });
  });

  it("fires several due timers of one intro in one group, each on the state the last left", async () => {
    // A request nobody acted on for a month: its introducer reminders and its expiry are all due.
    const clock = { now: new Date(NOW) };
    const deps = testDeps(db.store, clock);
    const intro = await createIntro(deps, seedRequestInput(), "api");
    // Every commit is watched: a firing on a stale state would fail with CONFLICT, and the
    // group would then be redone one timer at a time, hiding it.
    const failures: unknown[] = [];
    const watching = new Proxy(db.store, {
      get(target, key) {
        const v = Reflect.get(target, key, target);
        if (key !== "transaction") return typeof v === "function" ? v.bind(target) : v;
        return <T>(fn: (tx: StoreTx) => Promise<T>) =>
          target.transaction((tx) =>
            fn(
              new Proxy(tx, {
                get(t, k) {
                  const f = Reflect.get(t, k, t);
                  if (k !== "commit") return typeof f === "function" ? f.bind(t) : f;
                  return (c: Parameters<StoreTx["commit"]>[0]) =>
                    t.commit(c).catch((e: unknown) => {
                      failures.push(e);
                      throw e;
                    });
                },
              }),
            ),
          );
      },
    });
    const later = new Date(NOW + 30 * 86_400_000);
    await sweepTimers({ ...deps, store: watching }, later, { perTransaction: 500 });
    const mine = (await db.store.listEvents(intro.id)).filter((e) => e.type === "timer_fired");
    expect(mine.length).toBeGreaterThanOrEqual(2);
    expect(failures).toEqual([]);
    const seqs = (await db.store.listEvents(intro.id)).map((e) => e.seq);
    expect(seqs).toEqual(seqs.map((_, i) => (seqs[0] ?? 0) + i));
    expect(seqs.at(-1)).toBe((await db.store.getIntro(intro.id))?.version);
  });

  it("a failing timer leaves its group's others fired and itself pending for a later sweep", async () => {
    const bad = seeded[13] as SeededIntro;
    const state = { broken: true };
    const store = failingFor(db.store, bad.id, state);
    await expect(
      sweepTimers(depsFor(store), new Date(NOW), { perTransaction: 10, leaseMs: 1000 }),
    ).rejects.toThrow("disk full (test)");

    const fired = await firedEvents();
    expect(fired.get(bad.id)).toBe(0);
    expect((await db.store.getIntro(bad.id))?.version).toBe(bad.version);
    // Nothing of the failed firing was kept: no email queued for it.
    expect(await db.store.listOutbox({ introId: bad.id })).toHaveLength(0);
    for (const s of seeded) if (s.id !== bad.id) expect(fired.get(s.id)).toBe(1);

    // Once the fault is gone and the lease has run out, the next sweep fires it, once.
    state.broken = false;
    const later = new Date(NOW + 2000);
    const r = await sweepTimers(depsFor(store), later, { perTransaction: 10 });
    expect(r.fired).toBe(1);
    expect((await firedEvents()).get(bad.id)).toBe(1);
  });
});
