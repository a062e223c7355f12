import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fillLinks, linkPlaceholder, readLinkToken, signedLinkToken } from "./links.ts";

const SECRET = "s3cret-of-this-deployment";

describe("signed one-click tokens", () => {
  it("name their message and action, and read back only with the same secret", () => {
    const t = signedLinkToken(SECRET, "intro_abc.000002.0", "accept");
    expect(readLinkToken(SECRET, t)).toEqual({ outboxId: "intro_abc.000002.0", action: "accept" });
    expect(readLinkToken("another secret", t)).toBeNull();
    expect(t).toMatch(/^[\w-]+\.[\w-]{32}$/);
  });

  it("are filled into a message's placeholders, the same bytes on every retry", () => {
    const text = `Yes: ${linkPlaceholder("https://v.example", "accept")}\nNo: ${linkPlaceholder("https://v.example", "decline")}`;
    const once = fillLinks(text, SECRET, "m1");
    expect(once).toBe(fillLinks(text, SECRET, "m1"));
    const [yes, no] = [...once.matchAll(/\/a\/(\S+)/g)].map((m) => m[1] ?? "");
    expect(readLinkToken(SECRET, yes ?? "")).toEqual({ outboxId: "m1", action: "accept" });
    expect(readLinkToken(SECRET, no ?? "")).toEqual({ outboxId: "m1", action: "decline" });
  });

  it("refuse anything else: no token, garbage, a legacy token, another message's signature", () => {
    for (const t of ["", ".", "abc", "abc.", `.${"a".repeat(32)}`, "x".repeat(43)]) {
      expect(readLinkToken(SECRET, t)).toBeNull();
    }
    const a = signedLinkToken(SECRET, "m1", "accept");
    const b = signedLinkToken(SECRET, "m2", "accept");
    const forged = `${b.split(".")[0]}.${a.split(".")[1]}`;
    expect(readLinkToken(SECRET, forged)).toBeNull();
  });

  it("never verify after any change to a real token (property)", () => {
    const good = signedLinkToken(SECRET, "intro_x.000003.1", "decline");
    const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.";
    fc.assert(
      fc.property(
        fc.nat({ max: good.length - 1 }),
        fc.constantFrom(...alphabet),
        fc.constantFrom("replace", "insert", "delete"),
        (i, ch, how) => {
          const t =
            how === "replace"
              ? good.slice(0, i) + ch + good.slice(i + 1)
              : how === "insert"
                ? good.slice(0, i) + ch + good.slice(i)
                : good.slice(0, i) + good.slice(i + 1);
          fc.pre(t !== good);
          expect(readLinkToken(SECRET, t)).toBeNull();
        },
      ),
      { numRuns: 2000 },
    );
  });

  it("keep a newline out of what they name (it separates message and action)", () => {
    const t = signedLinkToken(SECRET, "m1\naccept", "x");
    expect(readLinkToken(SECRET, t)).toBeNull();
  });
});
