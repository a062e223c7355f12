// What each of the store's performance devices pays (issue 17): every figure is the work done
// with the device beside the same work without it, measured in the same run on the same
// database, alternating, as a ratio (device on / off). A device that no longer pays goes.
//  - compiled-once: the hot viewer read (an intro with its history and emails), queries built
//    by Kysely once vs built and compiled on every call;
//  - threads read with the intro (the change's outbox meta cache): committed transitions/s;
//  - pg-prepared-pool (PostgreSQL): transitions/s and hot reads/s, statements prepared once per
//    connection vs pg's unnamed statements;
//  - kept views: readIntro/s of intros read again unchanged, views kept vs rebuilt; and the
//    price of the outbox_rev trigger that makes them safe: outbox state changes/s with it vs
//    without it.

import { sql } from "kysely";
import { createIntro } from "../src/app/create-intro.ts";
import type { AppDeps } from "../src/app/deps.ts";
import { readIntro } from "../src/app/read-intros.ts";
import type { KyselyStore } from "../src/store/kysely-store.ts";
import { openStore } from "../src/store/open-store.ts";
import { opsPerSecond, printFigure } from "./report.ts";
import {
  benchDeps,
  benchLocation,
  personName,
  requestText,
  TARGET_PROFILE,
} from "./support/databases.ts";
import { lifecycle } from "./support/lifecycle.ts";

const ROUNDS = 3;
const READ_MS = 700;
const PER_ROUND = { sqlite: 60, postgres: 20 }; // intros per round and side; 2 transitions each
const KINDS = (process.env.BENCH_KINDS ?? "sqlite,postgres").split(",") as Array<
  "sqlite" | "postgres"
>;

let made = 0;
async function submitted(deps: AppDeps, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let k = 0; k < count; k++) {
    const i = made++;
    const r = { name: personName(3 * i), email: `requester${i % 40}@example.com` };
    const j = { name: personName(3 * i + 1), email: `introducer${i % 15}@example.com` };
    const t = { name: personName(3 * i + 2), email: `target${i}@example.com` };
    const input = {
      requester: r,
      introducer: j,
      target: t,
      requestText: requestText(r.name, j.name, t.name),
      targetProfile: TARGET_PROFILE,
      submit: true,
    };
    ids.push((await createIntro(deps, input, "api")).id);
  }
  return ids;
}

/** `on` and `off` measured in alternating rounds; each a rate (per second) summed over rounds. */
async function alternate(
  on: (round: number) => Promise<{ n: number; ms: number }>,
  off: (round: number) => Promise<{ n: number; ms: number }>,
): Promise<{ on: number; off: number }> {
  const sum = { on: { n: 0, ms: 0 }, off: { n: 0, ms: 0 } };
  for (let r = 0; r < ROUNDS; r++) {
    const order = r % 2 ? (["off", "on"] as const) : (["on", "off"] as const);
    for (const side of order) {
      (globalThis as { gc?: () => void }).gc?.();
      const got = await (side === "on" ? on : off)(r);
      sum[side].n += got.n;
      sum[side].ms += got.ms;
    }
  }
  return { on: (sum.on.n * 1000) / sum.on.ms, off: (sum.off.n * 1000) / sum.off.ms };
}

const timed = async (run: () => Promise<number>) => {
  const t = performance.now();
  const n = await run();
  return { n, ms: performance.now() - t };
};
const rate = async (fn: () => unknown) => ({ n: await opsPerSecond(fn, READ_MS), ms: 1000 });

function figure(name: string, unit: string, r: { on: number; off: number }, without: string) {
  printFigure({ name, value: r.on, unit, baseline: { name: without, value: r.off } });
}

