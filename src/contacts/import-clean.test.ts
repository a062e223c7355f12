import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { headerText } from "../domain/text-limits.ts";
import { cleanEmail, cleanText, cleanUrl, contactItems } from "./import/clean.ts";

describe("what an import keeps of a cell", () => {
  it("makes any text one visible line that the project's own name check accepts (property)", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 300 }), (raw) => {
        const t = cleanText(raw, 120);
        if (t === null) return;
        expect(t.length).toBeGreaterThan(0);
        expect(t.length).toBeLessThanOrEqual(120);
        expect(headerText(t, "name", 120)).toBe(t);
      }),
      { numRuns: 1000 },
    );
  });

  it("reads addresses as exports write them, and says why one is not an address", () => {
    expect(cleanEmail(" Maya@Northwind.Example ")).toEqual({ email: "maya@northwind.example" });
    expect(cleanEmail("mailto:maya@northwind.example")).toEqual({
      email: "maya@northwind.example",
    });
    expect(cleanEmail("Maya Okafor <maya@northwind.example>")).toEqual({
      email: "maya@northwind.example",
    });
    expect(cleanEmail("zoë@example.com")).toEqual({
      error: '"zoë@example.com" is not a valid email address, so it was left out',
    });
    expect(cleanEmail("a@b@c.example")).toHaveProperty("error");
    expect(cleanEmail("maya@localhost")).toHaveProperty("error");
    expect(cleanEmail("maya@x.example\r\nBcc: all@x.example")).toHaveProperty("error");
  });

  it("keeps only http(s) web addresses, so an export cannot plant a javascript: link", () => {
    expect(cleanUrl("https://maya.dev/about")).toEqual({ url: "https://maya.dev/about" });
    expect(cleanUrl("www.example.com")).toEqual({ url: "https://www.example.com" });
    expect(cleanUrl(null)).toEqual({ url: null });
    for (const bad of [
      "javascript:alert(1)",
      "JavaScript:alert(document.cookie)",
      "data:text/html,<b>x",
      "localhost:8080",
      "not a link",
    ]) {
      expect(cleanUrl(bad)).toHaveProperty("error");
    }
    const items = contactItems(3, "vcard", {
      name: "Maya",
      emails: [],
      url: "javascript:alert(1)",
    });
    expect(items).toEqual([
      {
        kind: "skip",
        skip: {
          line: 3,
          reason:
            'The web address "javascript:alert(1)" is not an http(s) link, so it was left out',
        },
      },
      { kind: "contact", contact: expect.objectContaining({ name: "Maya", url: null }) },
    ]);
  });
});
