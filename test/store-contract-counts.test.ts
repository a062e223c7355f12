// The store's counts, made by the database (COUNT / GROUP BY) rather than by loading intros to
// count them in JS: one contract, checked on SQLite and on PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newIntro } from "../src/domain/intro.ts";
import type { Intro } from "../src/domain/types.ts";
import { DB_KINDS, openTestDb, type TestDb } from "./support/databases.ts";

const T0 = new Date("2026-12-01T10:00:00.000Z");
const DAY = 86_400_000;
const daysAgo = (d: number) => new Date(T0.getTime() - d * DAY).toISOString();
let n = 0;

interface Shape {
  requester?: string;
  introducer?: string;
  introducerName?: string;
  target?: string | null;
  targetName?: string;
  status?: Intro["status"];
  asked?: string | null;
  consent?: boolean;
  outcome?: { rating: "great" | "fine" | "did_not_happen"; thanked: boolean } | null;
  targetOutcome?: boolean;
  createdAt?: string;
}

/** Stores an intro in the given shape, as the store sees it (the store checks no lifecycle). */
async function stored(db: TestDb, s: Shape): Promise<Intro> {
  n++;
  const created = s.createdAt ?? new Date(T0.getTime() - 1000 * (1000 - n)).toISOString();
  const base = newIntro(
    {
      requester: { name: "Alice", email: s.requester ?? `alice${n}@example.com` },
      introducer: {
        name: s.introducerName ?? "Jane",
        email: s.introducer ?? `jane${n}@example.com`,
      },
      target: {
        name: s.targetName ?? "Maya",
        email: s.target === undefined ? "maya@example.com" : s.target,
      },
      requestText: "Hey Maya, …",
    },
    {
      id: `count_${n}_${Math.random().toString(36).slice(2)}`,
      threadToken: `ct_${n}_${Math.random()}`,
    },
    new Date(created),
  );
  const intro: Intro = {
    ...base,
    status: s.status ?? "requested",
    askedTargetAt: s.asked ?? null,
    consent: s.consent ? { at: created, via: "click" } : null,
    outcome: s.outcome ? { ...s.outcome, note: null, at: created } : null,
    targetOutcome: s.targetOutcome ? { rating: "great", note: null, at: created } : null,
  };
  return db.store.commit({
    intro,
    isNew: true,
    event: { type: "create", actor: "requester", channel: "api", at: created, data: {} },
    outbox: [],
    timers: [],
  });
}

/** An intro through `introducer` whose target was asked `days` ago. */
function askedBy(
  db: TestDb,
  target: string,
  introducer: string,
  days: number,
  status: Intro["status"],
) {
  return stored(db, { target, introducer, asked: daysAgo(days), status });
}

