import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { describeAge, monthYear, strengthOf } from "./strength.ts";
import type { EdgeEvidence } from "./types.ts";

const NOW = new Date("2025-04-01T12:00:00.000Z");
const ago = (days: number) => new Date(NOW.getTime() - days * 86_400_000).toISOString();
const NONE: EdgeEvidence = {
  linkedin: null,
  inAddressBook: false,
  mail: null,
  vouch: null,
  override: null,
};
const mail = (
  sent: number,
  received: number,
  others: number,
  lastDaysAgo: number,
): EdgeEvidence["mail"] => ({
  sent,
  received,
  sentPersonal: others <= 2 ? sent : 0,
  meanOtherRecipients: others,
  lastSentAt: sent ? ago(lastDaysAgo) : null,
  lastReceivedAt: received ? ago(lastDaysAgo) : null,
  firstAt: ago(lastDaysAgo + 300),
});

describe("strengthOf: the documented examples (docs/warm-paths.md)", () => {
  it.each([
    [{ ...NONE, mail: mail(14, 14, 0, 21) }, 0.873, ["14 emails each way, last 3 weeks ago"]],
    [
      { ...NONE, vouch: { intros: 2, met: 1, lastAt: ago(30) } },
      0.754,
      ["2 intros together through Vouch, 1 met, last 1 month ago"],
    ],
    [
      { ...NONE, mail: mail(3, 3, 8, 183), linkedin: { connectedOn: null } },
      0.179,
      ["3 emails each way, mostly with 8 others, last 6 months ago", "LinkedIn connection"],
    ],
    [{ ...NONE, inAddressBook: true }, 0.15, ["In your address book, no emails"]],
    [
      { ...NONE, linkedin: { connectedOn: "2024-03-12" } },
      0.12,
      ["LinkedIn connection since Mar 2024, no emails"],
    ],
    [
      { ...NONE, linkedin: { connectedOn: "2024-03-12" }, inAddressBook: true },
      0.2,
      ["LinkedIn connection since Mar 2024, no emails", "In your address book"],
    ],
    [{ ...NONE, mail: mail(5, 0, 0, 8) }, 0.113, ["5 emails to them, no reply, last 1 week ago"]],
    [
      { ...NONE, mail: mail(0, 1, 0, 1) },
      0.025,
      ["1 email from them, none answered, last yesterday"],
    ],
    [{ ...NONE, mail: mail(9, 14, 1, 0) }, 0.803, ["9 emails to them, 14 from them, last today"]],
    [NONE, 0, ["No shared history"]],
    [{ ...NONE, inAddressBook: true, override: 0.9 }, 0.9, ["You set this yourself"]],
    [{ ...NONE, mail: mail(40, 40, 0, 0), override: 0 }, 0, ["You set this yourself"]],
  ] as [EdgeEvidence, number, string[]][])("%# → %s", (e, score, reasons) => {
    expect(strengthOf(e, NOW)).toEqual({ score, reasons });
  });

  it("weighs a meeting through Vouch and replies both ways far above a bare connection or one-way mail", () => {
    const s = (e: Partial<EdgeEvidence>) => strengthOf({ ...NONE, ...e }, NOW).score;
    const met = s({ vouch: { intros: 1, met: 1, lastAt: ago(10) } });
    const replies = s({ mail: mail(5, 5, 0, 10) });
    const oneWay = s({ mail: mail(10, 0, 0, 10) });
    const group = s({ mail: mail(5, 5, 20, 10) });
    const linkedin = s({ linkedin: { connectedOn: "2020-01-01" } });
    expect(met).toBeGreaterThan(0.6);
    expect(replies).toBeGreaterThan(0.5);
    expect(oneWay).toBeLessThan(0.25);
    expect(group).toBeLessThan(replies / 2);
    expect(linkedin).toBeGreaterThanOrEqual(0.1);
    expect(linkedin).toBeLessThanOrEqual(0.15);
    // Points halve in about four months without contact.
    const old = s({ mail: mail(5, 5, 0, 130) });
    expect(old).toBeLessThan(replies * 0.7);
  });
});

// --- Properties ------------------------------------------------------------------------------------

