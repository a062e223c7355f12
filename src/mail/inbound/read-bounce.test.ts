import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readBounce } from "./read-bounce.ts";
import { readMessage } from "./read-message.ts";

const fixture = async (name: string) =>
  readMessage(readFileSync(join(import.meta.dirname, "../../../test/fixtures/replies", name)));

describe("readBounce", () => {
  it("reads a Postfix DSN: recipient, action, status, diagnostic and the bounced Message-ID", async () => {
    const b = readBounce(await fixture("bounce-postfix-user-unknown.eml"));
    expect(b).toEqual({
      source: "dsn",
      reportingMta: "mx.acme.example",
      recipients: [
        {
          finalRecipient: "maya.chen@acme.example",
          originalRecipient: "maya.chen@acme.example",
          action: "failed",
          status: "5.1.1",
          diagnosticCode:
            "550 5.1.1 <maya.chen@acme.example>: Recipient address rejected: User unknown in local recipient table",
          remoteMta: "mail.acme.example",
        },
      ],
      originalMessageId: "<a1b2c3d4e5f6a7b8c9d0e1f2@vouch.example.com>",
      permanent: true,
    });
  });

  it("reads Gmail's DSN, with the original message attached as message/rfc822", async () => {
    const b = readBounce(await fixture("bounce-gmail-failure.eml"));
    expect(b?.recipients[0]).toMatchObject({
      finalRecipient: "omar.hadad@gmail.com",
      action: "failed",
      status: "5.1.1",
    });
    expect(b?.recipients[0]?.diagnosticCode).toMatch(
      /^550-5\.1\.1 The email account that you tried to reach does not exist/,
    );
    expect(b?.originalMessageId).toBe("<b2c3d4e5f6a7b8c9d0e1f2a3@vouch.example.com>");
  });

  it("a delay is a bounce, but not a permanent one", async () => {
    const b = readBounce(await fixture("bounce-delayed.eml"));
    expect(b?.recipients[0]).toMatchObject({ action: "delayed", status: "4.4.7" });
    expect(b?.permanent).toBe(false);
  });

  it("reports every recipient group, delivered ones included", async () => {
    const b = readBounce(await fixture("bounce-dsn-multiple-recipients.eml"));
    expect(b?.recipients.map((r) => [r.finalRecipient, r.action, r.status])).toEqual([
      ["hannah.lee@globex.example", "failed", "5.7.1"],
      ["sam@patel.example", "delivered", "2.0.0"],
    ]);
    expect(b?.permanent).toBe(true);
  });

  it("recognises old text bounces (qmail, Exim) by sender and subject", async () => {
    const q = readBounce(await fixture("bounce-qmail.eml"));
    expect(q).toMatchObject({
      source: "heuristic",
      permanent: true,
      recipients: [{ finalRecipient: "grace@initech.example" }],
    });
    const e = readBounce(await fixture("bounce-exim-text-only.eml"));
    expect(e?.recipients.map((r) => r.finalRecipient)).toEqual(["lucia.fernandez@ejemplo.es"]);
    expect(e?.originalMessageId).toBe("<e5f6a7b8c9d0e1f2a3b4c5d6@vouch.example.com>");
  });

  it("a multipart/report whose status part is lost is still a bounce", async () => {
    const m = await readMessage(
      "From: MAILER-DAEMON@mx.example\nContent-Type: multipart/report; report-type=delivery-status; boundary=x\n\n--y\n",
    );
    expect(readBounce(m)).toMatchObject({ source: "dsn", recipients: [], permanent: false });
  });

  it("returns null for a person's reply and for an out-of-office reply", async () => {
    expect(readBounce(await fixture("accept-happy-to.eml"))).toBeNull();
    expect(readBounce(await fixture("auto-outlook-automatic-reply.eml"))).toBeNull();
  });
});
