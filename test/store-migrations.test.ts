// Upgrading a database that already holds intros: each migration keeps every row it moves.
import { createHash } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Migrator, sql } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import { applyEvent } from "../src/app/apply-event.ts";
import { createIntro } from "../src/app/create-intro.ts";
import { readIntro } from "../src/app/read-intros.ts";
import { DEFAULT_TIMER_POLICY, timerKey, timersFor } from "../src/domain/timers.ts";
import { timerRowId } from "../src/store/commit-intro.ts";
import type { KyselyStore } from "../src/store/kysely-store.ts";
import { migrationProvider } from "../src/store/migrations.ts";
import { openStore } from "../src/store/open-store.ts";
import { createPgDatabase, DB_KINDS } from "./support/databases.ts";
import { CLICK, seedRequestInput } from "./support/intros.ts";

const cleanup: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

const TABLES = ["people", "intros", "intro_events", "outbox", "action_tokens", "timers"] as const;

/**
 * Rows as an older version of the app wrote them: `fill` runs today's app on an up-to-date
 * database, and its rows are copied into `old` with only the columns `old` has yet.
 */
async function rowsWrittenBefore(
  kind: "sqlite" | "postgres",
  old: KyselyStore,
  fill: (store: KyselyStore) => Promise<void>,
): Promise<void> {
  const now = await storeAt(kind, null);
  await fill(now);
  const tables = await old.kysely.introspection.getTables();
  for (const table of TABLES) {
    const columns = new Set(tables.find((t) => t.name === table)?.columns.map((c) => c.name) ?? []);
    const rows = await now.kysely.selectFrom(table).selectAll().execute();
    for (const row of rows) {
      const kept = Object.fromEntries(Object.entries(row).filter(([c]) => columns.has(c)));
      await old.kysely.insertInto(table).values(kept).execute();
    }
  }
}

/** A fresh database migrated up to `migration` (null: all of them). */
async function storeAt(
  kind: "sqlite" | "postgres",
  migration: string | null,
): Promise<KyselyStore> {
  const dataDir = mkdtempSync(join(tmpdir(), "vouch-migrate-"));
  cleanup.push(() => rmSync(dataDir, { recursive: true, force: true }));
  let databaseUrl: string | undefined;
  if (kind === "postgres") {
    const db = await createPgDatabase();
    cleanup.push(db.drop);
    databaseUrl = db.url;
  }
  const store = openStore({ databaseUrl, dataDir });
  cleanup.push(() => store.close());
  if (migration === null) {
    await store.migrate();
    return store;
  }
  const migrator = new Migrator({ db: store.kysely, provider: migrationProvider });
  const { error } = await migrator.migrateTo(migration);
  if (error) throw error;
  return store;
}

function depsOf(store: KyselyStore) {
  return {
    store,
    secret: "s",
    mailDomain: "vouch.localhost",
    publicUrl: "http://127.0.0.1:3000",
    timerPolicy: DEFAULT_TIMER_POLICY,
    now: () => new Date("2026-12-01T10:00:00Z"),
  };
}

/** The seed's intro, lived up to the introduction. */
async function introduced(store: KyselyStore) {
  const deps = depsOf(store);
  const intro = await createIntro(deps, seedRequestInput(), "api");
  await applyEvent(deps, intro.id, { type: "forward_for_consent", actor: "introducer" }, "api");
  await applyEvent(deps, intro.id, { type: "accept", actor: "target", evidence: CLICK }, "api");
  return intro;
}

