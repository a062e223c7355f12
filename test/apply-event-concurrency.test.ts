// Concurrent changes to one intro: each applies once, on a state that was current when it
// committed, whether the change held a lock (SQLite, and any change with a write of its own) or
// relied on the commit's version check (PostgreSQL's store.changeIntro).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyEvent } from "../src/app/apply-event.ts";
import { createIntro } from "../src/app/create-intro.ts";
import type { AppDeps } from "../src/app/deps.ts";
import type { IntroEvent } from "../src/domain/types.ts";
import { testDeps } from "./support/app.ts";
import { DB_KINDS, openTestDb, type TestDb } from "./support/databases.ts";
import { seedRequestInput } from "./support/intros.ts";

const FORWARD: IntroEvent = { type: "forward_for_consent", actor: "introducer" };
const ACCEPT: IntroEvent = {
  type: "accept",
  actor: "target",
  evidence: { via: "api", confidence: 1, authenticated: true },
};
let n = 0;

for (const kind of DB_KINDS) {
  describe(`concurrent changes to one intro on ${kind}`, () => {
    let db: TestDb;
    let deps: AppDeps;
    beforeAll(async () => {
      db = await openTestDb(kind);
      deps = testDeps(db.store);
    });
    afterAll(() => db?.drop());

    async function submitted() {
      n++;
      const emails = { requester: `alice${n}@example.com`, introducer: `jane${n}@example.com` };
      return createIntro(
        deps,
        seedRequestInput({ ...emails, target: `maya${n}@example.com` }),
        "api",
      );
    }

    it("applies the same event sent six times at once exactly once", async () => {
      const intro = await submitted();
      const results = await Promise.allSettled(
        Array.from({ length: 6 }, () => applyEvent(deps, intro.id, FORWARD, "api")),
      );
      const changed = results.filter((r) => r.status === "fulfilled" && r.value.changed);
      expect(changed).toHaveLength(1);
      // The others saw the new state: unchanged, or refused as no longer valid; never CONFLICT.
      for (const r of results) {
        if (r.status === "rejected") expect(r.reason).toMatchObject({ code: "INVALID_TRANSITION" });
      }
      const events = await db.store.listEvents(intro.id);
      expect(events.filter((e) => e.type === "forward_for_consent")).toHaveLength(1);
      const outbox = await db.store.listOutbox({ introId: intro.id });
      expect(outbox.filter((m) => m.template === "consent_request")).toHaveLength(1);
    });

    it("keeps a target's monthly maximum when several introducers ask at the same moment", async () => {
      const target = `busy${++n}@example.com`;
      await db.store.updatePrefs(target, { monthlyMax: 2 }, new Date());
      const intros = [];
      for (let i = 0; i < 6; i++) {
        n++;
        const emails = { requester: `r${n}@example.com`, introducer: `j${n}@example.com`, target };
        intros.push(await createIntro(deps, seedRequestInput(emails), "api"));
      }
      const results = await Promise.allSettled(
        intros.map((i) => applyEvent(deps, i.id, FORWARD, "api")),
      );
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(2);
      for (const r of results) {
        if (r.status === "rejected") expect(r.reason).toMatchObject({ code: "TARGET_UNAVAILABLE" });
      }
    });

    it("chooses before reading: asking a target is one held transaction, a plain event a change", async () => {
      const calls: string[] = [];
      const watched = new Proxy(db.store, {
        get(target, key) {
          const v = Reflect.get(target, key, target);
          if (["transaction", "change", "changeIntro"].includes(String(key)))
            calls.push(String(key));
          return typeof v === "function" ? v.bind(target) : v;
        },
      });
      const d = { ...deps, store: watched };
      const target = `limited${++n}@example.com`;
      await db.store.updatePrefs(target, { monthlyMax: 5 }, new Date());
      const intro = await createIntro(
        deps,
        seedRequestInput({
          requester: `a${n}@example.com`,
          introducer: `j${n}@example.com`,
          target,
        }),
        "api",
      );
      expect((await applyEvent(d, intro.id, FORWARD, "api")).changed).toBe(true);
      expect(calls).toEqual(["transaction"]);
      calls.length = 0;
      expect((await applyEvent(d, intro.id, ACCEPT, "api")).changed).toBe(true);
      expect(calls).toEqual(["changeIntro"]);
    });

    it("applies two different events at once one after the other, each on the current state", async () => {
      const intro = await submitted();
      await applyEvent(deps, intro.id, FORWARD, "api");
      const [a, b] = await Promise.all([
        applyEvent(deps, intro.id, ACCEPT, "api").catch((e: unknown) => e),
        applyEvent(deps, intro.id, { type: "withdraw", actor: "requester" }, "api").catch(
          (e: unknown) => e,
        ),
      ]);
      const after = await db.store.getIntro(intro.id);
      const events = await db.store.listEvents(intro.id);
      // The history has no gap and ends at the stored state's version.
      const seqs = events.map((e) => e.seq);
      expect(seqs).toEqual(seqs.map((_, i) => (seqs[0] ?? 0) + i));
      expect(seqs.at(-1)).toBe(after?.version);
      // Each call either applied (and its event is in the history, once) or was refused because
      // the state the other left did not allow it; a lost update or a CONFLICT would show here.
      const tail = events.slice(2).map((e) => e.type);
      const outcomes = [
        ["accept", a],
        ["withdraw", b],
      ] as const;
      const applied = outcomes.filter(([, r]) => (r as { changed?: boolean }).changed);
      expect([...tail].sort()).toEqual(applied.map(([t]) => t).sort());
      for (const [, r] of outcomes) {
        if (r instanceof Error) expect(r).toMatchObject({ code: "INVALID_TRANSITION" });
        else expect(r).toMatchObject({ changed: true });
      }
      expect(after?.status).toBe(tail.at(-1) === "withdraw" ? "withdrawn" : "introduced");
    });
  });
}
