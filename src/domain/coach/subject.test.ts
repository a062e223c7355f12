import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseRequestSubject } from "./subject.ts";

describe("parseRequestSubject", () => {
  it("reads the seed's subject, target first", () => {
    expect(parseRequestSubject("REQUEST: intro Maya <> Alice.")).toEqual({
      target: "Maya",
      requester: "Alice",
    });
  });

  it.each([
    ["REQUEST: intro Maya <> Alice", "Maya", "Alice"],
    ["request: INTRO Maya <> Alice", "Maya", "Alice"],
    ["Intro request: Maya <> Alice", "Maya", "Alice"],
    ["Intro: Maya / Alice", "Maya", "Alice"],
    ["Re: REQUEST: intro Maya <> Alice", "Maya", "Alice"],
    ["Fwd: Re: intro Maya <> Alice", "Maya", "Alice"],
    ["AW: Intro: Maya <-> Alice", "Maya", "Alice"],
    ["[vouch] intro Maya <=> Alice", "Maya", "Alice"],
    ["Maya <> Alice", "Maya", "Alice"],
    ["Maya ↔ Alice", "Maya", "Alice"],
    ["Intro: Maya x Alice", "Maya", "Alice"],
    ["Introduction: Maya & Alice", "Maya", "Alice"],
    ["Intro request - Dr. Helen Okafor <> Daniel Weiss", "Dr. Helen Okafor", "Daniel Weiss"],
    ["Intro request: Maya Lopez (Stripe) <> Alice", "Maya Lopez", "Alice"],
    ["intro: gabriel <-> mina", "gabriel", "mina"],
    ["Introduction request — Kofi Boateng <> Amara Eze", "Kofi Boateng", "Amara Eze"],
  ])("%s", (subject, target, requester) => {
    expect(parseRequestSubject(subject)).toEqual({ target, requester });
  });

  it.each([
    ["intro to Maya", "Maya"],
    ["Intro to Maya Chen?", "Maya Chen"],
    ["Re: intro to Maya Chen", "Maya Chen"],
    ["intro to Marco pls 🙏", "Marco"],
    ["Would love an intro to Priya", "Priya"],
    ["Could you introduce me to Tomasz Kowalski?", "Tomasz Kowalski"],
    ["intro to maya", "maya"],
  ])("the one-sided form %s", (subject, target) => {
    expect(parseRequestSubject(subject)).toEqual({ target });
  });

  it.each([
    "Quick question",
    "intro to someone at Figma?",
    "REQUEST: intro to folks in climate",
    "Fundraising - any intros appreciated!",
    "Q3 / Q4 plans",
    "Help finding my next role",
    "",
  ])("finds no single person in %j", (subject) => {
    expect(parseRequestSubject(subject)).toBeNull();
  });

  it("reads a requester-first pair the other way round when it knows the requester", () => {
    expect(parseRequestSubject("Intro: Jonas / Elena", { requesterName: "Jonas" })).toEqual({
      target: "Elena",
      requester: "Jonas",
    });
    expect(parseRequestSubject("Intro: Jonas / Elena", { targetName: "Elena Berg" })).toEqual({
      target: "Elena",
      requester: "Jonas",
    });
  });

  it("reads any pair of names with any prefix and trailing dot", () => {
    const name = fc
      .tuple(
        fc.constantFrom(..."ABCDEFGHIJKLMNOPRSTVWZ"),
        fc.stringMatching(/^[a-z]{1,9}$/),
        fc.option(fc.tuple(fc.constantFrom(..."BCDKLMNRS"), fc.stringMatching(/^[a-z]{2,8}$/))),
      )
      .map(([a, b, last]) => (last ? `${a}${b} ${last[0]}${last[1]}` : `${a}${b}`))
      // Words the parser rightly refuses as names: prefixes, articles, pronouns, audiences.
      .filter(
        (n) =>
          !/^(?:Intro|Request|Re|Fwd|Fw|Aw|Sv|Tr|Wg|Vs|Rv|Enc|Antw|The|An?|My|Your|Our|Their|His|Her|Any|Some|All|Me|You|Us|Them|Team|People|Folks)\b/i.test(
            n,
          ),
      );
    fc.assert(
      fc.property(
        name,
        name,
        fc.constantFrom("", "Re: ", "Fwd: ", "RE: FW: "),
        fc.constantFrom("REQUEST: intro", "request: intro", "Intro request:", "Intro:"),
        fc.constantFrom(" <> ", " <-> ", "<>", " ↔ "),
        fc.constantFrom("", ".", " "),
        (target, requester, prefix, lead, sep, end) => {
          const parsed = parseRequestSubject(`${prefix}${lead} ${target}${sep}${requester}${end}`);
          expect(parsed).toEqual({ target, requester });
        },
      ),
    );
  });
});
