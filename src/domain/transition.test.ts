import { describe, expect, it } from "vitest";
import { VouchError } from "./errors.ts";
import { days, seedIntro, T0 } from "./test-helpers.ts";
import { timersFor } from "./timers.ts";
import { allowedEvents, RULES, transition } from "./transition.ts";
import { type Intro, type IntroEvent, TERMINAL_STATUSES } from "./types.ts";

const click = { via: "click", confidence: 1, authenticated: true } as const;

function run(intro: Intro, events: IntroEvent[], at = T0): Intro {
  let cur = intro;
  for (const e of events) cur = transition(cur, e, at).intro;
  return cur;
}

const toIntroduced: IntroEvent[] = [
  { type: "submit", actor: "requester" },
  { type: "forward_for_consent", actor: "introducer", note: "Alice is great" },
  { type: "accept", actor: "target", evidence: click },
];

describe("transition", () => {
  it("runs the seed story from draft to completed, with the right emails", () => {
    let intro = seedIntro();
    const step = (e: IntroEvent, at = T0) => {
      const r = transition(intro, e, at);
      intro = r.intro;
      return r;
    };
    expect(step({ type: "submit", actor: "requester" }).effects.map((e) => e.template)).toEqual([
      "request_to_introducer",
    ]);
    expect(intro.status).toBe("requested");
    const fwd = step({ type: "forward_for_consent", actor: "introducer" });
    expect(fwd.effects[0]).toMatchObject({
      template: "consent_request",
      to: ["target"],
      thread: "consent",
    });
    expect(intro.status).toBe("consent_requested");
    const acc = step({ type: "accept", actor: "target", evidence: click });
    expect(acc.effects[0]).toMatchObject({
      template: "introduction",
      to: ["target"],
      cc: ["requester"],
    });
    expect(intro.status).toBe("introduced");
    step({ type: "reply_in_thread", actor: "requester", movedIntroducerToBcc: true });
    expect(intro).toMatchObject({ status: "connected", introducerMovedToBcc: true });
    step({
      type: "confirm_meeting",
      actor: "requester",
      start: "2026-12-03T09:00:00Z",
      end: "2026-12-03T09:30:00Z",
      timeZone: "America/Los_Angeles",
    });
    expect(intro.status).toBe("scheduled");
    step({ type: "meeting_time_passed", actor: "system" });
    expect(intro.status).toBe("met");
    const done = step({
      type: "report_outcome",
      actor: "requester",
      rating: "great",
      thanked: true,
    });
    expect(intro.status).toBe("completed");
    expect(done.effects[0]?.template).toBe("report_back_to_introducer");
    expect(timersFor(intro)).toEqual([]);
  });

  it("refuses a transition the lifecycle does not allow, naming the current status", () => {
    const intro = seedIntro();
    try {
      transition(intro, { type: "accept", actor: "target", evidence: click }, T0);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(VouchError);
      expect((e as VouchError).code).toBe("INVALID_TRANSITION");
      expect((e as VouchError).details).toMatchObject({ status: "draft" });
    }
  });

  it("refuses the wrong actor even in the right status", () => {
    const intro = run(seedIntro(), [{ type: "submit", actor: "requester" }]);
    expect(() =>
      transition(intro, { type: "forward_for_consent", actor: "requester" } as never, T0),
    ).toThrow(/Requester cannot forward for consent/);
    expect(() => transition(intro, { type: "decline", actor: "target" }, T0)).toThrow(VouchError);
  });

  it("never takes an unclear or unauthenticated yes as consent", () => {
    const asked = run(seedIntro(), toIntroduced.slice(0, 2));
    for (const evidence of [
      { via: "reply", confidence: 0.6, authenticated: true },
      { via: "reply", confidence: 0.99, authenticated: false },
      { via: "reply", confidence: Number.NaN, authenticated: true },
    ] as const) {
      expect(() => transition(asked, { type: "accept", actor: "target", evidence }, T0)).toThrow(
        expect.objectContaining({ code: "CONSENT_UNCLEAR" }),
      );
    }
  });

  it("needs the target's address before asking for consent", () => {
    const intro = run(seedIntro({ target: { name: "Maya", email: null } }), [
      { type: "submit", actor: "requester" },
    ]);
    expect(() =>
      transition(intro, { type: "forward_for_consent", actor: "introducer" }, T0),
    ).toThrow(expect.objectContaining({ code: "TARGET_EMAIL_REQUIRED" }));
    const ok = transition(
      intro,
      { type: "forward_for_consent", actor: "introducer", targetEmail: "Maya@Example.com" },
      T0,
    );
    expect(ok.intro.target.email).toBe("maya@example.com");
  });

  it("keeps the target's decline reason private to the introducer's email", () => {
    const asked = run(seedIntro(), toIntroduced.slice(0, 2));
    const r = transition(
      asked,
      { type: "decline", actor: "target", reason: "swamped with hiring" },
      T0,
    );
    expect(r.intro.status).toBe("target_declined");
    const toRequester = r.effects.find((e) => e.to.includes("requester"));
    expect(toRequester?.template).toBe("target_declined_to_requester");
    expect(JSON.stringify(toRequester)).not.toContain("swamped");
    expect(r.effects.find((e) => e.to.includes("introducer"))?.data).toMatchObject({
      reason: "swamped with hiring",
    });
  });

  it("revives a stalled intro when the target replies", () => {
    const intro = run(seedIntro(), toIntroduced);
    const stalled = { ...intro, status: "stalled" as const };
    const r = transition(stalled, { type: "reply_in_thread", actor: "target" }, days(22));
    expect(r.intro.status).toBe("introduced");
  });

  it("lists the actions each role may take", () => {
    const intro = run(seedIntro(), [{ type: "submit", actor: "requester" }]);
    expect(allowedEvents(intro, "introducer").sort()).toEqual([
      "ask_for_changes",
      "decline",
      "forward_for_consent",
      "reply_unclear",
    ]);
    expect(allowedEvents(intro, "requester")).toEqual(["withdraw"]);
    expect(allowedEvents(intro, "target")).toEqual([]);
  });
});

