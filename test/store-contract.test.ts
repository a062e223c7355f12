// One contract, two databases: every Store behaviour is checked on SQLite and on PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newIntro } from "../src/domain/intro.ts";
import { timersFor } from "../src/domain/timers.ts";
import { transition } from "../src/domain/transition.ts";
import type { Intro } from "../src/domain/types.ts";
import type { Commit, NewOutboxMessage } from "../src/store/store.ts";
import { DB_KINDS, openTestDb, type TestDb } from "./support/databases.ts";

const T0 = new Date("2026-12-01T10:00:00.000Z");
let n = 0;

function makeIntro(over: { requester?: string; introducer?: string; target?: string } = {}): Intro {
  n++;
  return newIntro(
    {
      requester: { name: "Alice", email: over.requester ?? "alice@example.com" },
      introducer: { name: "Jane", email: over.introducer ?? "jane@example.com" },
      target: { name: "Maya", email: over.target ?? "maya@example.com" },
      requestText: "Hey Maya, …",
    },
    {
      id: `intro_${n}_${Math.random().toString(36).slice(2)}`,
      threadToken: `tok_${n}_${Math.random()}`,
    },
    T0,
  );
}

function outboxFor(
  intro: Intro,
  seq: number,
  template = "request_to_introducer",
): NewOutboxMessage {
  return {
    id: `${intro.id}:${seq}:0`,
    introId: intro.id,
    messageId: `<${intro.id}.${seq}.${Math.random()}@vouch.localhost>`,
    template,
    thread: "request",
    from: { name: "Alice via Vouch", email: "intros+x@vouch.localhost" },
    to: [intro.introducer],
    cc: [],
    replyTo: null,
    inReplyTo: null,
    references: [],
    subject: "REQUEST: intro Maya <> Alice",
    text: "Hey Jane",
    html: "<p>Hey Jane</p>",
    headers: {},
    ics: null,
    category: null,
  };
}

/** The requester withdraws `read` (the intro as read, at its version), with one notice. */
function withdrawal(read: Intro, seq: number): Commit {
  return {
    intro: { ...read, status: "withdrawn" },
    isNew: false,
    event: { type: "withdraw", actor: "requester", channel: "api", at: T0.toISOString(), data: {} },
    outbox: [outboxFor(read, seq, "withdrawn_notice")],
    timers: [],
  };
}

/** Creates and submits an intro the way the app does: draft commit, then the submit commit. */
async function createSubmitted(db: TestDb, intro = makeIntro()): Promise<Intro> {
  const created = await db.store.commit({
    intro,
    isNew: true,
    event: { type: "create", actor: "requester", channel: "api", at: T0.toISOString(), data: {} },
    outbox: [],
    timers: [],
  });
  const r = transition(created, { type: "submit", actor: "requester" }, T0);
  return db.store.commit({
    intro: { ...r.intro, version: created.version },
    isNew: false,
    event: { ...r.recorded, channel: "api", at: T0.toISOString() },
    outbox: [outboxFor(created, 2)],
    timers: r.timers,
  });
}

