import { describe, expect, it } from "vitest";
import { dropInvisibleReferences } from "./html-entities.ts";

describe("dropInvisibleReferences", () => {
  it("drops soft hyphens and zero-width (non-)joiners written as references, and nothing else", () => {
    expect(dropInvisibleReferences("co&shy;op&#173;er&#xAD;ate and&zwnj;so&ZWJ;on&#8205;")).toBe(
      "cooperate andsoon",
    );
    expect(dropInvisibleReferences("&amp; &nbsp; AT&T &shyx")).toBe("&amp; &nbsp; AT&T x");
  });
});
