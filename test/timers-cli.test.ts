// Issue 7, end to end: `vouch timers run --as-of` (the CLI, run in-process by runCli) on SQLite,
// with the mail it queues sent over real SMTP to a sink. The intros are moved through the app
// layer in this process, on a clock the test controls; the CLI runs each sweep at an explicit
// instant. Each test has a database of its own, so a sweep sees only that test's timers.
import { DateTime } from "luxon";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { applyEvent } from "../src/app/apply-event.ts";
import { createIntro } from "../src/app/create-intro.ts";
import type { AppDeps } from "../src/app/deps.ts";
import type { Intro, IntroEvent } from "../src/domain/types.ts";
import { drainOutbox } from "../src/jobs/outbox-worker.ts";
import { type MailTransport, relayTransport } from "../src/mail/outbound/transport.ts";
import { testDeps } from "./support/app.ts";
import { vouch } from "./support/cli.ts";
import { openTestDb, type TestDb } from "./support/databases.ts";
import { CLICK, seedRequestInput } from "./support/intros.ts";
import { startSink } from "./support/mail-sink.ts";
import { SEED_REQUEST } from "./support/seed.ts";

const H = 3_600_000;
const D = 24 * H;
// Each test runs the CLI 5 to 8 times and sends mail over SMTP; generous for a loaded machine.
const CLI_TEST_MS = 120_000;

let db: TestDb;
let sink: Awaited<ReturnType<typeof startSink>>;
let relay: MailTransport;
let clock: { now: Date };
let deps: AppDeps;

beforeAll(async () => {
  sink = await startSink();
  relay = relayTransport(sink.url);
});
afterAll(async () => {
  relay.close();
  await sink.close();
});
beforeEach(async () => {
  db = await openTestDb("sqlite");
  clock = { now: new Date("2026-12-01T10:00:00.000Z") };
  deps = testDeps(db.store, clock);
  sink.messages.length = 0;
});
afterEach(() => db.drop());

const iso = (ms: number) => new Date(ms).toISOString();

/** `vouch timers run --as-of <at> --json`, on the test's database. */
async function timersRun(at: number): Promise<{ asOf: string; fired: number; stale: number }> {
  // No server has run on this database: the links' address is given.
  const r = await vouch(["timers", "run", "--as-of", iso(at), "--json"], {
    VOUCH_DATA_DIR: db.dataDir,
    VOUCH_PUBLIC_URL: "http://localhost:3000",
  });
  expect(r.stderr).toBe("");
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout);
}

/** Sends what is queued (as of `at`) over SMTP; returns the messages that arrived. */
async function sendAt(at: number) {
  clock.now = new Date(at);
  const before = sink.messages.length;
  const r = await drainOutbox(deps, relay);
  expect(r).toMatchObject({ failed: 0, retried: 0, skipped: 0 });
  return sink.messages.slice(before);
}

async function event(id: string, at: number, e: IntroEvent): Promise<Intro> {
  clock.now = new Date(at);
  return (await applyEvent(deps, id, e, "api")).intro;
}

const outboxOf = (id: string) => db.store.listOutbox({ introId: id });

async function pendingTimers(id: string) {
  const rows = await db.store.kysely
    .selectFrom("timers")
    .select(["name", "n", "due_at"])
    .where("intro_id", "=", id)
    .where("status", "=", "pending")
    .orderBy("due_at")
    .execute();
  return rows.map((r) => ({ name: r.name, n: Number(r.n), dueAt: iso(Number(r.due_at)) }));
}

/** Submitted at `t0`, sent to Maya at +1 h, accepted at +2 h: returns the intro and that time. */
async function introduced(t0: number) {
  clock.now = new Date(t0);
  const intro = await createIntro(deps, seedRequestInput(), "api");
  await event(intro.id, t0 + H, { type: "forward_for_consent", actor: "introducer" });
  const after = await event(intro.id, t0 + 2 * H, {
    type: "accept",
    actor: "target",
    evidence: CLICK,
  });
  expect(after.status).toBe("introduced");
  return { intro: after, at: t0 + 2 * H };
}