for (const kind of DB_KINDS) {
  describe(`Store contract on ${kind}`, () => {
    let db: TestDb;
    beforeAll(async () => {
      db = await openTestDb(kind);
    });
    afterAll(async () => {
      await db?.drop();
    });

    it("keeps settings: created once, read, replaced", async () => {
      expect(await db.store.getSetting("test:k")).toBeNull();
      expect(await db.store.setting("test:k", () => "first")).toBe("first");
      expect(await db.store.setting("test:k", () => "second")).toBe("first");
      await db.store.putSetting("test:k", "third");
      expect(await db.store.getSetting("test:k")).toBe("third");
    });

    it("migrates idempotently and answers ping", async () => {
      expect(await db.store.migrate()).toEqual([]);
      await db.store.ping();
    });

    it("commits state, event, outbox and timers together and reads them back", async () => {
      const intro = await createSubmitted(db);
      const got = await db.store.getIntro(intro.id);
      expect(got).toEqual(intro);
      expect(got?.status).toBe("requested");
      expect((await db.store.getIntroByThreadToken(intro.threadToken))?.id).toBe(intro.id);
      const events = await db.store.listEvents(intro.id);
      expect(events.map((e) => [e.seq, e.type, e.channel])).toEqual([
        [1, "create", "api"],
        [2, "submit", "api"],
      ]);
      const out = await db.store.listOutbox({ introId: intro.id });
      expect(out).toHaveLength(1);
      expect(out[0]).toMatchObject({
        status: "pending",
        template: "request_to_introducer",
        attempts: 0,
      });
      expect(out[0]?.to).toEqual([intro.introducer]);
    });

    it("refuses a stale version and writes nothing", async () => {
      const intro = await createSubmitted(db);
      const stale = withdrawal({ ...intro, version: intro.version - 1 }, 9);
      await expect(db.store.commit(stale)).rejects.toMatchObject({ code: "CONFLICT" });
      expect((await db.store.getIntro(intro.id))?.status).toBe("requested");
      expect(await db.store.listOutbox({ introId: intro.id })).toHaveLength(1);
    });

    it("lets exactly one of two changes read at the same version commit", async () => {
      const intro = await createSubmitted(db);
      const settle = (p: Promise<unknown>) =>
        p.then(
          () => "committed",
          (e: unknown) => e,
        );
      let other: Promise<unknown> = Promise.resolve();
      const mine = settle(
        db.store.changeIntro(async (reads) => {
          const read = (await reads.getIntro(intro.id, { lock: true })) as Intro;
          // A second writer with the same read. On PostgreSQL it commits first (a change holds
          // no lock); on SQLite it waits for the change's transaction, then finds it stale.
          // Both write the keys a real change of that version would: its event and outbox id.
          other = settle(db.store.commit(withdrawal(read, read.version + 1)));
          await new Promise((r) => setTimeout(r, 50));
          return withdrawal(read, read.version + 1);
        }),
      );
      const results = [await mine, await other];
      expect(results.filter((r) => r === "committed")).toHaveLength(1);
      expect(results.find((r) => r !== "committed")).toMatchObject({ code: "CONFLICT" });
      expect((await db.store.listEvents(intro.id)).map((e) => e.type)).toEqual([
        "create",
        "submit",
        "withdraw",
      ]);
      expect(await db.store.listOutbox({ introId: intro.id })).toHaveLength(2);
    });

    it("gives a change's decision reads only, and writes the commit it returns or nothing", async () => {
      const intro = await createSubmitted(db);
      let offered: string[] = [];
      const unchanged = await db.store.changeIntro(async (reads) => {
        offered = Object.keys(reads).sort();
        expect((await reads.getIntro(intro.id, { lock: true }))?.version).toBe(intro.version);
        return null;
      });
      expect(unchanged).toBeNull();
      // Nothing that writes reaches the decision: its one write is the commit it returns.
      expect(offered).toEqual(["getIntro", "getPrefs", "threadMessages"]);
      expect((await db.store.getIntro(intro.id))?.version).toBe(intro.version);
      const changed = await db.store.changeIntro(async (reads) => {
        const read = (await reads.getIntro(intro.id, { lock: true })) as Intro;
        expect(await reads.threadMessages(intro.id, "request")).toHaveLength(1);
        return withdrawal(read, read.version + 1);
      });
      expect(changed).toMatchObject({ status: "withdrawn", version: intro.version + 1 });
      expect((await db.store.getIntro(intro.id))?.status).toBe("withdrawn");
    });

    it("updates a person's preferences one at a time, keeping the others", async () => {
      const who = "prefs@example.com";
      await db.store.updatePrefs(who, { timeZone: "Europe/Paris", topics: ["AI"] }, T0);
      // Two writers, each changing one preference at the same moment: both keep theirs.
      await Promise.all([
        db.store.updatePrefs(who, { monthlyMax: 3 }, T0),
        db.store.updatePrefs(who, { guessedTimeZone: "Europe/Berlin" }, T0),
        db.store.updatePrefs(who, { topics: ["climate", "AI"] }, T0),
      ]);
      expect(await db.store.getPrefs(who)).toEqual({
        timeZone: "Europe/Paris",
        topics: ["climate", "AI"],
        monthlyMax: 3,
        guessedTimeZone: "Europe/Berlin",
      });
      // A null removes a preference.
      await db.store.updatePrefs(who, { monthlyMax: null, paused: true }, T0);
      expect(await db.store.getPrefs(who)).toEqual({
        timeZone: "Europe/Paris",
        topics: ["climate", "AI"],
        guessedTimeZone: "Europe/Berlin",
        paused: true,
      });
    });

    it("holds a person until the transaction that locked them ends", async () => {
      const order: string[] = [];
      let release = () => {};
      const held = new Promise<void>((r) => {
        release = r;
      });
      let holding = () => {};
      const holds = new Promise<void>((r) => {
        holding = r;
      });
      const first = db.store.transaction(async (tx) => {
        await tx.lockPerson("maya@example.com");
        order.push("first holds");
        holding();
        await held;
        order.push("first ends");
      });
      await holds;
      // The same person, however the address is written.
      const second = db.store.transaction(async (tx) => {
        await tx.lockPerson("Maya@Example.com");
        order.push("second holds");
      });
      await new Promise((r) => setTimeout(r, 50));
      release();
      await Promise.all([first, second]);
      expect(order).toEqual(["first holds", "first ends", "second holds"]);
    });

    it("rolls back the state change when any part of the transaction fails", async () => {
      const intro = await createSubmitted(db);
      const [existing] = await db.store.listOutbox({ introId: intro.id });
      const dupe = {
        ...outboxFor(intro, 3, "withdrawn_notice"),
        messageId: existing?.messageId ?? "",
      };
      await expect(
        db.store.transaction((tx) =>
          tx.commit({
            intro: { ...intro, status: "withdrawn" },
            isNew: false,
            event: {
              type: "withdraw",
              actor: "requester",
              channel: "api",
              at: T0.toISOString(),
              data: {},
            },
            outbox: [dupe],
            timers: [],
          }),
        ),
      ).rejects.toThrow();
      const after = await db.store.getIntro(intro.id);
      expect(after?.status).toBe("requested");
      expect(after?.version).toBe(intro.version);
      expect(await db.store.listEvents(intro.id)).toHaveLength(2);
    });

    it("replaces pending timers with the new state's set", async () => {
      const intro = await createSubmitted(db);
      const dueTimes = timersFor(intro).map((t) => Date.parse(t.dueAt));
      const claimed = await db.store.claimTimers({
        owner: "t",
        now: Math.max(...dueTimes),
        leaseMs: 1000,
        limit: 1000,
      });
      expect(
        claimed
          .filter((t) => t.introId === intro.id)
          .map((t) => `${t.name}#${t.n}`)
          .sort(),
      ).toEqual(["expire_request#1", "remind_introducer#1", "remind_introducer#2"]);
      const ids = claimed.map((t) => t.id);
      // Only the owner completes them, and each only once.
      expect(await db.store.completeTimers(ids, "someone else", T0)).toEqual(new Set());
      expect(await db.store.completeTimers(ids, "t", T0)).toEqual(new Set(ids));
      expect(await db.store.completeTimers(ids, "t", T0)).toEqual(new Set());
      // A withdrawn intro has no pending timers left.
      const r = transition(intro, { type: "withdraw", actor: "requester" }, T0);
      await db.store.commit({
        intro: r.intro,
        isNew: false,
        event: { ...r.recorded, channel: "api", at: T0.toISOString() },
        outbox: [],
        timers: r.timers,
      });
      const again = await db.store.claimTimers({
        owner: "t2",
        now: Date.parse("2030-01-01"),
        leaseMs: 1000,
        limit: 1000,
      });
      expect(again.filter((t) => t.introId === intro.id)).toEqual([]);
    });

    it("leases outbox rows: one owner at a time, back after the lease, never after sent", async () => {
      const a = await createSubmitted(db);
      const now = Date.parse("2027-01-01");
      const first = await db.store.claimOutbox({ owner: "w1", now, leaseMs: 60_000, limit: 1000 });
      const mine = first.find((m) => m.introId === a.id);
      expect(mine).toBeDefined();
      expect(mine?.attempts).toBe(1);
      const second = await db.store.claimOutbox({
        owner: "w2",
        now: now + 1000,
        leaseMs: 60_000,
        limit: 1000,
      });
      expect(second.find((m) => m.introId === a.id)).toBeUndefined();
      // The lease ran out (the worker died): another worker gets it, with the same Message-ID.
      const third = await db.store.claimOutbox({
        owner: "w3",
        now: now + 61_000,
        leaseMs: 60_000,
        limit: 1000,
      });
      const retried = third.find((m) => m.introId === a.id);
      expect(retried?.messageId).toBe(mine?.messageId);
      expect(retried?.attempts).toBe(2);
      // Only the current owner may settle it.
      await db.store.markOutboxSent(retried!.id, "w1", new Date(now));
      expect((await db.store.listOutbox({ introId: a.id }))[0]?.status).toBe("pending");
      await db.store.markOutboxSent(retried!.id, "w3", new Date(now));
      expect((await db.store.listOutbox({ introId: a.id }))[0]?.status).toBe("sent");
      const later = await db.store.claimOutbox({
        owner: "w4",
        now: now + 999_999,
        leaseMs: 1,
        limit: 1000,
      });
      expect(later.find((m) => m.introId === a.id)).toBeUndefined();
    });

    it("retries later and fails for good, counting the backlog", async () => {
      const a = await createSubmitted(db);
      const now = Date.parse("2027-02-01");
      const [m] = (
        await db.store.claimOutbox({ owner: "w", now, leaseMs: 1000, limit: 1000 })
      ).filter((x) => x.introId === a.id);
      await db.store.markOutboxRetry(m!.id, "w", now + 5000, "421 try later");
      expect(
        (
          await db.store.claimOutbox({ owner: "w", now: now + 10, leaseMs: 1000, limit: 1000 })
        ).some((x) => x.id === m!.id),
      ).toBe(false);
      const [m2] = (
        await db.store.claimOutbox({ owner: "w", now: now + 5000, leaseMs: 1000, limit: 1000 })
      ).filter((x) => x.id === m!.id);
      expect(m2?.lastError).toBe("421 try later");
      const before = await db.store.outboxBacklog();
      await db.store.markOutboxFailed(m!.id, "w", "550 no such user");
      const after = await db.store.outboxBacklog();
      expect(after.failed).toBe(before.failed + 1);
      expect(after.pending).toBe(before.pending - 1);
    });

    it("reads an intro with its history in one go, and its revision moves with every change it shows", async () => {
      const a = await createSubmitted(db);
      const together = async () => {
        const w = await db.store.getIntroWithHistory(a.id);
        expect(w?.intro).toEqual(await db.store.getIntro(a.id));
        expect(w?.events).toEqual(await db.store.listEvents(a.id));
        expect(w?.emails).toEqual(
          (await db.store.listOutbox({ introId: a.id })).map((m) => ({
            id: m.id,
            template: m.template,
            status: m.status,
            sentAt: m.sentAt,
            lastError: m.lastError,
            to: m.to,
            cc: m.cc,
          })),
        );
        expect(w?.revision).toBe(await db.store.getIntroRevision(a.id));
        return w?.revision;
      };
      const seen = new Set<string | undefined>([await together()]);
      const changed = async () => {
        const r = await together();
        expect(seen.has(r), `revision ${r} seen before`).toBe(false);
        seen.add(r);
      };
      const now = Date.parse("2027-03-01");
      const claim = async (at: number) =>
        (await db.store.claimOutbox({ owner: "w", now: at, leaseMs: 1000, limit: 1000 })).find(
          (x) => x.introId === a.id,
        );
      const m = await claim(now);
      expect(m).toBeDefined();
      // A claim changes nothing a reader sees.
      expect(await together()).toBe([...seen][0]);
      await db.store.markOutboxRetry(m!.id, "w", now + 5000, "421 try later");
      await changed();
      await claim(now + 5000);
      await db.store.markOutboxSent(m!.id, "w", new Date(now + 5000));
      await changed();
      expect((await db.store.getIntroWithHistory(a.id))?.emails[0]?.status).toBe("sent");
      const r = transition(a, { type: "forward_for_consent", actor: "introducer" }, T0);
      await db.store.commit({
        intro: { ...r.intro, version: a.version },
        isNew: false,
        event: { ...r.recorded, channel: "api", at: T0.toISOString() },
        outbox: [outboxFor(a, 3, "consent_request")],
        timers: r.timers,
      });
      await changed();
      expect((await db.store.getIntroWithHistory(a.id))?.events.map((e) => e.type)).toEqual([
        "create",
        "submit",
        "forward_for_consent",
      ]);
      expect(await db.store.getIntroRevision("no-such-intro")).toBeNull();
      expect(await db.store.getIntroWithHistory("no-such-intro")).toBeNull();
    });

    it("lists intros by person, role and status", async () => {
      const x = await createSubmitted(
        db,
        makeIntro({
          requester: "rx@example.com",
          introducer: "ix@example.com",
          target: "tx@example.com",
        }),
      );
      expect((await db.store.listIntros({ email: "RX@example.com" })).map((i) => i.id)).toEqual([
        x.id,
      ]);
      expect(await db.store.listIntros({ email: "rx@example.com", role: "introducer" })).toEqual(
        [],
      );
      expect(
        (
          await db.store.listIntros({
            email: "ix@example.com",
            role: "introducer",
            status: "requested",
          })
        ).map((i) => i.id),
      ).toEqual([x.id]);
      expect(await db.store.listIntros({ email: "tx@example.com", status: "draft" })).toEqual([]);
      expect(await db.store.countIntros()).toBeGreaterThan(0);
    });

    it("stores API tokens by hash", async () => {
      await db.store.insertApiToken({
        hash: `h_${kind}`,
        email: "alice@example.com",
        label: "cli",
        at: T0,
      });
      expect(await db.store.findApiToken(`h_${kind}`)).toEqual({ email: "alice@example.com" });
      expect(await db.store.findApiToken("nope")).toBeNull();
    });

    it("lists, touches and deletes a person's API tokens", async () => {
      const at = (m: number) => new Date(T0.getTime() + m * 60_000);
      for (const [hash, email, m] of [
        ["t_old", "tess@example.com", 1],
        ["t_new", "tess@example.com", 2],
        ["t_other", "otto@example.com", 3],
      ] as const)
        await db.store.insertApiToken({ hash, email, label: hash, at: at(m) });
      await db.store.touchApiToken("t_old", at(10));
      expect(await db.store.listApiTokens("tess@example.com")).toEqual([
        { hash: "t_new", label: "t_new", createdAt: at(2).toISOString(), lastUsedAt: null },
        {
          hash: "t_old",
          label: "t_old",
          createdAt: at(1).toISOString(),
          lastUsedAt: at(10).toISOString(),
        },
      ]);
      expect(await db.store.deleteApiTokens(["t_old", "t_new", "t_missing"])).toBe(2);
      expect(await db.store.deleteApiTokens([])).toBe(0);
      expect(await db.store.listApiTokens("tess@example.com")).toEqual([]);
      expect(await db.store.findApiToken("t_other")).toEqual({ email: "otto@example.com" });
    });

    it("claims a webhook signature once, across racing callers, and forgets it after the window", async () => {
      const t = T0.getTime();
      const window = 300_000;
      const sig = { provider: "mailgun", timestamp: String(t / 1000), token: `tok-${kind}` };
      // Two instances receive the same post at once: exactly one claim wins.
      const claims = await Promise.all([
        db.store.claimInboundSignature(sig, t, t - window),
        db.store.claimInboundSignature(sig, t, t - window),
      ]);
      expect(claims.filter((c) => c.fresh)).toHaveLength(1);
      expect(claims.filter((c) => !c.fresh)).toEqual([{ fresh: false, inboundId: null }]);
      // Once the first post's message is stored, a replay learns its id.
      await db.store.settleInboundSignature(sig, "im_first");
      expect(await db.store.claimInboundSignature(sig, t, t - window)).toEqual({
        fresh: false,
        inboundId: "im_first",
      });
      // The same token with another timestamp is another signature.
      const other = { ...sig, timestamp: String(t / 1000 + 1) };
      expect(await db.store.claimInboundSignature(other, t + 1000, t - window)).toEqual({
        fresh: true,
      });
      // A released claim (the post failed) can be claimed again by the provider's retry.
      await db.store.settleInboundSignature(other, null);
      expect((await db.store.claimInboundSignature(other, t + 1000, t - window)).fresh).toBe(true);
      // Outside the window the row is pruned: what remains is only what could still be replayed.
      const later = t + 1000 + window + 1;
      const fresh = { ...sig, token: `tok2-${kind}` };
      expect((await db.store.claimInboundSignature(fresh, later, later - window)).fresh).toBe(true);
      const rows = await db.store.kysely
        .selectFrom("inbound_signatures" as never)
        .select(["token" as never])
        .execute();
      expect(rows.map((r) => (r as { token: string }).token)).toEqual([fresh.token]);
    });

    it("returns a thread's messages oldest first", async () => {
      const a = await createSubmitted(db);
      const msgs = await db.store.threadMessages(a.id, "request");
      expect(msgs).toHaveLength(1);
      expect(await db.store.threadMessages(a.id, "consent")).toEqual([]);
    });

    it("reads the same threads inside a transaction that locked the intro, and sees its own commit", async () => {
      const a = await createSubmitted(db);
      const outside = await db.store.threadMessages(a.id, "request");
      // A row from before outbox meta existed: its thread and meta come from the payload.
      await db.store.kysely
        .updateTable("outbox")
        .set({ meta: null, thread: null })
        .where("intro_id", "=", a.id)
        .execute();
      await db.store.transaction(async (tx) => {
        const locked = await tx.getIntro(a.id, { lock: true });
        expect(locked?.version).toBe(a.version);
        expect(await tx.threadMessages(a.id, "request")).toEqual(outside);
        // After a commit in the same transaction, the new message is in the thread.
        const next = transition(locked as Intro, { type: "withdraw", actor: "requester" }, T0);
        await tx.commit({
          intro: { ...next.intro, version: a.version },
          isNew: false,
          event: { ...next.recorded, channel: "api", at: T0.toISOString() },
          outbox: [outboxFor(a, a.version + 1, "withdrawn_notice")],
          timers: next.timers,
        });
        expect(await tx.threadMessages(a.id, "request")).toHaveLength(2);
      });
    });
  });
}
