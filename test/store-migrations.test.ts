// Upgrading a database that already holds intros: each migration keeps every row it moves.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Migrator, sql } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import { applyEvent } from "../src/app/apply-event.ts";
import { createIntro } from "../src/app/create-intro.ts";
import { readIntro } from "../src/app/read-intros.ts";
import { DEFAULT_TIMER_POLICY } from "../src/domain/timers.ts";
import type { KyselyStore } from "../src/store/kysely-store.ts";
import { migrationProvider } from "../src/store/migrations.ts";
import { openStore } from "../src/store/open-store.ts";
import { createPgDatabase, DB_KINDS } from "./support/databases.ts";
import { CLICK, seedRequestInput } from "./support/intros.ts";

const cleanup: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

async function storeAt(kind: "sqlite" | "postgres", migration: string): Promise<KyselyStore> {
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
  const migrator = new Migrator({ db: store.kysely, provider: migrationProvider });
  const { error } = await migrator.migrateTo(migration);
  if (error) throw error;
  return store;
}

for (const kind of DB_KINDS) {
  describe(`upgrading ${kind}`, () => {
    it("0008 and 0009 keep every outbox row (body last), and the intro reads the same", async () => {
      const store = await storeAt(kind, "0007_drop_unneeded_indexes");
      const deps = {
        store,
        secret: "s",
        mailDomain: "vouch.localhost",
        publicUrl: "http://127.0.0.1:3000",
        timerPolicy: DEFAULT_TIMER_POLICY,
        now: () => new Date("2026-12-01T10:00:00Z"),
      };
      const intro = await createIntro(deps, seedRequestInput(), "api");
      await applyEvent(deps, intro.id, { type: "forward_for_consent", actor: "introducer" }, "api");
      await applyEvent(deps, intro.id, { type: "accept", actor: "target", evidence: CLICK }, "api");
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
        "0011_intro_list_indexes",
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
  });
}