describe("vouch timers run --as-of, over real SMTP", () => {
  it(
    "sends one follow-up draft to the requester a week after the intro, and none once the target replied",
    async () => {
      const { intro, at: I } = await introduced(clock.now.getTime());
      // Alice replies in the intro thread, moving Jane to BCC: connected.
      const connected = await event(intro.id, I + H, {
        type: "reply_in_thread",
        actor: "requester",
        movedIntroducerToBcc: true,
      });
      expect(connected.status).toBe("connected");
      await sendAt(I + H); // the request, the consent request and the introduction
      const queued = (await outboxOf(intro.id)).length;

      // +6 days: nothing is due (the follow-up is at +7 days).
      expect(await timersRun(I + 6 * D)).toMatchObject({ fired: 0, stale: 0 });
      expect((await outboxOf(intro.id)).length).toBe(queued);
      expect(await sendAt(I + 6 * D)).toEqual([]);

      // +8 days: exactly one follow-up draft, to Alice, and nothing to Maya.
      expect(await timersRun(I + 8 * D)).toMatchObject({ fired: 1, stale: 0 });
      const added = (await outboxOf(intro.id)).slice(queued);
      expect(added.map((m) => [m.template, m.to.map((p) => p.email), m.cc])).toEqual([
        ["follow_up_draft", ["alice@example.com"], []],
      ]);
      const mail = await sendAt(I + 8 * D);
      expect(mail.map((m) => m.rcptTo)).toEqual([["alice@example.com"]]);
      const [draft] = mail;
      expect(draft?.parsed.subject).toBe("A gentle follow-up with Maya");
      const text = draft?.parsed.text ?? "";
      expect(text).toContain("Has Maya replied?");
      expect(text).toMatch(/Yes, we're talking: http:\/\/localhost:3000\/a\/\S+/);
      expect(text).toMatch(/Not yet: http:\/\/localhost:3000\/a\/\S+/);
      // A draft for Alice to send herself, as a reply to Maya (Vouch is no longer in that thread).
      expect(text).toContain("Hey Maya, I'm sure you're really busy.");
      expect(draft?.raw).not.toMatch(/^To:.*maya@example\.com/im);
      expect(await timersRun(I + 8 * D)).toMatchObject({ fired: 0 }); // once only
      const history = await db.store.listEvents(intro.id);
      expect(history.filter((e) => e.type === "timer_fired")).toEqual([
        expect.objectContaining({
          actor: "system",
          channel: "system",
          at: iso(I + 8 * D),
          data: { timer: "follow_up", n: 1, dueAt: iso(I + 7 * D) },
        }),
      ]);
      expect(await pendingTimers(intro.id)).toEqual([
        { name: "follow_up", n: 2, dueAt: iso(I + 14 * D) },
        { name: "stall", n: 1, dueAt: iso(I + 21 * D) },
      ]);

      // +9 days: Maya replies to Alice. The second follow-up and the stall are cancelled.
      await event(intro.id, I + 9 * D, { type: "reply_in_thread", actor: "target" });
      expect(await pendingTimers(intro.id)).toEqual([]);
      const afterReply = (await outboxOf(intro.id)).length;

      // +15 days (past the second follow-up) and +22 days (past the stall): nothing.
      expect(await timersRun(I + 15 * D)).toMatchObject({ fired: 0, stale: 0 });
      expect(await timersRun(I + 22 * D)).toMatchObject({ fired: 0, stale: 0 });
      expect((await outboxOf(intro.id)).length).toBe(afterReply);
      expect(await sendAt(I + 22 * D)).toEqual([]);
      expect((await db.store.getIntro(intro.id))?.status).toBe("connected");
    },
    CLI_TEST_MS,
  );

  it(
    "asks a target who deferred again once, on the date they gave, on the introducer's behalf",
    async () => {
      const t0 = clock.now.getTime();
      clock.now = new Date(t0);
      const intro = await createIntro(
        deps,
        {
          requester: { name: "Alice", email: "alice@example.com" },
          introducer: { name: "Jane", email: "jane@example.com" },
          target: { name: "Maya", email: "maya@example.com" },
          requestText: SEED_REQUEST,
          submit: true,
        },
        "api",
      );
      await event(intro.id, t0 + H, { type: "forward_for_consent", actor: "introducer" });
      // Maya: "not now, ask me again after 20 December" (the not-now form's date, 09:00 UTC).
      const until = Date.parse("2026-12-20T09:00:00.000Z");
      const deferred = await event(intro.id, t0 + 2 * H, {
        type: "defer",
        actor: "target",
        until: iso(until),
      });
      expect(deferred.status).toBe("deferred");
      const [firstAsk] = (await sendAt(t0 + 2 * H)).filter((m) =>
        m.rcptTo.includes("maya@example.com"),
      );
      expect(firstAsk).toBeDefined();
      expect(await pendingTimers(intro.id)).toEqual([
        { name: "ask_again", n: 1, dueAt: iso(until) },
      ]);
      const queued = (await outboxOf(intro.id)).length;

      // The consent reminder of day 4 is gone with the deferral; one minute early, nothing.
      expect(await timersRun(t0 + 5 * D)).toMatchObject({ fired: 0, stale: 0 });
      expect(await timersRun(until - 60_000)).toMatchObject({ fired: 0, stale: 0 });
      expect((await outboxOf(intro.id)).length).toBe(queued);

      // On the date: Maya is asked again, once, by Jane (via Vouch), in the same thread.
      expect(await timersRun(until)).toMatchObject({ fired: 1, stale: 0 });
      expect(await timersRun(until)).toMatchObject({ fired: 0 });
      expect(await timersRun(until + D)).toMatchObject({ fired: 0 });
      const added = (await outboxOf(intro.id)).slice(queued);
      expect(added.map((m) => [m.template, m.to.map((p) => p.email)])).toEqual([
        ["consent_request", ["maya@example.com"]],
      ]);
      const mail = await sendAt(until + D);
      expect(mail.map((m) => m.rcptTo)).toEqual([["maya@example.com"]]);
      expect(mail[0]?.parsed.from?.name).toBe("Jane via Vouch");
      expect(mail[0]?.headers.references).toContain(firstAsk?.headers["message-id"]);
      expect(mail[0]?.raw).not.toContain("alice@example.com"); // still no address before consent
      const again = await db.store.getIntro(intro.id);
      expect(again).toMatchObject({ status: "consent_requested", deferAskedAgain: true });

      // A second "not now" is not asked a third time: on that date the intro expires instead.
      const later = Date.parse("2027-01-15T09:00:00.000Z");
      await event(intro.id, until + 2 * D, { type: "defer", actor: "target", until: iso(later) });
      expect(await pendingTimers(intro.id)).toEqual([
        { name: "expire_consent", n: 1, dueAt: iso(later) },
      ]);
      const before = (await outboxOf(intro.id)).length;
      expect(await timersRun(later)).toMatchObject({ fired: 1 });
      const ended = (await outboxOf(intro.id)).slice(before);
      expect(ended.map((m) => m.template).sort()).toEqual([
        "expired_to_introducer",
        "expired_to_requester",
      ]);
      expect((await db.store.getIntro(intro.id))?.status).toBe("expired");
    },
    CLI_TEST_MS,
  );

  it(
    "marks a meeting met at its end + 2 h in absolute time across the switch to summer time",
    async () => {
      // Europe/Paris springs forward at 02:00 on Sunday 28 March 2027 (CET, UTC+1 → CEST, UTC+2).
      // A late call, 00:30-01:30 Paris time, ends in winter time; 2 hours later it is 04:30 in
      // Paris (02:30 UTC), not the 03:30 that adding 2 hours to the wall clock would give.
      const zone = "Europe/Paris";
      const start = DateTime.fromISO("2027-03-28T00:30", { zone });
      const end = DateTime.fromISO("2027-03-28T01:30", { zone });
      const met = Date.parse("2027-03-28T02:30:00.000Z");
      expect(end.toUTC().toISO()).toBe("2027-03-28T00:30:00.000Z");
      expect(DateTime.fromMillis(met, { zone }).toFormat("HH:mm ZZ")).toBe("04:30 +02:00");

      const { intro, at: I } = await introduced(Date.parse("2027-03-20T10:00:00.000Z"));
      await event(intro.id, I + H, { type: "reply_in_thread", actor: "requester" });
      const scheduled = await event(intro.id, I + D, {
        type: "confirm_meeting",
        actor: "target",
        start: start.toUTC().toISO() ?? "",
        end: end.toUTC().toISO() ?? "",
        timeZone: zone,
      });
      expect(scheduled.status).toBe("scheduled");
      expect(await pendingTimers(intro.id)).toEqual([{ name: "mark_met", n: 1, dueAt: iso(met) }]);
      const shown = await vouch(["intro", "show", intro.id, "--json"], {
        VOUCH_DATA_DIR: db.dataDir,
      });
      expect(JSON.parse(shown.stdout).nextTimerAt).toBe(iso(met));

      // The invite is in Paris time, with the zone's rules, at the times agreed.
      const invites = (await sendAt(I + D)).filter((m) => m.raw.includes("BEGIN:VCALENDAR"));
      expect(invites.map((m) => m.rcptTo.sort())).toEqual([
        ["alice@example.com", "maya@example.com"],
      ]);
      const ics = (
        /BEGIN:VCALENDAR[\s\S]*?END:VCALENDAR/.exec(
          (invites[0]?.raw ?? "").replace(/=\r?\n/g, ""),
        )?.[0] ?? ""
      ).replace(/\r?\n[ \t]/g, "");
      expect(ics).toContain("METHOD:REQUEST");
      expect(ics).toContain("TZID:Europe/Paris");
      expect(ics).toMatch(/DTSTART;TZID=Europe\/Paris:20270328T003000/);
      expect(ics).toMatch(/DTEND;TZID=Europe\/Paris:20270328T013000/);
      const queued = (await outboxOf(intro.id)).length;

      // At the wall-clock guess (01:30 UTC) and one minute before the real time: nothing.
      expect(await timersRun(met - H)).toMatchObject({ fired: 0, stale: 0 });
      expect(await timersRun(met - 60_000)).toMatchObject({ fired: 0, stale: 0 });
      expect((await db.store.getIntro(intro.id))?.status).toBe("scheduled");
      expect((await outboxOf(intro.id)).length).toBe(queued);

      // At end + 2 h: met; "how did it go?" to Alice and the private "how was it?" to Maya.
      expect(await timersRun(met)).toMatchObject({ fired: 1, stale: 0 });
      const after = await db.store.getIntro(intro.id);
      expect(after).toMatchObject({ status: "met", statusSince: iso(met) });
      const mail = await sendAt(met);
      expect(mail.map((m) => m.rcptTo)).toEqual(
        expect.arrayContaining([["alice@example.com"], ["maya@example.com"]]),
      );
      expect(mail).toHaveLength(2);
      expect(
        (await outboxOf(intro.id))
          .slice(queued)
          .map((m) => m.template)
          .sort(),
      ).toEqual(["how_did_it_go", "how_was_it_target"]);
      // The report-back reminders follow from the met time: +1 and +3 days.
      expect(await pendingTimers(intro.id)).toEqual([
        { name: "report_reminder", n: 1, dueAt: iso(met + D) },
        { name: "report_reminder", n: 2, dueAt: iso(met + 3 * D) },
      ]);
    },
    CLI_TEST_MS,
  );
});
