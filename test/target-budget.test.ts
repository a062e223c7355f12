// The target across introducers: however many introducers there are, one person is asked at
// most the deployment's budget of times in 30 days (VOUCH_TARGET_ASKS_PER_30_DAYS), on top of
// the maximum they set themselves. The budget is counted with the target held, so introducers
// asking at the same moment cannot all slip under it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyEvent } from "../src/app/apply-event.ts";
import { createIntro } from "../src/app/create-intro.ts";
import type { AppDeps } from "../src/app/deps.ts";
import type { Intro, IntroEvent } from "../src/domain/types.ts";
import { testDeps } from "./support/app.ts";
import { DB_KINDS, openTestDb, type TestDb } from "./support/databases.ts";
import { seedRequestInput } from "./support/intros.ts";

const FORWARD: IntroEvent = { type: "forward_for_consent", actor: "introducer" };
const DAY = 86_400_000;
let n = 0;

for (const kind of DB_KINDS) {
  describe(`the deployment's budget of asks to one target on ${kind}`, () => {
    let db: TestDb;
    const clock = { now: new Date("2026-12-01T10:00:00.000Z") };
    const withBudget = (budget: number): AppDeps => ({
      ...testDeps(db.store, clock),
      targetAsksPer30Days: budget,
    });
    beforeAll(async () => {
      db = await openTestDb(kind);
    });
    afterAll(() => db?.drop());

    /** A request to `target` through a new introducer, submitted. */
    async function requestTo(target: string): Promise<Intro> {
      n++;
      const emails = { requester: `r${n}@example.com`, introducer: `j${n}@example.com`, target };
      return createIntro(testDeps(db.store, clock), seedRequestInput(emails), "api");
    }

    it("lets three introducers ask one person in 30 days and holds the fourth back, sending nothing", async () => {
      const deps = withBudget(3);
      const target = `budget${++n}@example.com`;
      for (let i = 0; i < 3; i++) {
        const r = await applyEvent(deps, (await requestTo(target)).id, FORWARD, "api");
        expect(r.intro.status).toBe("consent_requested");
      }
      const fourth = await requestTo(target);
      const outbox = (await db.store.listOutbox({ introId: fourth.id })).length;
      await expect(applyEvent(deps, fourth.id, FORWARD, "api")).rejects.toMatchObject({
        code: "TARGET_UNAVAILABLE",
        details: { reason: "deployment_budget", max: 3, asked: 3 },
        message: expect.stringContaining("Maya has been asked 3 times in the last 30 days"),
      });
      expect((await db.store.getIntro(fourth.id))?.status).toBe("requested");
      expect((await db.store.listOutbox({ introId: fourth.id })).length).toBe(outbox);
      // 30 days after the first asks, there is room again.
      const later = { ...deps, now: () => new Date(clock.now.getTime() + 31 * DAY) };
      expect((await applyEvent(later, fourth.id, FORWARD, "api")).intro.status).toBe(
        "consent_requested",
      );
    });

    it("applies no budget at 0, and the target's own lower maximum first", async () => {
      const target = `own${++n}@example.com`;
      const off = withBudget(0);
      for (let i = 0; i < 4; i++)
        await applyEvent(off, (await requestTo(target)).id, FORWARD, "api");
      await db.store.updatePrefs(target, { monthlyMax: 2 }, clock.now);
      await expect(
        applyEvent(withBudget(10), (await requestTo(target)).id, FORWARD, "api"),
      ).rejects.toMatchObject({ details: { reason: "monthly_max", max: 2, asked: 4 } });
      // A maximum of their own above the budget does not lift it.
      await db.store.updatePrefs(target, { monthlyMax: 20 }, clock.now);
      await expect(
        applyEvent(withBudget(4), (await requestTo(target)).id, FORWARD, "api"),
      ).rejects.toMatchObject({ details: { reason: "deployment_budget", max: 4, asked: 4 } });
    });

    it("keeps the budget when several introducers ask the same person at the same moment", async () => {
      const deps = withBudget(2);
      const target = `rush${++n}@example.com`;
      const intros: Intro[] = [];
      for (let i = 0; i < 6; i++) intros.push(await requestTo(target));
      const results = await Promise.allSettled(
        intros.map((i) => applyEvent(deps, i.id, FORWARD, "api")),
      );
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(2);
      for (const r of results) {
        if (r.status === "rejected")
          expect(r.reason).toMatchObject({ details: { reason: "deployment_budget" } });
      }
      const since = new Date(clock.now.getTime() - 30 * DAY).toISOString();
      expect((await db.store.countAsks({ targets: [target], since })).get(target)).toBe(2);
    });
  });
}