describe("introducing from the introducer's own mailbox", () => {
  const yes = {
    type: "accept",
    actor: "target",
    evidence: { via: "click", confidence: 1, authenticated: true },
    introduceFrom: "own_mailbox",
  } as const;
  const asked = () =>
    seedIntro({
      status: "consent_requested",
      askedTargetAt: T0.toISOString(),
      statusSince: T0.toISOString(),
    });

  it("records the yes, hands the introducer the introduction, and waits for their copy", () => {
    const r = transition(asked(), yes, days(1));
    expect(r.intro).toMatchObject({ status: "consent_requested", introduceFrom: "own_mailbox" });
    expect(r.intro.consent).toMatchObject({ via: "click" });
    expect(r.effects.map((e) => [e.template, e.to])).toEqual([["own_intro_ready", ["introducer"]]]);
    // The wait is now the introducer's: no reminder to the target, one to the introducer.
    expect(r.timers.map((t) => t.name).sort()).toEqual(["expire_consent", "remind_own_intro"]);
    const sent = transition(r.intro, { type: "own_intro_sent", actor: "introducer" }, days(2));
    expect(sent.intro).toMatchObject({ status: "introduced", introducedAt: days(2).toISOString() });
    expect(sent.effects.some((e) => e.template === "introduction")).toBe(false);
  });

  it("never records an introduction before the yes, nor twice a yes", () => {
    expect(() => transition(asked(), { type: "own_intro_sent", actor: "introducer" }, T0)).toThrow(
      expect.objectContaining({ code: "INVALID_TRANSITION" }),
    );
    const consented = transition(asked(), yes, days(1)).intro;
    expect(() => transition(consented, yes, days(1))).toThrow(
      expect.objectContaining({ code: "INVALID_TRANSITION" }),
    );
    expect(allowedEvents(asked(), "introducer")).not.toContain("own_intro_sent");
    expect(allowedEvents(consented, "introducer")).toContain("own_intro_sent");
    expect(allowedEvents(consented, "target")).not.toContain("accept");
  });

  it("reminds the introducer, then expires saying who it was waiting on", () => {
    const consented = transition(asked(), yes, days(1)).intro;
    const [remind] = timersFor(consented).filter((t) => t.name === "remind_own_intro");
    expect(remind?.dueAt).toBe(days(3).toISOString());
    const r = transition(
      consented,
      {
        type: "timer_fired",
        actor: "system",
        timer: "remind_own_intro",
        n: 1,
        dueAt: remind?.dueAt ?? "",
      },
      days(3),
    );
    expect(r.effects.map((e) => e.template)).toEqual(["own_intro_ready"]);
    const [expire] = timersFor(consented).filter((t) => t.name === "expire_consent");
    const x = transition(
      consented,
      {
        type: "timer_fired",
        actor: "system",
        timer: "expire_consent",
        n: 1,
        dueAt: expire?.dueAt ?? "",
      },
      days(10),
    );
    expect(x.intro.status).toBe("expired");
    expect(x.effects.map((e) => e.data)).toEqual([
      { waitingOn: "introducer" },
      { waitingOn: "introducer" },
    ]);
  });
});

describe("RULES, the one table", () => {
  it("lets terminal statuses take only a (no-op) timer and the target's private report", () => {
    const open: string[] = [];
    for (const [type, byActor] of Object.entries(RULES)) {
      for (const [actor, from] of Object.entries(byActor)) {
        for (const status of from ?? []) {
          if (TERMINAL_STATUSES.includes(status)) open.push(`${type} by ${actor} from ${status}`);
        }
      }
    }
    const timers = TERMINAL_STATUSES.map((s) => `timer_fired by system from ${s}`);
    expect(open.sort()).toEqual([...timers, "report_outcome by target from completed"].sort());
  });
});
