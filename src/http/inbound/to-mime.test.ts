import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readMessage } from "../../mail/inbound/read-message.ts";
import { type Field, toMime } from "./to-mime.ts";

const noBody = { text: "hi", html: null, attachments: [] };
/** The names of the header fields of a raw message, in order. */
const fieldNames = (raw: Buffer) => {
  const head = raw.subarray(0, raw.indexOf("\r\n\r\n")).toString("latin1");
  return head
    .split("\r\n")
    .filter((l) => !/^[ \t]/.test(l))
    .map((l) => l.slice(0, l.indexOf(":")).toLowerCase());
};
// What a reader drops from a header: control characters other than line breaks and tabs.
// biome-ignore lint/suspicious/noControlCharactersInRegex: that is the point
const CONTROL = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/g;
const headerBlock = (raw: Buffer) => raw.subarray(0, raw.indexOf("\r\n\r\n")).toString("latin1");

describe("toMime", () => {
  it("encodes non-ASCII names and words, folds long fields, and reads back the same", async () => {
    const refs = Array.from({ length: 40 }, (_, i) => `<ref-${i}@example.com>`).join(" ");
    const subject = "Réunion — 日本語の件名 ".repeat(5).trim();
    const raw = await toMime(
      [
        ["From", [{ name: "Zoë Müller, PhD", address: "zoe@example.com" }]],
        ["To", '"Jane via Vouch" <intros+abc@vouch.localhost>, Bob <bob@example.com>'],
        ["Subject", subject],
        ["References", refs],
        ["X-Long", "word ".repeat(60).trim()],
      ],
      { text: "Grüße", html: "<p>Grüße</p>", attachments: [] },
      "seed",
    );
    const head = headerBlock(raw);
    expect(head.split("\r\n").every((l) => l.length <= 78)).toBe(true);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: checking the headers are ASCII
    expect(/^[\x00-\x7f]*$/.test(head)).toBe(true);
    const m = await readMessage(raw);
    expect(m.from).toEqual({ name: "Zoë Müller, PhD", email: "zoe@example.com" });
    expect(m.to.map((a) => a.email)).toEqual(["intros+abc@vouch.localhost", "bob@example.com"]);
    expect(m.subject).toBe(subject);
    expect(m.references).toHaveLength(40);
    expect(m.headers["x-long"]).toBe("word ".repeat(60).trim());
    expect(m.text.trim()).toBe("Grüße");
    expect(m.html).toContain("<p>Grüße</p>");
    expect(m.problems).toEqual([]);
  });

  it("writes a subject word longer than a line as encoded words, which fold", async () => {
    const subject = `Re: ${"x".repeat(1500)}`;
    const raw = await toMime([["Subject", subject]], noBody, "s");
    expect(
      headerBlock(raw)
        .split("\r\n")
        .every((l) => l.length <= 78),
    ).toBe(true);
    expect((await readMessage(raw)).subject).toBe(subject);
  });

  it("never lets a CR or LF in a field, a name or a file start a header of its own", async () => {
    const raw = await toMime(
      [
        ["Subject", "hello\r\nBcc: evil@example.com"],
        ["From", [{ name: "Eve\r\nBcc: a@example.com", address: "eve@example.com" }]],
        ["Reply-To", "x@example.com\r\nBcc: b@example.com"],
        ["X-Note", "a\rb\nc\r\n\r\nbody?"],
        ["Bad\r\nBcc", "c@example.com"],
        ["Also Bad", "d"],
      ],
      {
        text: "t",
        html: null,
        attachments: [
          {
            filename: "a\r\nBcc: e@example.com.txt",
            contentType: 'text/plain; name="x\r\nBcc: f@example.com"',
            contentId: "cid\r\nBcc: g@example.com",
            content: Buffer.from("x"),
          },
        ],
      },
      "s",
    );
    const text = raw.toString("latin1");
    expect(text).not.toMatch(/^Bcc:/im);
    expect(fieldNames(raw)).toEqual([
      "subject",
      "from",
      "reply-to",
      "x-note",
      "mime-version",
      "content-type",
    ]);
    const m = await readMessage(raw);
    expect(m.subject).toBe("hello Bcc: evil@example.com");
    expect(m.from?.name).toBe("Eve Bcc: a@example.com");
    expect(m.attachments).toHaveLength(1);
  });

  it("adds no Date or Message-ID of its own, and the same fields give the same bytes", async () => {
    const fields: Field[] = [["Subject", "x"]];
    const body = { text: "t", html: "<b>t</b>", attachments: [] };
    const a = await toMime(fields, body, "seed-1");
    expect(fieldNames(a)).toEqual(["subject", "mime-version", "content-type"]);
    expect((await toMime(fields, body, "seed-1")).equals(a)).toBe(true);
    const dated = await toMime([["Date", "Tue, 1 Dec 2026 10:05:00 +0100"], ...fields], body, "s");
    expect((await readMessage(dated)).dateOffsetMinutes).toBe(60);
  });

  it("keeps each field's text and invents no header, whatever the text (property)", async () => {
    const text = fc.string({ unit: "binary", maxLength: 300 });
    const name = fc.stringMatching(/^X-[A-Za-z0-9-]{1,20}$/);
    await fc.assert(
      fc.asyncProperty(
        text,
        text,
        fc.array(fc.tuple(name, text), { maxLength: 4 }),
        async (subject, from, extra) => {
          const raw = await toMime(
            [["Subject", subject], ["From", [{ name: from, address: "a@example.com" }]], ...extra],
            noBody,
            "p",
          );
          const names = fieldNames(raw);
          const expected = ["subject", "from", ...extra.map(([k]) => k.toLowerCase())];
          for (const n of names)
            expect([
              ...expected,
              "mime-version",
              "content-type",
              "content-transfer-encoding",
            ]).toContain(n);
          expect(
            headerBlock(raw)
              .split("\r\n")
              .every((l) => l.length <= 998),
          ).toBe(true);
          const m = await readMessage(raw);
          const seen = (s: string) => s.replace(CONTROL, "").replace(/\s+/g, " ").trim();
          if (subject.trim()) expect(seen(m.subject)).toBe(seen(subject));
        },
      ),
      { numRuns: 200 },
    );
  });
});
