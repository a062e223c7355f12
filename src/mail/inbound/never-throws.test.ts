// Inbound mail is hostile input. Whatever arrives, parsing and classification must return a
// result: a throw here would leave a message unprocessed (or crash a worker).

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { classifyConsentReply } from "./classify-consent-reply.ts";
import { classifyIntroducerReply } from "./classify-introducer-reply.ts";
import { findDates } from "./find-dates.ts";
import { htmlToText } from "./html-to-text.ts";
import { readMessage } from "./read-message.ts";
import { stripQuotedReply } from "./strip-quoted-reply.ts";

const now = new Date("2026-11-20T10:00:00Z");

// Malformed MIME built from the pieces that break parsers: wrong or missing boundaries, bogus
// charsets and encodings, deep nesting, NULs, long header lines, stray bytes.
const headerLine = fc.oneof(
  fc.constantFrom(
    "From: Maya <maya@acme.example>",
    "From: <<<@@>>",
    "Date: garbage",
    "Date: Fri, 20 Nov 2026 10:00:00 +9999",
    "Subject: =?bogus?Q?=ZZ?=",
    "Subject: =?UTF-8?B?////?=",
    "Auto-Submitted: auto-replied",
    "Return-Path: <>",
    "Content-Transfer-Encoding: base64",
    "Content-Transfer-Encoding: quoted-printable",
    "Content-Transfer-Encoding: x-unknown",
    "Content-Type: text/plain; charset=klingon",
    "Content-Type: text/html; charset=utf-16",
    "Content-Type: multipart/report; report-type=delivery-status; boundary=b",
    "Content-Type: multipart/mixed; boundary=",
    "Content-Type: message/rfc822",
    "__proto__: x",
  ),
  fc.string({ maxLength: 200 }).map((s) => `X-Fuzz: ${s}`),
  fc.nat({ max: 20_000 }).map((n) => `X-Long: ${"a".repeat(n)}`),
);
const bodyPart = fc.oneof(
  fc.constantFrom(
    "--b",
    "--b--",
    "--wrong",
    "Content-Type: message/delivery-status\n\nFinal-Recipient: rfc822; x@y\nAction: failed\nStatus: 5.1.1",
    "Content-Type: text/html\n\n<blockquote><blockquote><a href=x><p>",
    "=E2=80=9",
    "////====",
    "\u0000\u0000\u0000",
    "> On Fri, Jane wrote:\n> yes",
    "Happy to! Not now. Ping me after the holidays. https://calendly.com/x",
  ),
  fc.string({ maxLength: 300 }),
);
const mime = fc
  .tuple(
    fc.array(headerLine, { maxLength: 12 }),
    fc.array(bodyPart, { maxLength: 12 }),
    fc.nat({ max: 60 }),
  )
  .map(([headers, parts, depth]) => {
    let nested = "";
    for (let i = 0; i < depth; i++)
      nested += `Content-Type: multipart/mixed; boundary=n${i}\n\n--n${i}\n`;
    return `${headers.join("\n")}\n${nested}\n${parts.join("\n")}`;
  });

async function everything(raw: Buffer | string): Promise<void> {
  const m = await readMessage(raw);
  expect(Array.isArray(m.problems)).toBe(true);
  const c = classifyConsentReply(m, { now });
  expect(c.confidence).toBeGreaterThanOrEqual(0);
  expect(c.confidence).toBeLessThanOrEqual(1);
  classifyIntroducerReply(m, { ignore: ["@vouch.localhost"] });
}

describe("never throws", () => {
  it("on arbitrary bytes", async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 2000 }), async (bytes) =>
        everything(Buffer.from(bytes)),
      ),
      { numRuns: 300 },
    );
  });

  it("on malformed MIME", async () => {
    await fc.assert(fc.asyncProperty(mime, everything), { numRuns: 300 });
  });

  it("on arbitrary text, in every text helper", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 2000 }), (text) => {
        stripQuotedReply(text, { senderName: text.slice(0, 20) });
        htmlToText(text);
        findDates(text, { now, offsetMinutes: 60 });
        classifyConsentReply(text, { now });
        classifyIntroducerReply(text);
      }),
      { numRuns: 300 },
    );
  });

  it("on text made of the words the rules look for", () => {
    const word = fc.constantFrom(
      "yes",
      "no",
      "not",
      "but",
      "happy to",
      "can't",
      "now",
      "later",
      "?",
      "!",
      ",",
      ".",
      "—",
      "\n",
      "> ",
      "On Fri, Jane wrote:",
      "-- ",
      "Thanks,",
      "pas",
      "nicht",
      "sí",
      "gerne",
      "maybe",
      "after the holidays",
      "q1",
      "mid-",
      "january",
      "https://cal.com/x",
    );
    fc.assert(
      fc.property(fc.array(word, { maxLength: 60 }), (words) => {
        const c = classifyConsentReply(words.join(" "), { now });
        expect(["accept", "decline", "defer", "question", "unknown"]).toContain(c.intent);
      }),
      { numRuns: 500 },
    );
  });
});
