import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isVouchError } from "../domain/errors.ts";
import { type MailInteractionsItem, type MboxItem, readMbox } from "./import/mbox.ts";
import { MAX_HEADER_BYTES } from "./import/mbox-split.ts";
import { chunked, collect, fixture, thrown } from "./test-helpers.ts";
import type { MailInteraction } from "./types.ts";

const OWNER = ["alice@alice.example"];

function result(items: MboxItem[]): {
  end: MailInteractionsItem;
  skips: { line: number; reason: string }[];
} {
  const end = items.at(-1);
  if (end?.kind !== "interactions") throw new Error("the last item is not the interactions");
  return { end, skips: items.flatMap((i) => (i.kind === "skip" ? [i.skip] : [])) };
}

const mail = (email: string, m: Partial<MailInteraction>): MailInteraction => ({
  email,
  name: null,
  sent: 0,
  received: 0,
  sentPersonal: 0,
  meanOtherRecipients: 0,
  lastSentAt: null,
  lastReceivedAt: null,
  firstAt: "",
  ...m,
});

const GROUP = "2024-03-14T11:00:00.000Z";
const groupOnly = (email: string, name: string | null = null) =>
  mail(email, { name, sent: 1, meanOtherRecipients: 5, lastSentAt: GROUP, firstAt: GROUP });

describe("mbox (Google Takeout)", () => {
  it("sums who the member wrote to and heard from, leaving out lists, bounces, newsletters and the member", async () => {
    const { end, skips } = result(
      await collect(readMbox(chunked(fixture("takeout.mbox"), [100]), OWNER)),
    );
    expect(end.interactions).toEqual([
      mail("maya@northwind.example", {
        name: "Maya Okafor",
        sent: 1,
        received: 2, // her reply, and a message the member was Bcc'd on (Delivered-To)
        sentPersonal: 1,
        lastSentAt: "2024-03-12T09:14:03.000Z",
        lastReceivedAt: "2024-03-21T10:00:00.000Z",
        firstAt: "2024-03-12T09:14:03.000Z",
      }),
      mail("bob.lindqvist@example.com", {
        name: "Bob Lindqvist",
        sent: 1,
        received: 1,
        meanOtherRecipients: 3, // 5 others on the kickoff, 1 (Carol) on his reply-all
        lastSentAt: GROUP,
        lastReceivedAt: "2024-03-19T18:45:00.000Z",
        firstAt: GROUP,
      }),
      groupOnly("carol@tailspin.example", "Carol Nguyen"),
      groupOnly("dan@contoso.example"),
      groupOnly("erin@contoso.example"),
      groupOnly("frank@contoso.example"),
      groupOnly("grace@contoso.example"),
      // Its Date header does not read: the date on its "From " line is used.
      mail("someone@example.net", {
        name: "Someone",
        received: 1,
        lastReceivedAt: "2024-03-20T10:00:00.000Z",
        firstAt: "2024-03-20T10:00:00.000Z",
      }),
    ]);
    expect([end.messages, end.automated]).toEqual([10, 3]);
    expect(skips).toEqual([
      { line: 75, reason: "This message has no valid From address, so it was left out" },
    ]);
  });

  it("never puts a word of a body in what it yields", async () => {
    const bytes = fixture("takeout.mbox");
    expect(bytes.toString()).toContain("BODY-SECRET-1");
    const out = JSON.stringify(await collect(readMbox([bytes], OWNER)));
    expect(out).not.toMatch(/BODY-SECRET|pricing|lawyers|Address not found/);
  });

  it("gives the same result however the file is cut into chunks (property)", async () => {
    const bytes = fixture("takeout.mbox");
    const whole = result(await collect(readMbox([bytes], OWNER)));
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 1, max: 300 }), { minLength: 1, maxLength: 8 }),
        async (sizes) => {
          const { end, skips } = result(await collect(readMbox(chunked(bytes, sizes), OWNER)));
          expect(end).toEqual(whole.end);
          expect(skips).toEqual(whole.skips);
        },
      ),
      { numRuns: 60 },
    );
  });

  it("reads CRLF line ends the same, with the same line numbers", async () => {
    const crlf = Buffer.from(
      fixture("takeout.mbox").toString("latin1").replace(/\n/g, "\r\n"),
      "latin1",
    );
    const a = result(await collect(readMbox(chunked(crlf, [7]), OWNER)));
    const b = result(await collect(readMbox([fixture("takeout.mbox")], OWNER)));
    expect(a).toEqual(b);
  });

  it("reports a header block too long to be a mail's, and keeps counting lines past big bodies", async () => {
    const bigBody = "QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo=\n".repeat(100_000); // 3.6 MB, 100k lines
    const huge = `X-Junk: ${"x".repeat(MAX_HEADER_BYTES)}\n`;
    const text =
      `From a@xxx Mon Jan 01 10:00:00 +0000 2024\nFrom: Maya <maya@northwind.example>\nTo: alice@alice.example\nDate: Mon, 1 Jan 2024 10:00:00 +0000\n\n${bigBody}\n` +
      `From b@xxx Mon Jan 01 11:00:00 +0000 2024\n${huge}\nbody\n\n` +
      `From c@xxx Mon Jan 01 12:00:00 +0000 2024\nTo: alice@alice.example\n\nno From header\n` +
      `From d@xxx Mon Jan 01 13:00:00 +0000 2024\nFrom: alice@alice.example\nTo: maya@northwind.example\nDate: Mon, 1 Jan 2024 13:00:00 +0000\n`;
    const lineOf = (marker: string) => text.slice(0, text.indexOf(marker)).split("\n").length;
    const { end, skips } = result(
      await collect(readMbox(chunked(Buffer.from(text), [65_536, 1_000, 17]), OWNER)),
    );
    expect(skips.map((s) => s.line)).toEqual([lineOf("From b@"), lineOf("From c@")]);
    expect(skips[0]?.reason).toMatch(/headers are too long/);
    expect(end.messages).toBe(4);
    // The last message has headers and no body, not even a blank line.
    expect(end.interactions.map((i) => [i.email, i.sent, i.received])).toEqual([
      ["maya@northwind.example", 1, 1],
    ]);
  });

  it("reports progress as it reads, ending at the file's size", async () => {
    const bytes = Buffer.concat(Array.from({ length: 40 }, () => fixture("takeout.mbox")));
    const progress = (await collect(readMbox(chunked(bytes, [4096]), OWNER))).flatMap((i) =>
      i.kind === "progress" ? [i.bytes] : [],
    );
    expect(progress.length).toBeGreaterThan(1);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(progress.at(-1)).toBe(bytes.length);
  });

  it("throws a coded error for a file that is not an mbox, and without the member's address", async () => {
    for (const bytes of [
      fixture("apple-contacts.vcf"),
      Buffer.from([0x1f, 0x8b, 8, 0, 0, 0]),
      Buffer.alloc(0),
    ]) {
      const e = await thrown(() => collect(readMbox([bytes], OWNER)));
      expect(isVouchError(e) && [e.code, e.details.format]).toEqual(["INVALID_INPUT", "mbox"]);
    }
    const e = await thrown(() => collect(readMbox([fixture("takeout.mbox")], [])));
    expect(isVouchError(e) && e.code).toBe("INVALID_INPUT");
  });
});
