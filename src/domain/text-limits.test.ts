import { describe, expect, it } from "vitest";
import { checkEventText, LIMITS, personName, subjectLine } from "./text-limits.ts";

const INVISIBLES = [
  ...["202A", "202B", "202C", "202D", "202E", "2066", "2067", "2068", "2069"],
  ...["200B", "200C", "200D", "2060", "FEFF"],
  ...["0000", "0007", "001B", "007F", "0080", "009B", "009F"],
].map((hex) => String.fromCodePoint(Number.parseInt(hex, 16)));

const failure = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return e as { code: string; message: string; details: Record<string, unknown> };
  }
  throw new Error("did not fail");
};

describe("the shared text validator", () => {
  it.each(INVISIBLES)("refuses %j in a name and a subject, naming the field", (ch) => {
    const name = failure(() => personName(`Ma${ch}ya`, "target.name"));
    expect(name).toMatchObject({ code: "INVALID_INPUT", details: { field: "target.name" } });
    expect(name.message).toMatch(/^The target's name contains an invisible or control/);
    expect(name.message).toContain(
      `U+${ch.codePointAt(0)?.toString(16).toUpperCase().padStart(4, "0")}`,
    );
    expect(failure(() => subjectLine(`REQUEST: intro ${ch}Maya`))).toMatchObject({
      code: "INVALID_INPUT",
      details: { field: "subject" },
    });
  });

  it("keeps line breaks a header injection, and a tab mere white space", () => {
    expect(failure(() => personName("Maya\r\nBcc: x@evil.test", "name")).code).toBe(
      "HEADER_INJECTION",
    );
    expect(failure(() => subjectLine("a\u2028b")).code).toBe("HEADER_INJECTION");
    expect(personName("Maya\tLopez", "name")).toBe("Maya Lopez");
  });

  it("normalizes names to NFC and keeps other scripts and emoji", () => {
    expect(personName("Jose\u0301  Garci\u0301a", "name")).toBe("José García");
    for (const n of ["מאיה", "مايا", "玛雅", "Maya 🚀", "Zoë"])
      expect(personName(n, "name")).toBe(n);
  });

  it("holds names to 120 characters and subjects to 200", () => {
    expect(personName("a".repeat(LIMITS.name), "name")).toHaveLength(120);
    const long = failure(() => personName("a".repeat(121), "requester.name"));
    expect(long).toMatchObject({ code: "INVALID_INPUT", details: { field: "requester.name" } });
    expect(long.message).toBe(
      "The requester's name is too long: at most 120 characters (it has 121)",
    );
    expect(subjectLine("s".repeat(200))).toHaveLength(200);
    expect(failure(() => subjectLine("s".repeat(201))).details.field).toBe("subject");
  });

  it("holds an event's notes to 2,000 characters and a revised request to 10,000", () => {
    const note = "n".repeat(LIMITS.note + 1);
    expect(
      failure(() => checkEventText({ type: "decline", actor: "introducer", reason: note })),
    ).toMatchObject({ code: "INVALID_INPUT", details: { field: "reason" } });
    expect(
      failure(() => checkEventText({ type: "ask_for_changes", actor: "introducer", note })),
    ).toMatchObject({ details: { field: "note" } });
    expect(
      failure(() => checkEventText({ type: "ask_question", actor: "target", question: note })),
    ).toMatchObject({ details: { field: "question" } });
    expect(
      failure(() =>
        checkEventText({ type: "revise", actor: "requester", requestText: "r".repeat(10_001) }),
      ),
    ).toMatchObject({ details: { field: "request" } });
    const ok = checkEventText({ type: "decline", actor: "target", reason: "n".repeat(2000) });
    expect(ok).toMatchObject({ reason: "n".repeat(2000) });
  });

  it("cuts an emailed note to the limit instead of refusing it", () => {
    const e = checkEventText(
      { type: "decline", actor: "target", reason: "n".repeat(5000) },
      { clip: true },
    ) as { reason: string };
    expect(e.reason).toHaveLength(LIMITS.note);
    expect(e.reason.endsWith("…")).toBe(true);
  });
});
