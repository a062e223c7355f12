import { describe, expect, it } from "vitest";
import { VouchError } from "../domain/errors.ts";
import {
  assertHeaderSafe,
  assertValidAddress,
  formatAddress,
  replySubject,
  threadHeaders,
  viaName,
} from "./headers.ts";

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    return e instanceof VouchError ? e.code : `not a VouchError: ${String(e)}`;
  }
  return undefined;
}

describe("assertHeaderSafe", () => {
  it("accepts ordinary values, unicode and tabs", () => {
    expect(() =>
      assertHeaderSafe("subject", "REQUEST: intro Maya <> Alice 🚀 \u202e\t"),
    ).not.toThrow();
  });

  it.each([
    ["CR", "Hello\rBcc: x@evil.test"],
    ["LF", "Hello\nBcc: x@evil.test"],
    ["CRLF", "Hello\r\nBcc: x@evil.test"],
    ["trailing LF", "Hello\n"],
    ["NUL", "Hello\0"],
  ])("rejects %s with HEADER_INJECTION naming the field", (_label, value) => {
    try {
      assertHeaderSafe("subject", value);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(VouchError);
      expect((e as VouchError).code).toBe("HEADER_INJECTION");
      expect((e as VouchError).details).toEqual({ field: "subject" });
    }
  });
});

describe("formatAddress", () => {
  it("leaves a plain name unquoted", () => {
    expect(formatAddress({ name: "Jane via Vouch", email: "intros+abc@vouch.localhost" })).toBe(
      "Jane via Vouch <intros+abc@vouch.localhost>",
    );
  });

  it("gives a bare address when there is no name", () => {
    expect(formatAddress({ email: "jane@example.com" })).toBe("jane@example.com");
    expect(formatAddress({ name: "  ", email: "jane@example.com" })).toBe("jane@example.com");
  });

  it("quotes and escapes names with specials", () => {
    expect(formatAddress({ name: "Doe, Jane", email: "jane@example.com" })).toBe(
      '"Doe, Jane" <jane@example.com>',
    );
    expect(formatAddress({ name: 'Jane "JD" Doe', email: "jane@example.com" })).toBe(
      '"Jane \\"JD\\" Doe" <jane@example.com>',
    );
    expect(formatAddress({ name: "a\\b", email: "jane@example.com" })).toBe(
      '"a\\\\b" <jane@example.com>',
    );
    expect(formatAddress({ name: "Eve <eve@evil.test>", email: "jane@example.com" })).toBe(
      '"Eve <eve@evil.test>" <jane@example.com>',
    );
    expect(formatAddress({ name: "J. Doe", email: "jane@example.com" })).toBe(
      '"J. Doe" <jane@example.com>',
    );
  });

  it("keeps unicode names (nodemailer MIME-encodes them) and collapses whitespace", () => {
    expect(formatAddress({ name: "Zoë   Ünal", email: "zoe@example.com" })).toBe(
      '"Zoë Ünal" <zoe@example.com>',
    );
  });

  it("rejects CR/LF in the name or the address", () => {
    expect(
      codeOf(() => formatAddress({ name: "Jane\r\nBcc: x@evil.test", email: "j@x.com" })),
    ).toBe("HEADER_INJECTION");
    expect(codeOf(() => formatAddress({ name: "Jane", email: "j@x.com\nBcc: y@evil.test" }))).toBe(
      "HEADER_INJECTION",
    );
  });

  it("rejects other control characters in the name", () => {
    expect(codeOf(() => formatAddress({ name: "Jane\u0007", email: "j@x.com" }))).toBe(
      "INVALID_INPUT",
    );
  });

  it.each([
    "",
    "jane",
    "@example.com",
    "jane@",
    "jane@localhost",
    "jane@@example.com",
    "jane doe@example.com",
    "jane..doe@example.com",
    ".jane@example.com",
    "jane@-example.com",
    "jane@example..com",
    "jane@exa_mple.com",
    "<jane@example.com>",
    "jane@example.com>",
    '"jane"@example.com',
    `${"a".repeat(65)}@example.com`,
  ])("rejects the bad address %j with INVALID_INPUT", (email) => {
    expect(codeOf(() => formatAddress({ name: "Jane", email }))).toBe("INVALID_INPUT");
  });

  it.each([
    "jane@example.com",
    "jane.doe+intros@mail.example.co.uk",
    "o'brien@example.ie",
    "intros+Ab3_x-9@vouch.localhost",
    "zoë@exämple.de",
  ])("accepts %s", (email) => {
    expect(() => assertValidAddress("to", email)).not.toThrow();
  });
});

