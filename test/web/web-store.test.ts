// The web app's store (sessions, sign-in links, rate limits) on every database.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { KyselyWebStore, type WebStore } from "../../src/store/web-store.ts";
import { DB_KINDS, openTestDb, type TestDb } from "../support/databases.ts";

const T0 = new Date("2026-12-01T10:00:00.000Z");

for (const kind of DB_KINDS) {
  describe(`WebStore on ${kind}`, () => {
    let db: TestDb;
    let web: WebStore;
    beforeAll(async () => {
      db = await openTestDb(kind);
      web = new KyselyWebStore(db.store.kysely);
    });
    afterAll(async () => {
      await db?.drop();
    });

    it("keeps sessions until they expire or end", async () => {
      await web.createSession({
        hash: "s1",
        email: "a@example.com",
        csrf: "c1",
        expiresAt: T0.getTime() + 1000,
        at: T0,
      });
      expect(await web.findSession("s1", T0.getTime())).toEqual({
        email: "a@example.com",
        csrf: "c1",
        expiresAt: T0.getTime() + 1000,
      });
      expect(await web.findSession("s1", T0.getTime() + 1000)).toBeNull();
      await web.deleteSession("s1");
      expect(await web.findSession("s1", T0.getTime())).toBeNull();
    });

    it("spends a sign-in link once, even when two clicks race", async () => {
      await web.insertMagicLink({
        hash: "m1",
        email: "a@example.com",
        expiresAt: T0.getTime() + 1000,
        at: T0,
      });
      const both = await Promise.all([web.useMagicLink("m1", T0), web.useMagicLink("m1", T0)]);
      expect(both.filter((r) => "email" in r)).toHaveLength(1);
      expect(await web.useMagicLink("m1", T0)).toEqual({ problem: "used" });
      await web.insertMagicLink({
        hash: "m2",
        email: "a@example.com",
        expiresAt: T0.getTime(),
        at: T0,
      });
      expect(await web.useMagicLink("m2", T0)).toEqual({ problem: "expired" });
      expect(await web.useMagicLink("nope", T0)).toEqual({ problem: "unknown" });
    });

    it("counts attempts in fixed windows", async () => {
      const t = T0.getTime();
      expect([
        await web.hit("k", 1000, t),
        await web.hit("k", 1000, t + 10),
        await web.hit("k", 1000, t + 999),
      ]).toEqual([1, 2, 3]);
      expect(await web.hit("k", 1000, t + 1000)).toBe(1);
    });

    it("counts every one of many attempts made at once", async () => {
      const t = T0.getTime();
      const counts = await Promise.all(
        Array.from({ length: 20 }, () => web.hit("burst", 60_000, t)),
      );
      // Each attempt got its own count: none was lost to another made at the same moment.
      expect([...counts].sort((a, b) => a - b)).toEqual(
        Array.from({ length: 20 }, (_, i) => i + 1),
      );
    });
  });
}
