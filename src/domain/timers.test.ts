import { describe, expect, it } from "vitest";
import { days, seedIntro, T0 } from "./test-helpers.ts";
import { DEFAULT_TIMER_POLICY, parseDuration, timersFor } from "./timers.ts";
import { transition } from "./transition.ts";
import type { Intro, IntroEvent, TimerName, TimerSpec } from "./types.ts";

const click = { via: "click", confidence: 1, authenticated: true } as const;
const H = 3_600_000;

/** The intro in a given status, entered at T0, with the fields that status implies. */
function inStatus(status: Intro["status"], extra: Partial<Intro> = {}): Intro {
  const base = seedIntro({ status, statusSince: T0.toISOString(), ...extra });
  if (["introduced", "connected", "scheduled", "met", "stalled"].includes(status)) {
    base.consent = { at: T0.toISOString(), via: "click" };
    base.introducedAt = T0.toISOString();
    base.askedTargetAt = T0.toISOString();
  }
  return base;
}

function fire(intro: Intro, t: TimerSpec, now: Date) {
  return transition(
    intro,
    { type: "timer_fired", actor: "system", timer: t.name, n: t.n, dueAt: t.dueAt },
    now,
  );
}

const find = (intro: Intro, name: TimerName, n = 1) => {
  const t = timersFor(intro).find((x) => x.name === name && x.n === n);
  if (!t) throw new Error(`no ${name}#${n} on ${intro.status}`);
  return t;
};

// Each row: the state, the timer, when it is due (ms after T0), what it does, and an event that
// makes it moot (after which the timer is gone).
const meeting = {
  start: new Date(T0.getTime() + 2 * 86_400_000).toISOString(),
  end: new Date(T0.getTime() + 2 * 86_400_000 + 30 * 60_000).toISOString(),
  timeZone: "Europe/Paris",
  sequence: 0,
};
const table: Array<{
  status: Intro["status"];
  extra?: Partial<Intro>;
  timer: TimerName;
  n?: number;
  dueMs: number;
  template?: string;
  becomes?: Intro["status"];
  moot: IntroEvent;
}> = [
  {
    status: "requested",
    timer: "remind_introducer",
    dueMs: 3 * 24 * H,
    template: "introducer_reminder",
    moot: { type: "forward_for_consent", actor: "introducer" },
  },
  {
    status: "requested",
    timer: "remind_introducer",
    n: 2,
    dueMs: 7 * 24 * H,
    template: "introducer_reminder",
    moot: { type: "decline", actor: "introducer" },
  },
  {
    status: "requested",
    timer: "expire_request",
    dueMs: 14 * 24 * H,
    template: "expired_to_requester",
    becomes: "expired",
    moot: { type: "withdraw", actor: "requester" },
  },
  {
    status: "changes_requested",
    timer: "remind_requester_revise",
    dueMs: 3 * 24 * H,
    template: "requester_revise_reminder",
    moot: { type: "revise", actor: "requester", requestText: "better" },
  },
  {
    status: "changes_requested",
    timer: "expire_changes",
    dueMs: 14 * 24 * H,
    becomes: "expired",
    moot: { type: "revise", actor: "requester" },
  },
  {
    status: "consent_requested",
    timer: "remind_target",
    dueMs: 4 * 24 * H,
    template: "target_consent_reminder",
    moot: { type: "accept", actor: "target", evidence: click },
  },
  {
    status: "consent_requested",
    timer: "expire_consent",
    dueMs: 10 * 24 * H,
    template: "expired_to_introducer",
    becomes: "expired",
    moot: { type: "decline", actor: "target" },
  },
  {
    status: "deferred",
    timer: "ask_again",
    dueMs: 30 * 24 * H,
    template: "consent_request",
    becomes: "consent_requested",
    moot: { type: "accept", actor: "target", evidence: click },
  },
  {
    status: "deferred",
    extra: { deferUntil: new Date(T0.getTime() + 40 * 24 * H).toISOString() },
    timer: "ask_again",
    dueMs: 40 * 24 * H,
    becomes: "consent_requested",
    moot: { type: "decline", actor: "target" },
  },
  {
    status: "introduced",
    timer: "nudge_requester",
    dueMs: 24 * H,
    template: "requester_nudge",
    moot: { type: "reply_in_thread", actor: "requester" },
  },
  {
    status: "introduced",
    timer: "follow_up",
    dueMs: 7 * 24 * H,
    template: "follow_up_draft",
    moot: { type: "reply_in_thread", actor: "target" },
  },
  {
    status: "connected",
    timer: "follow_up",
    n: 2,
    dueMs: 14 * 24 * H,
    template: "follow_up_draft",
    moot: { type: "propose_times", actor: "target", times: ["2026-12-20T10:00:00Z"] },
  },
  {
    status: "connected",
    timer: "stall",
    dueMs: 21 * 24 * H,
    template: "stalled_notice",
    becomes: "stalled",
    moot: { type: "reply_in_thread", actor: "target" },
  },
  {
    status: "scheduled",
    extra: { meeting },
    timer: "mark_met",
    dueMs: 2 * 24 * H + 30 * 60_000 + 2 * H,
    template: "how_did_it_go",
    becomes: "met",
    moot: { type: "withdraw", actor: "requester" },
  },
  {
    status: "met",
    timer: "report_reminder",
    dueMs: 24 * H,
    template: "report_reminder",
    moot: { type: "report_outcome", actor: "requester", rating: "great", thanked: true },
  },
  {
    status: "met",
    timer: "report_reminder",
    n: 2,
    dueMs: 3 * 24 * H,
    template: "report_reminder",
    moot: { type: "report_outcome", actor: "requester", rating: "fine", thanked: true },
  },
];

