import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ContactRecord, ScoreEdge } from "./contact-record.ts";
import type { PathCandidate } from "./path-candidate.ts";
import { pathScore, rankPaths, trackScore } from "./path-rank.ts";
import { strengthOf } from "./strength.ts";
import { contactRecord } from "./test-records.ts";

const NOW = new Date("2026-12-01T10:00:00.000Z");
/** A stand-in formula that reads the correction as the score, and says where it came from. */
const score: ScoreEdge = (e) => ({
  score: (e.override ?? 0) + (e.vouch ? 0.05 * e.vouch.intros : 0),
  reasons: [`score ${e.override ?? 0}`, ...(e.vouch ? [`${e.vouch.intros} intros together`] : [])],
});

const row = (key: string, strength: number, over: Partial<ContactRecord> = {}) =>
  contactRecord(key, {
    evidence: { linkedin: null, inAddressBook: true, mail: null, override: strength },
    strength,
    ...over,
  });

function cand(email: string, toTarget: number, own: number | null, made = 0): PathCandidate {
  return {
    introducer: { email, name: email.split("@")[0]?.replace(/^./, (c) => c.toUpperCase()) ?? null },
    contact: row("maya@x.io", toTarget, { name: "Maya Lopez", company: "Northwind" }),
    own: own === null ? null : row(email, own),
    together: null,
    withRequester: null,
    track: { made, accepted: made, thanked: made },
  };
}

const rank = (c: PathCandidate[], limit = 10) => rankPaths(c, { now: NOW, score, limit });

describe("rankPaths", () => {
  it("puts the introducer who knows the person best first, then the one you know", () => {
    const r = rank([
      cand("bob@x.io", 0.3, 0.9),
      cand("jane@x.io", 0.8, null),
      cand("carol@x.io", 0.8, 0.7),
    ]);
    expect(r.map((p) => p.introducer.email)).toEqual(["carol@x.io", "jane@x.io", "bob@x.io"]);
    expect(r[0]).toEqual({
      introducer: { name: "Carol", email: "carol@x.io" },
      // 0.8 × (0.7 + 0.2 × 0.7)
      strength: 0.67,
      reasons: [
        "Carol knows Maya Lopez: score 0.8",
        "You know Carol: score 0.7",
        "Carol has not made an intro through Vouch yet",
      ],
      contact: { name: "Maya Lopez", company: "Northwind" },
    });
    expect(r[1]?.reasons[1]).toBe("You have no tie to Jane in Vouch yet");
  });

  it("counts intros together and the introducer's record, in words", () => {
    const c = cand("jane@x.io", 0.5, null, 4);
    c.together = { intros: 2, met: 1, lastAt: NOW.toISOString() };
    c.withRequester = { intros: 1, met: 1, lastAt: NOW.toISOString() };
    c.track = { made: 4, accepted: 3, thanked: 1 };
    const [p] = rank([c]);
    expect(p?.reasons).toEqual([
      "Jane knows Maya Lopez: score 0.5; 2 intros together",
      "You know Jane: score 0; 1 intros together",
      "Jane has made 4 intros through Vouch: 3 accepted, 1 thanked",
    ]);
  });

  it("tells the introducer's reasons as theirs, not the reader's (the real formula)", () => {
    const c = cand("jane@x.io", 0, null);
    c.contact.evidence = { linkedin: null, inAddressBook: true, mail: null, override: null };
    const own = cand("jane@x.io", 0.9, 0.9).own as ContactRecord;
    c.own = own;
    const [p] = rankPaths([c], { now: NOW, score: strengthOf, limit: 1 });
    expect(p?.reasons.slice(0, 2)).toEqual([
      "Jane knows Maya Lopez: In Jane's address book, no emails",
      "You know Jane: You set this yourself",
    ]);
    c.contact.evidence.override = 0.8;
    const [q] = rankPaths([c], { now: NOW, score: strengthOf, limit: 1 });
    expect(q?.reasons[0]).toBe("Jane knows Maya Lopez: Jane rated this tie themselves");
  });

  it("keeps to the limit and never names more than the one contact", () => {
    const many = Array.from({ length: 30 }, (_, i) => cand(`m${i}@x.io`, i / 30, null));
    const r = rank(many, 5);
    expect(r).toHaveLength(5);
    expect(r[0]?.introducer.email).toBe("m29@x.io");
    for (const p of r) expect(Object.keys(p.contact).sort()).toEqual(["company", "name"]);
  });

  it("scores between 0 and 1, rising with each of its parts (property)", () => {
    const unit = fc.double({ min: 0, max: 1, noNaN: true });
    fc.assert(
      fc.property(unit, unit, unit, unit, (a, b, c, d) => {
        const s = pathScore(a, b, c);
        expect(s).toBeGreaterThanOrEqual(0);
        expect(s).toBeLessThanOrEqual(1);
        expect(s).toBeLessThanOrEqual(a);
        expect(pathScore(Math.max(a, d), b, c)).toBeGreaterThanOrEqual(s);
        expect(pathScore(a, Math.max(b, d), c)).toBeGreaterThanOrEqual(s);
        expect(pathScore(a, b, Math.max(c, d))).toBeGreaterThanOrEqual(s);
      }),
    );
    const count = fc.nat({ max: 200 });
    fc.assert(
      fc.property(count, count, count, (made, accepted, thanked) => {
        const t = trackScore({ made, accepted, thanked });
        expect(t).toBeGreaterThanOrEqual(0);
        expect(t).toBeLessThan(1);
        if (accepted < made)
          expect(trackScore({ made, accepted: accepted + 1, thanked })).toBeGreaterThanOrEqual(t);
      }),
    );
  });

  it("orders any candidates best first, with no one twice (property)", () => {
    const arb = fc.array(
      fc.record({
        i: fc.nat({ max: 1000 }),
        t: fc.double({ min: 0, max: 1, noNaN: true }),
        o: fc.option(fc.double({ min: 0, max: 1, noNaN: true })),
        m: fc.nat({ max: 20 }),
      }),
      { maxLength: 40 },
    );
    fc.assert(
      fc.property(arb, fc.integer({ min: 1, max: 50 }), (xs, limit) => {
        const uniq = [...new Map(xs.map((x) => [x.i, x])).values()];
        const r = rank(
          uniq.map((x) => cand(`m${x.i}@x.io`, x.t, x.o, x.m)),
          limit,
        );
        expect(r.length).toBe(Math.min(limit, uniq.length));
        for (let k = 1; k < r.length; k++)
          expect((r[k - 1] as { strength: number }).strength).toBeGreaterThanOrEqual(
            (r[k] as { strength: number }).strength,
          );
      }),
    );
  });
});