for (const kind of DB_KINDS) {
  describe(`upgrading ${kind}`, () => {
    it("0008 and 0009 keep every outbox row (body last), and the intro reads the same", async () => {
      const store = await storeAt(kind, "0007_drop_unneeded_indexes");
      const deps = depsOf(store);
      let intro = { id: "" };
      await rowsWrittenBefore(kind, store, async (s) => {
        intro = await introduced(s);
      });
      const reads = async (id: string) => ({
        intro: await store.getIntro(id),
        events: await store.listEvents(id),
      });
      const columns = () =>
        store.kysely
          .selectFrom("outbox")
          .selectAll()
          .orderBy("id")
          .execute()
          .then((rows) => rows.map((r) => ({ ...r, attempts: Number(r.attempts) })));
      const before = {
        rows: await columns(),
        outbox: await store.listOutbox({ introId: intro.id }),
        reads: await reads(intro.id),
      };
      expect(before.outbox.map((m) => m.template)).toEqual([
        "request_to_introducer",
        "consent_request",
        "introduction",
      ]);

      expect(await store.migrate()).toEqual([
        "0008_outbox_body_last",
        "0009_outbox_revision",
        "0010_inbound_checks",
        "0011_contacts",
        "0011_intro_list_indexes",
        "0012_intro_asked_at",
        "0012_spent_tokens",
        "0013_clustered_events_and_timers",
      ]);

      expect(await columns()).toEqual(before.rows);
      expect(await store.listOutbox({ introId: intro.id })).toEqual(before.outbox);
      expect(await reads(intro.id)).toEqual(before.reads);
      const view = await readIntro(deps, intro.id, { operator: true });
      expect(view.emails.map((m) => m.template)).toEqual(before.outbox.map((m) => m.template));
      // The message-id stays unique and the indexes are back.
      const dup = before.outbox[0] as (typeof before.outbox)[0];
      await expect(
        store.enqueue([{ ...dup, id: "another-id", headers: {} }], deps.now()),
      ).rejects.toThrow();
      if (kind === "sqlite") {
        const { rows: cols } = await sql<{
          name: string;
        }>`select name from pragma_table_info('outbox')`.execute(store.kysely);
        expect(cols.at(-1)?.name).toBe("payload");
        const { rows: idx } = await sql<{
          name: string;
        }>`select name from pragma_index_list('outbox') where origin = 'c'`.execute(store.kysely);
        expect(idx.map((i) => i.name).sort()).toEqual([
          "outbox_due_idx",
          "outbox_intro_thread_idx",
        ]);
        const { rows: fk } = await sql<{
          table: string;
        }>`select "table" from pragma_foreign_key_list('outbox')`.execute(store.kysely);
        expect(fk.map((f) => f.table)).toEqual(["intros"]);
      }
    });

    it("0012 copies when each target was asked out of the intros, so they are counted", async () => {
      const store = await storeAt(kind, "0010_inbound_checks");
      let asked = "";
      await rowsWrittenBefore(kind, store, async (s) => {
        asked = (await s.getIntro((await introduced(s)).id))?.askedTargetAt ?? "";
        // A request not yet asked is not an ask.
        await createIntro(depsOf(s), seedRequestInput({ requester: "bob@example.com" }), "api");
      });
      expect(asked).not.toBe("");
      expect(await store.migrate()).toEqual([
        "0011_contacts",
        "0011_intro_list_indexes",
        "0012_intro_asked_at",
        "0012_spent_tokens",
        "0013_clustered_events_and_timers",
      ]);
      const counts = await store.countAsks({ targets: ["maya@example.com"], since: asked });
      expect(counts.get("maya@example.com")).toBe(1);
    });
  });
  describe(`upgrading ${kind} to clustered events and timers`, () => {
    it("0013 keeps every event and timer, with the ids the code now gives them", async () => {
      const store = await storeAt(kind, "0010_inbound_checks");
      const deps = depsOf(store);
      let intro = { id: "" };
      await rowsWrittenBefore(kind, store, async (s) => {
        intro = await createIntro(depsOf(s), seedRequestInput(), "api");
        const forward = { type: "forward_for_consent", actor: "introducer" } as const;
        await applyEvent(depsOf(s), intro.id, forward, "api");
      });
      // Timer ids as the code before 0013 made them: 24 characters of a hash, no intro prefix.
      const asked = await store.getIntro(intro.id);
      if (!asked) throw new Error("no intro");
      const wanted = timersFor(asked, DEFAULT_TIMER_POLICY);
      expect(wanted.length).toBeGreaterThan(0);
      for (const t of wanted) {
        const old = createHash("sha256")
          .update(`${intro.id}\n${timerKey(t)}`)
          .digest("base64url")
          .slice(0, 24);
        await store.kysely
          .updateTable("timers")
          .set({ id: old })
          .where("id", "=", timerRowId(intro.id, t))
          .execute();
      }
      const timers = () =>
        store.kysely
          .selectFrom("timers")
          .select(["id", "name", "n", "due_at", "status"])
          .where("intro_id", "=", intro.id)
          .orderBy("due_at")
          .execute()
          .then((rows) => rows.map((r) => ({ ...r, n: Number(r.n), due_at: Number(r.due_at) })));
      const before = { events: await store.listEvents(intro.id), timers: await timers() };

      expect(await store.migrate()).toEqual([
        "0011_contacts",
        "0011_intro_list_indexes",
        "0012_intro_asked_at",
        "0012_spent_tokens",
        "0013_clustered_events_and_timers",
      ]);

      expect(await store.listEvents(intro.id)).toEqual(before.events);
      const after = await timers();
      expect(after.map(({ id: _, ...t }) => t)).toEqual(before.timers.map(({ id: _, ...t }) => t));
      expect(after.map((t) => t.id).sort()).toEqual(
        wanted.map((t) => timerRowId(intro.id, t)).sort(),
      );
      // The next change replaces them without leaving a stray row behind.
      await applyEvent(deps, intro.id, { type: "accept", actor: "target", evidence: CLICK }, "api");
      const now = await store.getIntro(intro.id);
      if (!now) throw new Error("no intro");
      const pending = (await timers()).filter((t) => t.status === "pending").map((t) => t.id);
      expect(pending.sort()).toEqual(
        timersFor(now, DEFAULT_TIMER_POLICY)
          .map((t) => timerRowId(intro.id, t))
          .sort(),
      );
    });
  });
}
