import { describe, expect, it } from "vitest";
import { decodeEntities } from "./html-entities.ts";

describe("decodeEntities", () => {
  it("decodes every named reference of the HTML spec, not a short list", () => {
    expect(decodeEntities("&amp; &lt; &eacute; &hearts; &rarr; &frac12; &Omega; &ccedil;")).toBe(
      "& < é ♥ → ½ Ω ç",
    );
  });

  it("maps numeric references the way browsers do (Windows-1252 for 128-159)", () => {
    expect(decodeEntities("It&#146;s &#147;fine&#148; &#8212; &#x1F44D;")).toBe("It’s “fine” — 👍");
    expect(decodeEntities("&#0; &#xD800; &#x110000;")).toBe("\ufffd \ufffd \ufffd");
  });

  it("keeps what is not a reference, and drops invisible formatting", () => {
    expect(decodeEntities("&bogus; AT&T &")).toBe("&bogus; AT&T &");
    expect(decodeEntities("co&shy;operate and&zwnj;so")).toBe("cooperate andso");
  });
});
