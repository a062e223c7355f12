import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { newIntro } from "../domain/intro.ts";
import type { Intro } from "../domain/types.ts";
import { type SenderAuth, unchecked } from "../mail/inbound/authenticity.ts";
import {
  type ConsentClassification,
  type ConsentIntent,
  classifyConsentReply,
} from "../mail/inbound/classify-consent-reply.ts";
import { decideConsent, decideThread, decideTriage } from "./decide-reply.ts";

const now = new Date("2026-12-01T10:00:00Z");
const intro = (status: Intro["status"]): Intro => ({
  ...newIntro(
    {
      requester: { name: "Alice", email: "alice@example.com" },
      introducer: { name: "Jane", email: "jane@example.com" },
      target: { name: "Maya", email: "maya@example.com" },
      requestText: "Hey Jane, could you introduce me to Maya?",
      targetProfile: null,
      proposedTimes: [],
    },
    { id: "in_test", threadToken: "tok" },
    now,
  ),
  status,
});
const pass: SenderAuth = { ...unchecked(""), authenticated: true, reasons: ["DMARC passes"] };
const fail = unchecked("DMARC fail for example.com");
const reading = (intent: ConsentIntent, confidence = 0.9): ConsentClassification => ({
  intent,
  confidence,
  reply: "Happy to chat!",
  dates: [],
  links: [],
  schedulingLinks: [],
  reasons: [],
});

describe("decideConsent", () => {
  it("accepts only an authenticated, confident yes", () => {
    const i = intro("consent_requested");
    expect(decideConsent(i, reading("accept"), pass, now).events[0]?.event).toMatchObject({
      type: "accept",
      evidence: { via: "reply", authenticated: true },
    });
    expect(decideConsent(i, reading("accept"), fail, now).events[0]?.event).toMatchObject({
      type: "reply_unclear",
      reason: "unverified",
      quote: "Happy to chat!",
    });
    expect(decideConsent(i, reading("accept", 0.6), pass, now).events[0]?.event).toMatchObject({
      type: "reply_unclear",
      reason: "unclear",
    });
  });

  it("obeys no answer at all from an unauthenticated sender, and ignores automatic mail", () => {
    const i = intro("consent_requested");
    for (const intent of ["decline", "defer", "question"] as const)
      expect(decideConsent(i, reading(intent), fail, now).events[0]?.event).toMatchObject({
        type: "reply_unclear",
        reason: "unverified",
      });
    expect(decideConsent(i, reading("auto_reply"), fail, now)).toMatchObject({
      status: "ignored",
      events: [],
    });
  });

  it("never decides an accept for a reply whose sender does not authenticate (property)", () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 200 }),
        fc.constantFrom<Intro["status"]>("consent_requested", "deferred"),
        (text, status) => {
          const d = decideConsent(intro(status), classifyConsentReply(text, { now }), fail, now);
          expect(d.events.some((e) => e.event.type === "accept")).toBe(false);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe("decideTriage", () => {
  const c = {
    intent: "forward" as const,
    confidence: 0.9,
    reply: "Sure, I'll ask her",
    reasons: [],
  };
  it("forwards only for an authenticated introducer", () => {
    const i = intro("requested");
    expect(decideTriage(i, c, pass).events[0]?.event.type).toBe("forward_for_consent");
    expect(decideTriage(i, c, fail).events[0]?.event).toMatchObject({
      type: "reply_unclear",
      actor: "introducer",
      reason: "unverified",
    });
  });
});

describe("decideThread", () => {
  it("relays, offers times and confirms an agreed meeting, in that order", () => {
    const d = decideThread("requester", {
      subject: "Re: intro",
      reply: "Thursday at 3pm works for me",
      movedIntroducerToBcc: true,
      alreadyTo: ["target"],
      offered: [],
      times: ["2026-12-03T15:00:00Z"],
      links: ["https://calendly.com/alice/20min"],
      agreed: {
        start: "2026-12-03T15:00:00.000Z",
        end: "2026-12-03T15:30:00.000Z",
        timeZone: "UTC",
      },
    });
    expect(d.events.map((e) => [e.event.type, !!e.optional])).toEqual([
      ["reply_in_thread", false],
      ["propose_times", false],
      ["confirm_meeting", true],
    ]);
  });
});
