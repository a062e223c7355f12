// The store's performance devices change how fast it answers, never what: the same lifecycle
// through a store with every device off reads back the same intro, history and threading.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyEvent } from "../src/app/apply-event.ts";
import { createIntro } from "../src/app/create-intro.ts";
import type { KyselyStore } from "../src/store/kysely-store.ts";
import { openStore } from "../src/store/open-store.ts";
import { testDeps } from "./support/app.ts";
import { DB_KINDS, openTestDb, type TestDb } from "./support/databases.ts";
import { CLICK, seedRequestInput } from "./support/intros.ts";

for (const kind of DB_KINDS) {
  describe(`the store with every device off on ${kind}`, () => {
    let db: TestDb;
    let plain: KyselyStore;
    beforeAll(async () => {
      db = await openTestDb(kind);
      plain = openStore(
        { databaseUrl: db.databaseUrl, dataDir: db.dataDir },
        { devices: { compiledOnce: false, threadsWithIntro: false, preparedStatements: false } },
      );
    });
    afterAll(async () => {
      await plain?.close();
      await db?.drop();
    });

    it("writes and reads what the store with its devices writes and reads", async () => {
      const lives = [];
      for (const [i, store] of [db.store, plain].entries()) {
        const deps = { ...testDeps(store), keptViews: 0 };
        const intro = await createIntro(
          deps,
          seedRequestInput({ requester: `alice${i}@example.com` }),
          "api",
        );
        await applyEvent(
          deps,
          intro.id,
          { type: "forward_for_consent", actor: "introducer" },
          "api",
        );
        await applyEvent(
          deps,
          intro.id,
          { type: "accept", actor: "target", evidence: CLICK },
          "api",
        );
        lives.push(intro.id);
      }
      const shape = async (store: KyselyStore, id: string) => {
        const h = await store.getIntroWithHistory(id);
        const outbox = await store.listOutbox({ introId: id });
        const byId = new Map(outbox.map((m) => [m.messageId, m.template]));
        return {
          status: h?.intro.status,
          events: h?.events.map((e) => [e.seq, e.type]),
          emails: h?.emails.map((m) => [m.template, m.status]),
          // Each email threads on the same earlier email, whichever store wrote it.
          threads: outbox.map((m) => [m.template, m.inReplyTo ? byId.get(m.inReplyTo) : null]),
        };
      };
      const [a, b] = lives as [string, string];
      expect(await shape(plain, a)).toEqual(await shape(db.store, a));
      expect(await shape(db.store, b)).toEqual(await shape(db.store, a));
      expect((await shape(db.store, a)).threads).toEqual([
        ["request_to_introducer", null],
        ["consent_request", null],
        ["introduction", "request_to_introducer"],
      ]);
    });
  });
}
