import { describe, expect, it } from "vitest";
import { mailgunChecks, postmarkChecks, sendgridChecks } from "./provider-checks.ts";

const fields = (o: Record<string, string>) => (name: string) => o[name];
const signed = (...domains: string[]) =>
  Buffer.from(
    `${domains.map((d) => `DKIM-Signature: v=1; a=rsa-sha256; d=${d};\r\n s=sel; h=from`).join("\r\n")}\r\nFrom: a@example.com\r\n\r\nhi`,
  );

describe("provider checks", () => {
  it("reads Postmark's Received-SPF for the envelope sender", () => {
    expect(
      postmarkChecks(fields({ "received-spf": "Pass (sender SPF authorized)" }), "a@example.com"),
    ).toEqual({ spf: { result: "pass", domain: "example.com" } });
    expect(postmarkChecks(fields({}), "a@example.com")).toBeNull();
  });

  it("counts Mailgun's DKIM result for a domain only when every signature is that domain's", () => {
    const f = fields({ "X-Mailgun-Spf": "Neutral", "X-Mailgun-Dkim-Check-Result": "Pass" });
    expect(mailgunChecks(f, "a@example.com", signed("example.com"))).toEqual({
      spf: { result: "neutral", domain: "example.com" },
      dkim: [{ result: "pass", domain: "example.com" }],
    });
    expect(mailgunChecks(f, "a@example.com", signed("example.com", "list.test"))?.dkim).toEqual([
      { result: "pass", domain: null },
    ]);
  });

  it("reads SendGrid's SPF and per-domain dkim fields", () => {
    expect(
      sendgridChecks(
        fields({ SPF: "pass", dkim: "{@example.com : pass, @mailer.test : fail}" }),
        "a@bounce.example.com",
      ),
    ).toEqual({
      spf: { result: "pass", domain: "bounce.example.com" },
      dkim: [
        { result: "pass", domain: "example.com" },
        { result: "fail", domain: "mailer.test" },
      ],
    });
  });
});