describe("viaName", () => {
  it("names the relayed sender", () => {
    expect(viaName("Jane")).toBe("Jane via Vouch");
    expect(viaName("  Jane   Doe ")).toBe("Jane Doe via Vouch");
  });

  it("rejects line breaks", () => {
    expect(codeOf(() => viaName("Jane\nBcc: x@evil.test"))).toBe("HEADER_INJECTION");
  });
});

describe("replySubject", () => {
  it.each([
    ["REQUEST: intro Maya <> Alice", "Re: REQUEST: intro Maya <> Alice"],
    ["Re: REQUEST: intro Maya <> Alice", "Re: REQUEST: intro Maya <> Alice"],
    ["RE: re: Re:REQUEST: intro Maya <> Alice", "Re: REQUEST: intro Maya <> Alice"],
    ["Re[2]: Hello", "Re: Hello"],
    ["Fwd: Hello", "Re: Fwd: Hello"],
    ["Regarding the intro", "Re: Regarding the intro"],
  ])("%j → %j", (subject, expected) => {
    expect(replySubject(subject)).toBe(expected);
    expect(replySubject(replySubject(subject))).toBe(expected);
  });

  it("rejects line breaks", () => {
    expect(codeOf(() => replySubject("Hi\r\nBcc: x@evil.test"))).toBe("HEADER_INJECTION");
  });
});

describe("threadHeaders (RFC 5322 §3.6.4)", () => {
  it("a reply to a thread's first message references just that message", () => {
    expect(threadHeaders({ messageId: "<a@vouch.test>" })).toEqual({
      inReplyTo: "<a@vouch.test>",
      references: ["<a@vouch.test>"],
    });
  });

  it("appends the parent's id to the parent's References", () => {
    expect(
      threadHeaders({
        messageId: "<c@vouch.test>",
        references: ["<a@vouch.test>", "<b@vouch.test>"],
        inReplyTo: "<b@vouch.test>",
      }),
    ).toEqual({
      inReplyTo: "<c@vouch.test>",
      references: ["<a@vouch.test>", "<b@vouch.test>", "<c@vouch.test>"],
    });
  });

  it("falls back to the parent's In-Reply-To when it has no References", () => {
    expect(threadHeaders({ messageId: "<b@vouch.test>", inReplyTo: "<a@vouch.test>" })).toEqual({
      inReplyTo: "<b@vouch.test>",
      references: ["<a@vouch.test>", "<b@vouch.test>"],
    });
  });

  it("adds missing angle brackets and never repeats the parent's id", () => {
    expect(
      threadHeaders({
        messageId: "b@vouch.test",
        references: ["<a@vouch.test>", "<b@vouch.test>"],
      }),
    ).toEqual({ inReplyTo: "<b@vouch.test>", references: ["<a@vouch.test>", "<b@vouch.test>"] });
  });

  it("rejects line breaks and malformed ids", () => {
    expect(codeOf(() => threadHeaders({ messageId: "<a@x>\r\nBcc: y@evil.test" }))).toBe(
      "HEADER_INJECTION",
    );
    expect(codeOf(() => threadHeaders({ messageId: "not an id" }))).toBe("INVALID_INPUT");
    expect(codeOf(() => threadHeaders({ messageId: "<a@x>", references: ["<b>"] }))).toBe(
      "INVALID_INPUT",
    );
  });
});