const isoWithin = fc.integer({ min: 0, max: 4000 }).map((d) => ago(d));
const mailArb = fc.record({
  sent: fc.nat(500),
  received: fc.nat(500),
  sentPersonal: fc.nat(500),
  meanOtherRecipients: fc.double({ min: 0, max: 200, noNaN: true }),
  lastSentAt: fc.option(isoWithin, { nil: null }),
  lastReceivedAt: fc.option(isoWithin, { nil: null }),
  firstAt: isoWithin,
});
const evidence: fc.Arbitrary<EdgeEvidence> = fc.record({
  linkedin: fc.option(
    fc.record({ connectedOn: fc.option(fc.constant("2021-06-01"), { nil: null }) }),
    { nil: null },
  ),
  inAddressBook: fc.boolean(),
  mail: fc.option(mailArb, { nil: null }),
  vouch: fc.option(
    fc.record({ intros: fc.nat(50), met: fc.nat(50), lastAt: fc.option(isoWithin, { nil: null }) }),
    { nil: null },
  ),
  override: fc.constant(null),
});
const score = (e: EdgeEvidence) => strengthOf(e, NOW).score;
const shift = (iso: string | null, days: number) =>
  iso === null ? null : new Date(Date.parse(iso) - days * 86_400_000).toISOString();

describe("strengthOf (properties)", () => {
  it("is always within 0..1 and always says why", () => {
    fc.assert(
      fc.property(
        evidence,
        fc.option(fc.double({ min: -5, max: 5, noNaN: true }), { nil: null }),
        (e, override) => {
          const s = strengthOf({ ...e, override }, NOW);
          expect(s.score).toBeGreaterThanOrEqual(0);
          expect(s.score).toBeLessThanOrEqual(1);
          expect(s.reasons.length).toBeGreaterThan(0);
        },
      ),
      { numRuns: 500 },
    );
  });

  it("more mail each way never lowers the score", () => {
    fc.assert(
      fc.property(evidence, mailArb, fc.integer({ min: 1, max: 20 }), (e, m, more) => {
        const before = { ...e, mail: m };
        const after = { ...e, mail: { ...m, sent: m.sent + more, received: m.received + more } };
        expect(score(after)).toBeGreaterThanOrEqual(score(before));
      }),
      { numRuns: 500 },
    );
  });

  it("an older last contact never raises the score", () => {
    fc.assert(
      fc.property(evidence, fc.integer({ min: 1, max: 2000 }), (e, days) => {
        const older: EdgeEvidence = {
          ...e,
          mail: e.mail && {
            ...e.mail,
            lastSentAt: shift(e.mail.lastSentAt, days),
            lastReceivedAt: shift(e.mail.lastReceivedAt, days),
            firstAt: shift(e.mail.firstAt, days) as string,
          },
          vouch: e.vouch && { ...e.vouch, lastAt: shift(e.vouch.lastAt, days) },
        };
        expect(score(older)).toBeLessThanOrEqual(score(e));
      }),
      { numRuns: 500 },
    );
  });

  it("being connected or in the address book too never lowers the score", () => {
    fc.assert(
      fc.property(evidence, (e) => {
        expect(score({ ...e, inAddressBook: true })).toBeGreaterThanOrEqual(score(e));
        expect(
          score({ ...e, linkedin: e.linkedin ?? { connectedOn: null } }),
        ).toBeGreaterThanOrEqual(score(e));
      }),
      { numRuns: 300 },
    );
  });

  it("the member's own correction always wins", () => {
    fc.assert(
      fc.property(evidence, fc.double({ min: 0, max: 1, noNaN: true }), (e, override) => {
        expect(strengthOf({ ...e, override }, NOW)).toEqual({
          score: override,
          reasons: ["You set this yourself"],
        });
      }),
      { numRuns: 300 },
    );
  });
});

describe("describeAge and monthYear", () => {
  it.each([
    [0, "today"],
    [0.9, "today"],
    [1, "yesterday"],
    [4, "4 days ago"],
    [7, "1 week ago"],
    [21, "3 weeks ago"],
    [29, "4 weeks ago"],
    [30, "1 month ago"],
    [75, "2 months ago"],
    [364, "11 months ago"],
    [365, "1 year ago"],
    [800, "2 years ago"],
    [-3, "today"],
  ])("%s days → %s", (days, words) => {
    expect(describeAge(ago(days), NOW)).toBe(words);
  });

  it("says so when a date does not read", () => {
    expect(describeAge("not a date", NOW)).toBe("some time ago");
    expect(monthYear("2024-03-12")).toBe("Mar 2024");
    expect(monthYear("2024-13-01")).toBeNull();
    expect(monthYear(null)).toBeNull();
  });
});