describe("timers of LIFECYCLE.md", () => {
  for (const row of table) {
    const label = `${row.status}: ${row.timer}#${row.n ?? 1}`;
    it(`${label} is due at its time and fires then, not before`, () => {
      const intro = inStatus(row.status, row.extra);
      const t = find(intro, row.timer, row.n);
      expect(Date.parse(t.dueAt) - T0.getTime()).toBe(row.dueMs);
      const early = fire(intro, t, new Date(Date.parse(t.dueAt) - 1));
      expect(early.changed).toBe(false);
      const r = fire(intro, t, new Date(t.dueAt));
      expect(r.changed).toBe(true);
      if (row.template) expect(r.effects.map((e) => e.template)).toContain(row.template);
      expect(r.intro.status).toBe(row.becomes ?? row.status);
      // A timer fires once: it is not set again, and firing it twice does nothing.
      expect(r.timers.some((x) => x.name === t.name && x.n === t.n && x.dueAt === t.dueAt)).toBe(
        false,
      );
      expect(fire(r.intro, t, new Date(t.dueAt)).changed).toBe(false);
    });
    it(`${label} is cancelled by ${row.moot.type} and does nothing when stale`, () => {
      const intro = inStatus(row.status, row.extra);
      const t = find(intro, row.timer, row.n);
      const after = transition(intro, row.moot, days(0.5)).intro;
      const still = timersFor(after).some((x) => x.name === t.name && x.dueAt === t.dueAt);
      expect(still).toBe(false);
      expect(fire(after, t, new Date(t.dueAt)).changed).toBe(false);
    });
  }

  it("asks a deferred target again only once; a second deferral ends the intro at its date", () => {
    const deferred = inStatus("deferred");
    const again = fire(deferred, find(deferred, "ask_again"), days(30)).intro;
    expect(again.status).toBe("consent_requested");
    const twice = transition(again, { type: "defer", actor: "target" }, days(31)).intro;
    expect(timersFor(twice).map((t) => t.name)).toEqual(["expire_consent"]);
  });

  it("sends no follow-up after the target replied, and two at most", () => {
    const intro = inStatus("connected");
    const first = fire(intro, find(intro, "follow_up", 1), days(7)).intro;
    const second = fire(first, find(first, "follow_up", 2), days(14)).intro;
    expect(timersFor(second).map((t) => t.name)).toEqual(["stall"]);
    const replied = transition(first, { type: "reply_in_thread", actor: "target" }, days(9)).intro;
    expect(timersFor(replied)).toEqual([]);
  });

  it("asks a deferred target again on a date given with any offset, and refuses a non-date", () => {
    const asked = inStatus("consent_requested");
    const r = transition(
      asked,
      { type: "defer", actor: "target", until: "2026-12-20T10:00:00+01:00" },
      T0,
    );
    const t = find(r.intro, "ask_again");
    expect(t.dueAt).toBe("2026-12-20T09:00:00.000Z");
    // The sweep hands the due time back in its own form; it still fires.
    const fired = transition(
      r.intro,
      {
        type: "timer_fired",
        actor: "system",
        timer: "ask_again",
        n: 1,
        dueAt: "2026-12-20T09:00:00Z",
      },
      new Date("2026-12-20T09:00:00Z"),
    );
    expect(fired.intro.status).toBe("consent_requested");
    expect(() =>
      transition(asked, { type: "defer", actor: "target", until: "after the holidays" }, T0),
    ).toThrow(expect.objectContaining({ code: "INVALID_INPUT" }));
  });

  it("is configurable", () => {
    const policy = { ...DEFAULT_TIMER_POLICY, expireRequest: 2 * 24 * H };
    const t = timersFor(inStatus("requested"), policy).find((x) => x.name === "expire_request");
    expect(t?.dueAt).toBe(days(2).toISOString());
  });

  it("parses durations", () => {
    expect(parseDuration("3d")).toBe(3 * 24 * H);
    expect(parseDuration("12h")).toBe(12 * H);
    expect(parseDuration("1.5w")).toBe(10.5 * 24 * H);
    expect(parseDuration("soon")).toBeNull();
  });
});
