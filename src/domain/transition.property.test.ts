import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { VouchError } from "./errors.ts";
import { seedIntro, T0 } from "./test-helpers.ts";
import { timersFor } from "./timers.ts";
import { allowedEvents, CONSENT_MIN_CONFIDENCE, isTerminal, transition } from "./transition.ts";
import { type EventType, type Intro, type IntroEvent, STATUSES } from "./types.ts";
import { viewIntro } from "./view.ts";

const evidence = fc.record({
  via: fc.constantFrom("click", "reply", "api", "web", "cli"),
  confidence: fc.oneof(fc.double({ min: 0, max: 1, noNaN: false }), fc.constant(1)),
  authenticated: fc.boolean(),
});
const iso = fc
  .integer({ min: 0, max: 120 * 86_400_000 })
  .map((ms) => new Date(T0.getTime() + ms).toISOString());

/** Any event the outside world could send, valid or not, with any actor. */
const anyEvent: fc.Arbitrary<IntroEvent> = fc.oneof(
  fc.constant({ type: "submit", actor: "requester" } as IntroEvent),
  fc.record({
    type: fc.constant("revise"),
    actor: fc.constant("requester"),
    requestText: fc.string(),
  }),
  fc.constant({ type: "withdraw", actor: "requester" } as IntroEvent),
  fc.record({
    type: fc.constant("reply_in_thread"),
    actor: fc.constantFrom("requester", "target"),
    movedIntroducerToBcc: fc.boolean(),
  }),
  fc.record({
    type: fc.constant("propose_times"),
    actor: fc.constantFrom("requester", "target"),
    times: fc.array(iso, { maxLength: 2 }),
  }),
  fc.record({
    type: fc.constant("confirm_meeting"),
    actor: fc.constantFrom("requester", "target"),
    start: iso,
    end: iso,
    timeZone: fc.constant("Europe/Paris"),
  }),
  fc.record({
    type: fc.constant("report_outcome"),
    actor: fc.constant("requester"),
    rating: fc.constantFrom("great", "fine", "did_not_happen"),
    thanked: fc.boolean(),
  }),
  fc.record({
    type: fc.constant("forward_for_consent"),
    actor: fc.constant("introducer"),
    targetEmail: fc.option(fc.constant("maya2@example.com"), { nil: undefined }),
  }),
  fc.record({
    type: fc.constant("ask_for_changes"),
    actor: fc.constant("introducer"),
    note: fc.string(),
  }),
  fc.record({
    type: fc.constant("decline"),
    actor: fc.constantFrom("introducer", "target"),
    reason: fc.option(fc.constant("private reason"), { nil: undefined }),
  }),
  fc.record({ type: fc.constant("accept"), actor: fc.constant("target"), evidence }),
  // A yes in an intro whose introducer writes the introduction from their own mailbox.
  fc.record({
    type: fc.constant("accept"),
    actor: fc.constant("target"),
    evidence,
    introduceFrom: fc.constant("own_mailbox"),
  }) as fc.Arbitrary<IntroEvent>,
  fc.constant({ type: "own_intro_sent", actor: "introducer" } as IntroEvent),
  fc.record({
    type: fc.constant("defer"),
    actor: fc.constant("target"),
    until: fc.option(iso, { nil: undefined }),
  }),
  fc.record({
    type: fc.constant("ask_question"),
    actor: fc.constant("target"),
    question: fc.string(),
  }),
  fc.record({
    type: fc.constant("bounce"),
    actor: fc.constant("system"),
    address: fc.constant("maya@example.com"),
  }),
  fc.constant({ type: "meeting_time_passed", actor: "system" } as IntroEvent),
  // Any actor trying any event type: the table must refuse the wrong ones.
  fc.record({
    type: fc.constantFrom("submit", "accept", "decline", "forward_for_consent", "report_outcome"),
    actor: fc.constantFrom("requester", "introducer", "target", "system"),
    evidence: fc.constant({ via: "click", confidence: 1, authenticated: true }),
    rating: fc.constant("great"),
    thanked: fc.constant(true),
  }) as fc.Arbitrary<IntroEvent>,
  // A timer event picked later from the intro's own timers (or a made-up, stale one).
  fc.constant({
    type: "timer_fired",
    actor: "system",
    timer: "follow_up",
    n: 1,
    dueAt: "",
  } as IntroEvent),
);

const step = fc.record({
  event: anyEvent,
  // Time moves in realistic jumps (integers alone are biased to tiny values).
  advanceMs: fc.oneof(
    fc.constantFrom(0, 3_600_000, 86_400_000, 3 * 86_400_000, 8 * 86_400_000),
    fc.integer({ min: 0, max: 9 * 86_400_000 }),
  ),
  pick: fc.nat(),
  // Independent of `pick`, so the choice of timer is not tied to the choice of event.
  pickTimer: fc.nat(),
  // Half the steps pick an event the lifecycle allows now, so the walk goes deep.
  guided: fc.boolean(),
  evidence,
});

