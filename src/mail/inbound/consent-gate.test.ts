import { describe, expect, it } from "vitest";
import { consentGate, describeGate } from "./consent-gate.ts";

const now = new Date("2026-12-01T10:00:00Z");
const gate = (text: string, dates: string[] = []) => consentGate(text, { now, dates });

describe("consentGate", () => {
  it.each([
    "Yes",
    "Sure!",
    "Sure thing 🙂",
    "Yes please, go ahead.",
    "Sure Jane! Loop her in.",
    "Happy to chat with Alice this week.",
    "No problem, happy to help.",
    "Oui, avec plaisir.",
    "Ja, gerne!",
    "¡Sí, claro!",
    "Absolutely. My email is maya@acme.com",
    "Sure! When would suit her?",
  ])("opens for a clear yes: %j", (text) => {
    expect(gate(text)).toMatchObject({ open: true, blockers: [] });
  });

  it.each([
    ["Sure is a busy week for me", null],
    ["Definitely a busy season.", null],
    ["Of course you'd ask me now.", null],
  ])("finds no answer-shaped yes in %j", (text, affirmative) => {
    expect(gate(text).affirmative).toBe(affirmative);
    expect(gate(text).open).toBe(false);
  });

  it.each([
    ["Yes, but only on Fridays.", "contrast"],
    ["Sure, if she keeps it short.", "condition"],
    ["Oui, si elle veut.", "condition"],
    ["Happy to, ask me again later.", "deferral"],
    ["Ja, gerne! Aber erst nächsten Monat.", "deferral"],
    ["Yes, maybe.", "hedge"],
    ["Yes, I don't mind.", "negation"],
    ["Please stop emailing me. Yes, I mean it.", "refusal"],
    ["Sure, unsubscribe me.", "unsubscribe"],
    ["Sure, yeah right 🙄", "sarcasm"],
    ["Avec plaisir, je suis absente jusqu'au 5 janvier.", "out_of_office"],
    ["Yes, I got your email.", "acknowledgement"],
    ["Sure, who is she?", "question"],
    ["Yes, I remember Alice from the offsite.", "other_subject"],
  ])("closes on %j (%s)", (text, kind) => {
    const v = gate(text);
    expect(v.open).toBe(false);
    expect(v.blockers.map((b) => b.kind)).toContain(kind);
  });

  it("closes on a date beyond the next two weeks, and not on one inside them", () => {
    expect(gate("Sure, let's talk then.", ["2027-01-15"]).blockers).toEqual([
      { kind: "future_date", text: "2027-01-15" },
    ]);
    expect(gate("Sure, let's talk then.", ["2026-12-04"]).open).toBe(true);
  });

  it("says in one line how it read a closed reply, quoting the words", () => {
    expect(describeGate(gate("Sure, if she keeps it short."))).toBe(
      "It says “sure”, but also a condition (“if”), so we'd rather not guess.",
    );
    expect(describeGate(gate("Definitely a busy season."))).toMatch(/didn't find a clear yes/);
  });
});
