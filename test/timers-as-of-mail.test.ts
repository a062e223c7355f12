// `vouch timers run --as-of <a later instant>` as a newcomer uses it to see the follow-ups: the
// mail a run causes is due when it is committed (the real clock), not at the as-of instant, so
// the server sends it now; and a queued reminder whose reason has passed is cancelled, not sent.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { applyEvent } from "../src/app/apply-event.ts";
import type { AppDeps } from "../src/app/deps.ts";
import type { Intro } from "../src/domain/types.ts";
import { drainOutbox } from "../src/jobs/outbox-worker.ts";
import { sweepTimers } from "../src/jobs/timer-sweep.ts";
import type { MailTransport, SendMeta } from "../src/mail/outbound/transport.ts";
import { testDeps } from "./support/app.ts";
import { DB_KINDS, openTestDb, type TestDb } from "./support/databases.ts";
import { introducedIntro } from "./support/intros.ts";

const D = 86_400_000;

/** A transport that keeps what it was handed. */
function recording(): MailTransport & { sent: SendMeta[] } {
  const sent: SendMeta[] = [];
  return {
    kind: "relay",
    sent,
    async send(_m, meta) {
      sent.push(meta);
    },
    close() {},
  };
}

for (const kind of DB_KINDS) {
  describe(`a timers run as of a later instant, on ${kind}`, () => {
    let db: TestDb;
    let deps: AppDeps;
    let intro: Intro;
    let transport: ReturnType<typeof recording>;
    // What the server's worker does: send what is due by the real clock.
    const sendNow = () => drainOutbox({ ...deps, now: () => new Date() }, transport);
    // What `vouch timers run --as-of` does: its clock is the as-of instant.
    const runAsOf = (asOf: Date) => sweepTimers({ ...deps, now: () => asOf }, asOf);

    beforeEach(async () => {
      db = await openTestDb(kind);
      // The intro happens now, as it would for someone trying Vouch out.
      deps = testDeps(db.store, { now: new Date() });
      intro = await introducedIntro(deps);
      transport = recording();
      await sendNow();
      transport.sent.length = 0;
    });
    afterEach(() => db.drop());

    it("queues the follow-up due now, so the server sends it and /health is clear", async () => {
      const asOf = new Date(Date.parse(intro.introducedAt ?? "") + 8 * D);
      expect((await runAsOf(asOf)).fired).toBeGreaterThanOrEqual(2);
      const queued = await db.store.listOutbox({ introId: intro.id, status: "pending" });
      expect(queued.map((m) => m.template).sort()).toEqual(["follow_up_draft", "requester_nudge"]);
      for (const m of queued) expect(m.availableAt).toBeLessThanOrEqual(Date.now());

      const r = await sendNow();
      expect(r.sent).toBe(2);
      expect(transport.sent.every((m) => m.to.includes("alice@example.com"))).toBe(true);
      expect(await db.store.outboxBacklog()).toEqual({ pending: 0, failed: 0 });
    });

    it("cancels a queued reminder once the intro has moved past its reason", async () => {
      const asOf = new Date(Date.parse(intro.introducedAt ?? "") + 8 * D);
      await runAsOf(asOf);
      // Before the worker gets to them, Alice replies and Maya answers: neither the nudge (the
      // next step was Alice's) nor the follow-up (Maya was silent) applies any more.
      await applyEvent(deps, intro.id, { type: "reply_in_thread", actor: "requester" }, "web");
      await applyEvent(deps, intro.id, { type: "reply_in_thread", actor: "target" }, "web");

      const r = await sendNow();
      expect(transport.sent.map((m) => m.outboxId)).toEqual([]);
      expect(r).toMatchObject({ sent: 0, cancelled: 2 });
      const rows = await db.store.listOutbox({ introId: intro.id });
      const reminders = rows.filter((m) =>
        ["follow_up_draft", "requester_nudge"].includes(m.template),
      );
      expect(reminders).toHaveLength(2);
      for (const m of reminders) {
        expect(m.status).toBe("skipped");
        expect(m.lastError).toMatch(/^cancelled: /);
      }
      expect(await db.store.outboxBacklog()).toEqual({ pending: 0, failed: 0 });
    });

    it("still sends a reminder whose reason holds", async () => {
      const asOf = new Date(Date.parse(intro.introducedAt ?? "") + 8 * D);
      await runAsOf(asOf);
      // Alice replied, but Maya is still silent: the follow-up stands, the nudge does not.
      await applyEvent(deps, intro.id, { type: "reply_in_thread", actor: "requester" }, "web");
      const r = await sendNow();
      expect(r).toMatchObject({ sent: 1, cancelled: 1 });
      const sent = await db.store.listOutbox({ introId: intro.id, status: "sent" });
      expect(sent.map((m) => m.template)).toContain("follow_up_draft");
      expect(sent.map((m) => m.template)).not.toContain("requester_nudge");
    });
  });
}
