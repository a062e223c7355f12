// readIntro keeps each viewer's view of an intro while its revision is unchanged. Whatever
// changes what a view shows (an event, an email delivered or failing, by this instance or
// another) must show on the next read, and one viewer's view never reaches another.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyEvent } from "../src/app/apply-event.ts";
import { createIntro } from "../src/app/create-intro.ts";
import { readIntro, readIntroJson } from "../src/app/read-intros.ts";
import { isVouchError } from "../src/domain/errors.ts";
import type { IntroView } from "../src/domain/view.ts";
import type { KyselyStore } from "../src/store/kysely-store.ts";
import { openStore } from "../src/store/open-store.ts";
import { testDeps } from "./support/app.ts";
import { DB_KINDS, openTestDb, type TestDb } from "./support/databases.ts";
import { introducedIntro, seedRequestInput } from "./support/intros.ts";

for (const kind of DB_KINDS) {
  describe(`kept intro views on ${kind}`, () => {
    let db: TestDb;
    // A second instance on the same database: its own store, its own kept views.
    let other: KyselyStore;
    beforeAll(async () => {
      db = await openTestDb(kind);
      other = openStore({ databaseUrl: db.databaseUrl, dataDir: db.dataDir });
    });
    afterAll(async () => {
      await other?.close();
      await db?.drop();
    });

    it("shows an email's delivery on the next read, even when another instance sent it", async () => {
      const deps = testDeps(db.store);
      const intro = await introducedIntro(deps);
      const alice = { email: "alice@example.com" };
      const once = await readIntro(deps, intro.id, alice);
      expect(once.emails.every((m) => m.status === "pending")).toBe(true);
      // Read once, a view is not kept; read again at the same revision, it is.
      const first = await readIntro(deps, intro.id, alice);
      expect(first).not.toBe(once);
      expect(first).toEqual(once);
      expect(await readIntro(deps, intro.id, alice)).toBe(first);

      const now = deps.now().getTime();
      const claimed = await other.claimOutbox({ owner: "b", now, leaseMs: 60_000, limit: 100 });
      const intro1 = claimed.filter((m) => m.introId === intro.id);
      expect(intro1.length).toBe(3);
      // A claim alone changes nothing the view shows, so the view is still kept.
      expect(await readIntro(deps, intro.id, alice)).toBe(first);
      for (const m of intro1) await other.markOutboxSent(m.id, "b", deps.now());
      const sent = await readIntro(deps, intro.id, alice);
      expect(sent.emails.length).toBeGreaterThan(0);
      expect(sent.emails.every((m) => m.status === "sent")).toBe(true);
    });

    it("shows a failed delivery and a new event on the next read", async () => {
      const deps = testDeps(db.store);
      const intro = await introducedIntro(deps, { requester: "ana@example.com" });
      const ana = { email: "ana@example.com" };
      const before = await readIntro(deps, intro.id, ana);
      const now = deps.now().getTime();
      const [m] = (
        await other.claimOutbox({ owner: "b", now, leaseMs: 60_000, limit: 100 })
      ).filter((x) => x.introId === intro.id && x.template === "introduction");
      await other.markOutboxRetry(m!.id, "b", now + 60_000, "421 mailbox busy");
      const retried = await readIntro(deps, intro.id, ana);
      expect(retried.emails.find((e) => e.template === "introduction")?.lastError).toBe(
        "421 mailbox busy",
      );
      await applyEvent(
        { ...deps, store: other },
        intro.id,
        { type: "reply_in_thread", actor: "requester", movedIntroducerToBcc: true },
        "email",
      );
      const after = await readIntro(deps, intro.id, ana);
      expect(after.status).toBe("connected");
      expect(after.events.length).toBe(before.events.length + 1);
    });

    it("keeps each viewer's own view: what the introducer saw never reaches the requester", async () => {
      const deps = testDeps(db.store);
      const created = await createIntro(
        deps,
        seedRequestInput({ requester: "bo@example.com", target: "mia@example.com" }),
        "api",
      );
      await applyEvent(
        deps,
        created.id,
        { type: "forward_for_consent", actor: "introducer" },
        "api",
      );
      await readIntro(deps, created.id, { email: "jane@example.com" });
      const jane = await readIntro(deps, created.id, { email: "jane@example.com" }); // kept
      expect(jane.target.email).toBe("mia@example.com");
      const bo = await readIntro(deps, created.id, { email: "bo@example.com" });
      expect(bo.viewer).toBe("requester");
      expect(bo.target.email).toBeNull(); // not before Maya says yes
      // A stranger learns nothing, even with views of this intro kept for others.
      const stranger = await readIntro(deps, created.id, { email: "eve@example.com" }).catch(
        (e: unknown) => e,
      );
      expect(isVouchError(stranger) && stranger.code).toBe("NOT_FOUND");
    });

    it("serves a kept view's JSON text, which follows the view", async () => {
      const deps = testDeps(db.store);
      const intro = await introducedIntro(deps, { requester: "el@example.com" });
      const el = { email: "el@example.com" };
      for (let i = 0; i < 3; i++) {
        expect(JSON.parse(await readIntroJson(deps, intro.id, el))).toEqual(
          JSON.parse(JSON.stringify(await readIntro(deps, intro.id, el))),
        );
      }
      const now = deps.now().getTime();
      for (const m of await db.store.claimOutbox({ owner: "a", now, leaseMs: 1000, limit: 100 }))
        if (m.introId === intro.id) await db.store.markOutboxSent(m.id, "a", deps.now());
      const sent = JSON.parse(await readIntroJson(deps, intro.id, el)) as IntroView;
      expect(sent.emails.every((m) => m.status === "sent")).toBe(true);
    });

    it("keeps nothing with keptViews 0", async () => {
      const deps = { ...testDeps(db.store), keptViews: 0 };
      const intro = await introducedIntro(deps, { requester: "di@example.com" });
      const a = await readIntro(deps, intro.id, { email: "di@example.com" });
      const b = await readIntro(deps, intro.id, { email: "di@example.com" });
      expect(b).toEqual(a);
      expect(b).not.toBe(a);
    });

    it("hands out kept views nobody can change", async () => {
      const deps = testDeps(db.store);
      const intro = await introducedIntro(deps, { requester: "cy@example.com" });
      await readIntro(deps, intro.id, { email: "cy@example.com" });
      const v = await readIntro(deps, intro.id, { email: "cy@example.com" });
      expect(() => {
        (v as { status: string }).status = "completed";
      }).toThrow(TypeError);
      expect(() => {
        (v.events as unknown[]).pop();
      }).toThrow(TypeError);
      expect((await readIntro(deps, intro.id, { email: "cy@example.com" })).status).toBe(
        "introduced",
      );
    });
  });
}
