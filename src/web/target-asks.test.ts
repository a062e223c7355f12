import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { askedThroughText, namesInWords, openRequestWarning, timesInWords } from "./target-asks.ts";

describe("the triage line about a target's recent asks", () => {
  it("says how often and through whom, with the reader as you", () => {
    const bob = { email: "bob@example.com", name: "Bob", asks: 1 };
    const carol = { email: "carol@example.com", name: "Carol", asks: 1 };
    expect(askedThroughText("Maya", [bob, carol], "jane@example.com")).toBe(
      "Maya was asked twice this month, through Bob and Carol.",
    );
    expect(askedThroughText("Maya", [{ ...bob, asks: 2 }], "Bob@Example.com")).toBe(
      "Maya was asked twice this month, through you.",
    );
    expect(
      askedThroughText("Maya", [bob, carol, { email: "j@x.io", name: "Jane", asks: 3 }], "j@x.io"),
    ).toBe("Maya was asked 5 times this month, through Bob, Carol and you.");
    expect(askedThroughText("Maya", [], "jane@example.com")).toBeNull();
  });

  it("counts every ask and names each introducer once", () => {
    const row = fc.record({
      email: fc.emailAddress(),
      name: fc.string({ minLength: 1, maxLength: 12 }).filter((s) => !/[,.]| and /.test(s)),
      asks: fc.integer({ min: 1, max: 5 }),
    });
    fc.assert(
      fc.property(
        fc.uniqueArray(row, { selector: (r) => r.email, minLength: 1, maxLength: 6 }),
        (rows) => {
          const text = askedThroughText("Maya", rows, "reader@example.invalid") ?? "";
          const total = rows.reduce((s, r) => s + r.asks, 0);
          expect(
            text.startsWith(`Maya was asked ${timesInWords(total)} this month, through `),
          ).toBe(true);
          expect(text.endsWith(`${namesInWords(rows.map((r) => r.name))}.`)).toBe(true);
        },
      ),
    );
  });

  it("words small counts and lists", () => {
    expect([1, 2, 3, 10].map(timesInWords)).toEqual(["once", "twice", "3 times", "10 times"]);
    expect(namesInWords([])).toBe("");
    expect(namesInWords(["A"])).toBe("A");
    expect(namesInWords(["A", "B", "C"])).toBe("A, B and C");
  });
});

describe("the composer's warning about an open request to the same person", () => {
  it("lists each open request, escaped, and is empty when there is none", () => {
    expect(openRequestWarning("maya@example.com", [])).toBe("");
    const out = String(
      openRequestWarning("maya@example.com", [
        { id: "in_1", introducer: "<b>Jane</b>", status: "requested" },
      ]),
    );
    expect(out).toContain("You already asked to meet maya@example.com");
    expect(out).toContain("&lt;b&gt;Jane&lt;/b&gt;");
    expect(out).toContain('href="/intros/in_1"');
    expect(out).toContain("You can still send it.");
  });
});