async function devices(kind: "sqlite" | "postgres") {
  const cleanup: (() => unknown)[] = [];
  try {
    const loc = await benchLocation(kind, cleanup);
    const open = (devices: NonNullable<Parameters<typeof openStore>[1]>["devices"] = {}) => {
      const s = openStore(loc, { devices });
      cleanup.unshift(() => s.close());
      return s;
    };
    const store = open();
    await store.migrate();
    const deps = benchDeps(store);
    const perRound = PER_ROUND[kind];

    // Intros to read: introduced (3 events, 3 emails each).
    const readIds = await submitted(deps, 50);
    await lifecycle(deps, readIds);
    let next = 0;
    const hotRead = (s: KyselyStore) => () =>
      s.getIntroWithHistory(readIds[next++ % readIds.length] as string);

    // compiled-once
    const rebuilding = open({ compiledOnce: false });
    await hotRead(rebuilding)();
    figure(
      `hot viewer read/s (${kind}: getIntroWithHistory), compiled once`,
      "reads/s",
      await alternate(
        () => rate(hotRead(store)),
        () => rate(hotRead(rebuilding)),
      ),
      "built and compiled on every call",
    );

    // threads read with the intro, kept for the change (the outbox meta cache)
    const apart = open({ threadsWithIntro: false });
    const apartDeps = { ...deps, store: apart };
    const slices = {
      on: await submitted(deps, perRound * ROUNDS),
      off: await submitted(deps, perRound * ROUNDS),
    };
    const slice = (ids: string[], r: number) => ids.slice(r * perRound, (r + 1) * perRound);
    figure(
      `committed transitions/s (${kind}: applyEvent), threads read with the intro and kept`,
      "tx/s",
      await alternate(
        (r) => timed(() => lifecycle(deps, slice(slices.on, r))),
        (r) => timed(() => lifecycle(apartDeps, slice(slices.off, r))),
      ),
      "each thread read on its own",
    );

    if (kind === "postgres") {
      const unprepared = open({ preparedStatements: false });
      const unpreparedDeps = { ...deps, store: unprepared };
      const pslices = {
        on: await submitted(deps, perRound * ROUNDS),
        off: await submitted(deps, perRound * ROUNDS),
      };
      figure(
        "committed transitions/s (postgres: applyEvent), statements prepared per connection",
        "tx/s",
        await alternate(
          (r) => timed(() => lifecycle(deps, slice(pslices.on, r))),
          (r) => timed(() => lifecycle(unpreparedDeps, slice(pslices.off, r))),
        ),
        "pg's unnamed statements",
      );
      await hotRead(unprepared)();
      figure(
        "hot viewer read/s (postgres: getIntroWithHistory), statements prepared per connection",
        "reads/s",
        await alternate(
          () => rate(hotRead(store)),
          () => rate(hotRead(unprepared)),
        ),
        "pg's unnamed statements",
      );
    }

    // kept views: each intro read again while unchanged
    const keeping = deps;
    const rebuilt = { ...deps, keptViews: 0 };
    const view = (d: AppDeps) => () =>
      readIntro(d, readIds[next++ % readIds.length] as string, { operator: true });
    for (const id of readIds) await readIntro(keeping, id, { operator: true });
    figure(
      `readIntro/s (${kind}: an unchanged intro read again), views kept`,
      "reads/s",
      await alternate(
        () => rate(view(keeping)),
        () => rate(view(rebuilt)),
      ),
      "rebuilt on every read",
    );

    // the outbox_rev trigger's price: an email's delivery state changing
    const owner = "bench";
    await store.kysely.updateTable("outbox").set({ lease_owner: owner }).execute();
    const outboxIds = (await store.listOutbox({})).map((m) => m.id);
    let k = 0;
    const retry = () =>
      store.markOutboxRetry(outboxIds[k % outboxIds.length] as string, owner, 0, `retry ${k++}`);
    const definition =
      kind === "postgres"
        ? (
            await sql<{
              d: string;
            }>`select pg_get_triggerdef(oid) as d from pg_trigger where tgname = 'outbox_rev'`.execute(
              store.kysely,
            )
          ).rows[0]?.d
        : (
            await sql<{
              d: string;
            }>`select sql as d from sqlite_master where type = 'trigger' and name = 'outbox_rev'`.execute(
              store.kysely,
            )
          ).rows[0]?.d;
    if (!definition) throw new Error("no outbox_rev trigger");
    const dropOn = kind === "postgres" ? sql` on outbox` : sql``;
    figure(
      `outbox state changes/s (${kind}: markOutboxRetry), with the outbox_rev trigger`,
      "updates/s",
      await alternate(
        () => rate(retry),
        async () => {
          await sql`drop trigger outbox_rev${dropOn}`.execute(store.kysely);
          try {
            return await rate(retry);
          } finally {
            await sql.raw(definition).execute(store.kysely);
          }
        },
      ),
      "without it",
    );
  } finally {
    for (const c of cleanup) await c();
  }
}

for (const kind of KINDS) await devices(kind);
