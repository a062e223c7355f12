import { describe, expect, it } from "vitest";
import { mailtoUrl } from "./mailto.ts";

describe("mailtoUrl (RFC 6068)", () => {
  it("round-trips recipients, subject and a multi-line body", () => {
    const body =
      "Thanks for the intro Jane (moved to BCC).\n\nThanks Maya & co: 100% yes?\n-- Alice";
    const url = mailtoUrl({
      to: ["maya@example.com", "a.b+c@example.org"],
      cc: ["cc@example.com"],
      bcc: ["intros+k7qw2x@vouch.example.com"],
      subject: "Re: REQUEST: intro Maya <> Alice",
      body,
    });
    expect(url).toMatch(/^mailto:maya@example\.com,a\.b%2Bc@example\.org\?cc=/);
    expect(url).not.toMatch(/[ \n+]/);
    const parsed = new URL(url);
    expect(decodeURIComponent(parsed.pathname)).toBe("maya@example.com,a.b+c@example.org");
    expect(parsed.searchParams.get("cc")).toBe("cc@example.com");
    expect(parsed.searchParams.get("bcc")).toBe("intros+k7qw2x@vouch.example.com");
    expect(parsed.searchParams.get("subject")).toBe("Re: REQUEST: intro Maya <> Alice");
    // Line breaks travel as CRLF (%0D%0A), as RFC 6068 §5 asks.
    expect(url).toContain("%0D%0A%0D%0AThanks%20Maya%20%26%20co%3A%20100%25%20yes%3F%0D%0A");
    expect(parsed.searchParams.get("body")).toBe(body.replaceAll("\n", "\r\n"));
  });

  it("leaves out empty cc and bcc", () => {
    expect(mailtoUrl({ to: ["jane@example.com"], subject: "Hi", body: "Hey" })).toBe(
      "mailto:jane@example.com?subject=Hi&body=Hey",
    );
  });

  it("refuses an address that could smuggle in headers or parameters", () => {
    expect(() =>
      mailtoUrl({ to: ["jane@example.com?bcc=evil@example.com"], subject: "", body: "" }),
    ).toThrow(expect.objectContaining({ code: "INVALID_INPUT" }));
    expect(() =>
      mailtoUrl({
        to: ["jane@example.com"],
        bcc: ["x@example.com\r\nBcc: y"],
        subject: "",
        body: "",
      }),
    ).toThrow(expect.objectContaining({ code: "HEADER_INJECTION" }));
  });
});