/** A well-formed event of a given type, with random evidence for accept. */
function wellFormed(
  type: EventType,
  actor: string,
  now: Date,
  ev: IntroEvent & object,
): IntroEvent {
  const later = (h: number) => new Date(now.getTime() + h * 3_600_000).toISOString();
  const e: Record<string, unknown> = { type, actor };
  if (type === "confirm_meeting")
    Object.assign(e, { start: later(24), end: later(25), timeZone: "UTC" });
  if (type === "report_outcome") Object.assign(e, { rating: "great", thanked: true });
  if (type === "ask_for_changes") e.note = "say more";
  if (type === "ask_question") e.question = "why me?";
  if (type === "bounce") e.address = "maya@example.com";
  if (type === "accept") e.evidence = (ev as { evidence?: unknown }).evidence;
  return e as unknown as IntroEvent;
}
const POST_CONSENT = ["introduced", "connected", "scheduled", "met", "completed", "stalled"];

describe("transition under random event sequences", () => {
  it("never breaks an invariant of LIFECYCLE.md", () => {
    const reached = new Set<string>();
    fc.assert(
      fc.property(
        fc.array(step, { minLength: 10, maxLength: 40, size: "max" }),
        fc.boolean(),
        // Some walks start from an intro already introduced (through the real transitions),
        // so the late statuses (stalled, met, completed) get explored as much as the early ones.
        fc.boolean(),
        (steps, knownTarget, startIntroduced) => {
          let intro: Intro = seedIntro(
            knownTarget || startIntroduced ? {} : { target: { name: "Maya", email: null } },
          );
          let now = T0;
          let consentSeen = false;
          if (startIntroduced) {
            for (const e of [
              { type: "submit", actor: "requester" },
              { type: "forward_for_consent", actor: "introducer" },
              {
                type: "accept",
                actor: "target",
                evidence: { via: "click", confidence: 1, authenticated: true },
              },
            ] as IntroEvent[]) {
              intro = transition(intro, e, now).intro;
            }
            consentSeen = true;
          }
          for (const {
            event: rawEvent,
            advanceMs,
            pick,
            pickTimer,
            guided,
            evidence: ev,
          } of steps) {
            now = new Date(now.getTime() + advanceMs);
            let raw = rawEvent;
            if (guided) {
              const options = (["requester", "introducer", "target", "system"] as const).flatMap(
                (a) => allowedEvents(intro, a).map((t) => [t, a] as const),
              );
              // A third of the guided steps let time act, so the walk also reaches what only timers
              // cause (expired, stalled, met).
              const timerOption = options.find(([t]) => t === "timer_fired");
              const choice =
                timerOption && pickTimer % 3 === 0
                  ? timerOption
                  : options[pick % Math.max(1, options.length)];
              if (choice)
                raw = wellFormed(choice[0], choice[1], now, {
                  type: "accept",
                  actor: "target",
                  evidence: ev,
                });
            }
            let event = raw;
            if (raw.type === "timer_fired") {
              // Mostly a due timer (so the walk reaches what timers cause), sometimes an early one.
              const all = timersFor(intro);
              const due = all.filter((x) => x.dueAt <= now.toISOString());
              const timers = due.length && pickTimer % 4 !== 0 ? due : all;
              const t = timers[pickTimer % Math.max(1, timers.length)];
              event = t
                ? { type: "timer_fired", actor: "system", timer: t.name, n: t.n, dueAt: t.dueAt }
                : { ...raw, dueAt: now.toISOString() };
            }
            const before = structuredClone(intro);
            let r: ReturnType<typeof transition>;
            try {
              r = transition(intro, event, now);
            } catch (e) {
              // Refusals are coded errors and leave the intro untouched.
              expect(e).toBeInstanceOf(VouchError);
              expect(intro).toEqual(before);
              continue;
            }
            // Terminal statuses accept nothing but the target's private feedback (which keeps
            // the status), and stale timers (which change nothing).
            if (isTerminal(before.status)) {
              if (event.type === "report_outcome" && event.actor === "target") {
                expect(r.intro.status).toBe(before.status);
              } else expect(r.changed).toBe(false);
            }
            if (!r.changed) {
              expect(r.effects).toEqual([]);
              continue;
            }
            const next = r.intro;
            expect(STATUSES).toContain(next.status);
            if (event.type === "accept") {
              // Only a confident, authenticated yes is consent.
              expect(event.evidence.authenticated).toBe(true);
              expect(event.evidence.confidence).toBeGreaterThanOrEqual(CONSENT_MIN_CONFIDENCE);
              consentSeen = true;
            }
            // Nothing reaches `introduced` (or beyond) without a recorded accept.
            if (POST_CONSENT.includes(next.status)) {
              expect(consentSeen).toBe(true);
              expect(next.consent).not.toBeNull();
            }
            // The introducer's own introduction is recorded only after the target's yes.
            if (event.type === "own_intro_sent") expect(before.consent).not.toBeNull();
            for (const eff of r.effects) {
              if (eff.template === "introduction" || eff.template === "own_intro_ready")
                expect(next.consent).not.toBeNull();
              // The target's private reason never travels to the requester.
              if (eff.to.includes("requester"))
                expect(JSON.stringify(eff.data)).not.toContain("private reason");
            }
            if (isTerminal(next.status)) expect(r.timers).toEqual([]);
            // The requester never sees the target's address before consent.
            const asRequester = viewIntro(next, [], "requester", { mailDomain: "vouch.localhost" });
            if (!next.consent) expect(asRequester.target.email).toBeNull();
            expect(asRequester).not.toHaveProperty("declineReason", expect.anything());
            intro = next;
            reached.add(next.status);
          }
        },
      ),
      { numRuns: 2000 },
    );
    // The random walk must actually explore the lifecycle, or the checks above prove little.
    expect([...reached].sort()).toEqual([...STATUSES].sort());
  });
});