for (const kind of DB_KINDS) {
  describe(`Store counts on ${kind}`, () => {
    let db: TestDb;
    beforeAll(async () => {
      db = await openTestDb(kind);
    });
    afterAll(async () => {
      await db?.drop();
    });

    it("counts the asks each target received since a time, across introducers", async () => {
      const maya = "maya.asks@example.com";
      const omar = "omar.asks@example.com";
      const asked = [
        await askedBy(db, maya, "bob@example.com", 2, "consent_requested"),
        await askedBy(db, maya, "carol@example.com", 29, "target_declined"),
        await askedBy(db, maya, "bob@example.com", 31, "introduced"),
        await stored(db, { target: omar, asked: daysAgo(1), status: "consent_requested" }),
      ];
      // Not asked (yet): a request waiting on its introducer, and a draft.
      await stored(db, { target: maya, status: "requested" });
      await stored(db, { target: maya, status: "draft" });
      const since = daysAgo(30);
      const counts = await db.store.countAsks({
        targets: [maya, omar, "nobody@example.com"],
        since,
      });
      expect(counts.get(maya)).toBe(2);
      expect(counts.get(omar)).toBe(1);
      expect(counts.get("nobody@example.com") ?? 0).toBe(0);
      // The intro being asked now is left out; addresses match whatever their case.
      const except = await db.store.countAsks({
        targets: ["Maya.Asks@Example.com"],
        since,
        except: asked[0]?.id,
      });
      expect(except.get(maya)).toBe(1);
      expect((await db.store.countAsks({ targets: [], since })).size).toBe(0);
      // Inside a transaction too (the budget is counted with the target held).
      const inTx = await db.store.transaction((tx) => tx.countAsks({ targets: [maya], since }));
      expect(inTx.get(maya)).toBe(2);
    });

    it("tells who asked a target since a time: each introducer's name and asks, most first", async () => {
      const lena = "lena.through@example.com";
      const since = daysAgo(30);
      await askedBy(db, lena, "bob.t@example.com", 1, "consent_requested");
      await askedBy(db, lena, "carol.t@example.com", 5, "target_declined");
      await askedBy(db, lena, "bob.t@example.com", 9, "introduced");
      await askedBy(db, lena, "dan.t@example.com", 40, "introduced");
      await stored(db, { target: lena, introducer: "erin.t@example.com", status: "requested" });
      // Each introducer's name is the one they are known by (people), not what a requester typed.
      await db.store.upsertPerson({ name: "Bob", email: "bob.t@example.com" }, T0);
      await db.store.upsertPerson({ name: "Carol", email: "carol.t@example.com" }, T0);
      expect(await db.store.asksThrough("Lena.Through@example.com", since)).toEqual([
        { email: "bob.t@example.com", name: "Bob", asks: 2 },
        { email: "carol.t@example.com", name: "Carol", asks: 1 },
      ]);
      expect(await db.store.asksThrough("nobody@example.com", since)).toEqual([]);
    });

    it("finds a requester's open requests to an address they gave themselves", async () => {
      const ann = "ann.open@example.com";
      const to = "tara.open@example.com";
      const open = await stored(db, {
        requester: ann,
        target: to,
        introducerName: "Jane",
        status: "requested",
      });
      await stored(db, {
        requester: ann,
        target: to,
        introducerName: "Omar",
        status: "consent_requested",
        asked: daysAgo(1),
      });
      // Closed, a draft, someone else's, another target: none of these.
      await stored(db, { requester: ann, target: to, status: "target_declined" });
      await stored(db, { requester: ann, target: to, status: "draft" });
      await stored(db, { requester: "someone@example.com", target: to, status: "requested" });
      await stored(db, { requester: ann, target: "other@example.com", status: "requested" });
      // An address the introducer gave (hidden from the requester until consent) is never matched.
      const hidden = await stored(db, { requester: ann, target: null, status: "requested" });
      await db.store.commit({
        intro: {
          ...hidden,
          target: { ...hidden.target, email: to },
          targetEmailFromRequester: false,
        },
        isNew: false,
        event: {
          type: "edit",
          actor: "introducer",
          channel: "api",
          at: T0.toISOString(),
          data: {},
        },
        outbox: [],
        timers: [],
      });
      const found = await db.store.openRequestsTo(ann, "Tara.Open@example.com");
      expect(found).toEqual([
        { id: expect.any(String), introducer: "Omar", status: "consent_requested" },
        { id: open.id, introducer: "Jane", status: "requested" },
      ]);
    });

    it("counts a requester's record over every intro they sent, past any page size", async () => {
      const alice = "alice.record@example.com";
      for (let i = 0; i < 103; i++) await stored(db, { requester: alice, status: "requested" });
      await stored(db, {
        requester: alice,
        status: "completed",
        outcome: { rating: "great", thanked: true },
      });
      await stored(db, {
        requester: alice,
        status: "completed",
        outcome: { rating: "fine", thanked: false },
      });
      await stored(db, { requester: alice, status: "stalled" });
      await stored(db, { requester: alice, status: "withdrawn" });
      await stored(db, { requester: alice, status: "draft" });
      expect(await db.store.requesterRecord(alice)).toEqual({
        total: 107,
        completed: 2,
        thanked: 1,
        stalled: 1,
        withdrawn: 1,
      });
      expect(await db.store.requesterRecord("nobody@example.com")).toEqual({
        total: 0,
        completed: 0,
        thanked: 0,
        stalled: 0,
        withdrawn: 0,
      });
    });

    it("counts an introducer's funnel and the intros they made, leaving drafts out", async () => {
      const jane = "jane.funnel@example.com";
      const at = daysAgo(3);
      await stored(db, { introducer: jane, status: "draft" });
      await stored(db, { introducer: jane, status: "requested" });
      await stored(db, { introducer: jane, status: "target_declined", asked: at });
      await stored(db, { introducer: jane, status: "introduced", asked: at, consent: true });
      await stored(db, {
        introducer: jane,
        status: "completed",
        asked: at,
        consent: true,
        outcome: { rating: "great", thanked: true },
        targetOutcome: true,
      });
      await stored(db, {
        introducer: jane,
        status: "completed",
        asked: at,
        consent: true,
        outcome: { rating: "did_not_happen", thanked: false },
      });
      await stored(db, { introducer: jane, status: "met", asked: at, consent: true });
      expect(await db.store.introducerCounts(jane)).toEqual({
        funnel: { requested: 6, asked: 5, accepted: 4, introduced: 4, met: 3, thanked: 1 },
        made: { total: 4, reported: 2, great: 1, fine: 0, didNotHappen: 1, targetTold: 1 },
      });
      // The intros made are also listed, page by page, newest first.
      const made = await db.store.listIntros({
        email: jane,
        role: "introducer",
        made: true,
        limit: 3,
      });
      expect(made.map((i) => i.status)).toEqual(["met", "completed", "completed"]);
      const rest = await db.store.listIntros({
        email: jane,
        role: "introducer",
        made: true,
        offset: 3,
      });
      expect(rest.map((i) => i.status)).toEqual(["introduced"]);
    });

    it("tallies each target an introducer asked: asked by them and said yes", async () => {
      const jane = "jane.targets@example.com";
      const at = daysAgo(3);
      await stored(db, {
        introducer: jane,
        target: "t1@example.com",
        targetName: "Tia",
        asked: at,
        consent: true,
        status: "introduced",
      });
      await stored(db, {
        introducer: jane,
        target: "t1@example.com",
        targetName: "Tia",
        asked: at,
        status: "target_declined",
      });
      await stored(db, {
        introducer: jane,
        target: "t2@example.com",
        targetName: "Tom",
        status: "requested",
      });
      await stored(db, { introducer: jane, target: null, targetName: "Una", status: "requested" });
      await stored(db, {
        introducer: jane,
        target: "t3@example.com",
        targetName: "Tess",
        status: "draft",
      });
      const tally = await db.store.introducerTargets(jane);
      expect(tally).toEqual([
        { name: "Una", email: null, asked: 0, yes: 0 },
        { name: "Tom", email: "t2@example.com", asked: 0, yes: 0 },
        { name: "Tia", email: "t1@example.com", asked: 2, yes: 1 },
      ]);
    });
  });
}
