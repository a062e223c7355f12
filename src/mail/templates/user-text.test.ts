import { describe, expect, it } from "vitest";
import { encodeBidiControls, firstName, isolate, paragraphs } from "./user-text.ts";

describe("isolate", () => {
  it("leaves ordinary text (emoji and right-to-left scripts included) untouched", () => {
    for (const s of ["Alice", "Zoë 🦄", "محمد", "<b>&</b>"]) expect(isolate(s)).toBe(s);
  });

  it("fences a bidi override so it cannot flip the text after it", () => {
    expect(isolate("Alice\u202Egnp.exe")).toBe("\u2068Alice\u202Egnp.exe\u2069");
  });

  it("cannot be closed early by the user's own PDI, and closes the user's own isolates", () => {
    expect(isolate("a\u2069\u202Eb")).toBe("\u2068a\u202Eb\u2069");
    expect(isolate("a\u2067b")).toBe("\u2068a\u2067b\u2069\u2069");
  });
});

describe("encodeBidiControls", () => {
  it("writes bidi controls as visible numeric references", () => {
    expect(encodeBidiControls("a\u202Eb\u2068c\u200Fd")).toBe("a&#x202E;b&#x2068;c&#x200F;d");
  });
});

describe("firstName", () => {
  it("takes the first word for greetings", () => {
    expect(firstName("  Maya  Patel ")).toBe("Maya");
    expect(firstName("Maya")).toBe("Maya");
  });
});

describe("paragraphs", () => {
  it("splits on blank lines, keeps line breaks and drops empty paragraphs", () => {
    expect(paragraphs("Hey Maya,\r\n\r\nline one\nline two  \n \n\n\nRegards,\nAlice\n")).toEqual([
      ["Hey Maya,"],
      ["line one", "line two"],
      ["Regards,", "Alice"],
    ]);
    expect(paragraphs("  \n\n ")).toEqual([]);
  });
});
