import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { companyKey, emailOfKey, linkedinHandle, nameKey } from "./contact-key.ts";

describe("contact keys", () => {
  it("compares names without accents, case or punctuation", () => {
    expect(nameKey("  María-José  O'Neil ")).toBe("maria jose o neil");
    expect(nameKey("MAYA LÓPEZ")).toBe(nameKey("maya lopez"));
    expect(nameKey("  ,. ")).toBeNull();
    expect(nameKey(null)).toBeNull();
  });

  it("compares companies without their legal form", () => {
    expect(companyKey("Acme, Inc.")).toBe("acme");
    expect(companyKey("Northwind Health GmbH")).toBe("northwind health");
    expect(companyKey("Co")).toBe("co");
    expect(companyKey("Acme Co. Ltd")).toBe("acme");
  });

  it("reads a LinkedIn handle from any way of writing the profile address", () => {
    for (const url of [
      "https://www.linkedin.com/in/Maya-Lopez-12/",
      "http://linkedin.com/in/maya-lopez-12?trk=x",
      "www.linkedin.com/in/maya-lopez-12",
      "https://fr.linkedin.com/in/maya%2Dlopez%2D12",
    ])
      expect(linkedinHandle(url), url).toBe("maya-lopez-12");
    expect(linkedinHandle("https://example.com/in/maya")).toBeNull();
    expect(linkedinHandle("https://www.linkedin.com/company/acme")).toBeNull();
    expect(linkedinHandle("not a url at all")).toBeNull();
  });

  it("tells email keys from the others", () => {
    expect(emailOfKey("maya@x.io")).toBe("maya@x.io");
    expect(emailOfKey("li:maya")).toBeNull();
    expect(emailOfKey("name:maya lopez")).toBeNull();
  });

  it("normalizes to a fixed point (property)", () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const k = nameKey(s);
        if (k !== null) expect(nameKey(k)).toBe(k);
        const c = companyKey(s);
        if (c !== null) expect(companyKey(c)).toBe(c);
      }),
    );
  });
});
