import { describe, expect, it } from "vitest";
import {
  aligned,
  isTrusted,
  parseAuthenticationResults,
  stampedVerdict,
  trustedRelays,
  verdictOf,
} from "./authenticity.ts";

const facts = (o: Partial<Parameters<typeof verdictOf>[0]>) => ({
  fromDomain: "example.com",
  dmarc: "none",
  spf: { result: "none", domain: null },
  dkim: [],
  ...o,
});

describe("verdictOf: the one rule", () => {
  it.each([
    ["DMARC pass", facts({ dmarc: "pass" }), true],
    [
      "aligned DKIM pass",
      facts({ dmarc: "temperror", dkim: [{ result: "pass", domain: "mail.example.com" }] }),
      true,
    ],
    [
      "aligned SPF pass, no DMARC",
      facts({ spf: { result: "pass", domain: "bounce.example.com" } }),
      true,
    ],
    [
      "aligned SPF pass, DMARC temperror",
      facts({ dmarc: "temperror", spf: { result: "pass", domain: "example.com" } }),
      false,
    ],
    ["unaligned DKIM pass", facts({ dkim: [{ result: "pass", domain: "mailer.test" }] }), false],
    ["unaligned SPF pass", facts({ spf: { result: "pass", domain: "mailer.test" } }), false],
    ["DMARC none, nothing passes", facts({}), false],
    ["DMARC fail", facts({ dmarc: "fail" }), false],
    ["DMARC permerror", facts({ dmarc: "permerror" }), false],
    ["no From domain", facts({ fromDomain: null, dmarc: "pass" }), false],
  ])("%s → %s", (_what, f, want) => {
    expect(verdictOf(f, "mailauth").authenticated).toBe(want);
  });

  it("aligns on the organizational domain", () => {
    expect(aligned("a.b.example.co.uk", "example.co.uk")).toBe(true);
    expect(aligned("example.co.uk", "other.co.uk")).toBe(false);
  });
});

describe("Authentication-Results", () => {
  it("parses methods, results and properties, skipping comments", () => {
    expect(
      parseAuthenticationResults(
        "mx.test (our relay); dkim=pass (good sig) header.d=example.com header.s=sel;\r\n spf=pass smtp.mailfrom=a@example.com; dmarc=pass header.from=example.com",
      ),
    ).toEqual({
      authservId: "mx.test",
      results: [
        { method: "dkim", result: "pass", props: { "header.d": "example.com", "header.s": "sel" } },
        { method: "spf", result: "pass", props: { "smtp.mailfrom": "a@example.com" } },
        { method: "dmarc", result: "pass", props: { "header.from": "example.com" } },
      ],
    });
  });

  it("follows only the topmost header of the trusted authserv-id, for the From domain", () => {
    const h = (value: string) => ({ name: "authentication-results", value });
    const ours = stampedVerdict(
      [
        h("mx.test; dmarc=fail header.from=example.com"),
        h("mx.test; dmarc=pass header.from=example.com"),
      ],
      "MX.test",
      "maya@example.com",
      "trusted-relay",
    );
    expect(ours?.authenticated).toBe(false);
    expect(
      stampedVerdict([h("evil.test; dmarc=pass")], "mx.test", "maya@example.com", "trusted-relay"),
    ).toBeNull();
    expect(
      stampedVerdict(
        [h("mx.test; dmarc=pass header.from=other.test")],
        "mx.test",
        "maya@example.com",
        "trusted-relay",
      )?.authenticated,
    ).toBe(false);
  });

  it("trusts relays by address or network, IPv4-mapped included", () => {
    const list = trustedRelays("10.1.2.3,192.168.0.0/16");
    expect(isTrusted(list, "10.1.2.3")).toBe(true);
    expect(isTrusted(list, "::ffff:192.168.9.9")).toBe(true);
    expect(isTrusted(list, "127.0.0.66")).toBe(false);
    expect(isTrusted(list, "not an ip")).toBe(false);
  });
});
