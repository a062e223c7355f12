import { describe, expect, it } from "vitest";
import { schedulingLink } from "./scheduling-link.ts";

describe("schedulingLink", () => {
  it("takes a full https address, normalised", () => {
    expect(schedulingLink(" https://Cal.com/alice/30 ")).toEqual({
      ok: true,
      url: "https://cal.com/alice/30",
    });
  });

  it("refuses other schemes, bare hosts, credentials and spaces", () => {
    for (const s of [
      "http://cal.com/a",
      "javascript:alert(1)",
      "cal.com/a",
      "https://localhost/a",
      "https://u:p@cal.com/a",
      "https://u@cal.com/a",
      "https://cal.com/a b",
      `https://cal.com/${"x".repeat(500)}`,
    ])
      expect(schedulingLink(s).ok, s).toBe(false);
  });
});
