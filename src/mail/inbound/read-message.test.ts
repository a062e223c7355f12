import { describe, expect, it } from "vitest";
import { dateOffsetMinutes, readMessage } from "./read-message.ts";

const REPLY = [
  "Return-Path: <maya@acme.example>",
  "From: =?UTF-8?Q?Maya_Ch=C3=A9n?= <maya@acme.example>",
  'To: "Jane via Vouch" <intros+abc@vouch.localhost>, Team: a@x.example, b@x.example;',
  "Cc: alice@example.com",
  "Subject: =?UTF-8?B?UmU6IEludHJvIMOgIEFsaWNlPw==?=",
  "Date: Fri, 20 Nov 2026 10:14:33 +0100",
  "Message-ID: <CA123@mail.gmail.com>",
  "In-Reply-To: <req-1@vouch.localhost>",
  "References: <root@vouch.localhost>\r\n <req-1@vouch.localhost>",
  "X-Custom: one",
  "X-Custom: two",
  "MIME-Version: 1.0",
  'Content-Type: multipart/mixed; boundary="b1"',
  "",
  "--b1",
  'Content-Type: multipart/alternative; boundary="b2"',
  "",
  "--b2",
  "Content-Type: text/plain; charset=utf-8",
  "Content-Transfer-Encoding: quoted-printable",
  "",
  "Happy to =E2=80=94 send her my way.",
  "--b2",
  "Content-Type: text/html; charset=utf-8",
  "",
  "<div>Happy to &mdash; send her my way.</div>",
  "--b2--",
  "--b1",
  "Content-Type: application/pdf; name=cv.pdf",
  "Content-Disposition: attachment; filename=cv.pdf",
  "Content-Transfer-Encoding: base64",
  "",
  "JVBERi0xLjQK",
  "--b1--",
  "",
].join("\r\n");

describe("readMessage", () => {
  it("reads addresses, threading headers, date, text, html and attachments", async () => {
    const m = await readMessage(Buffer.from(REPLY));
    expect(m.from).toEqual({ name: "Maya Chén", email: "maya@acme.example" });
    expect(m.to.map((t) => t.email)).toEqual([
      "intros+abc@vouch.localhost",
      "a@x.example",
      "b@x.example",
    ]);
    expect(m.cc).toEqual([{ name: "", email: "alice@example.com" }]);
    expect(m.subject).toBe("Re: Intro à Alice?");
    expect(m.messageId).toBe("<CA123@mail.gmail.com>");
    expect(m.inReplyTo).toBe("<req-1@vouch.localhost>");
    expect(m.references).toEqual(["<root@vouch.localhost>", "<req-1@vouch.localhost>"]);
    expect(m.date).toBe("2026-11-20T09:14:33.000Z");
    expect(m.dateOffsetMinutes).toBe(60);
    expect(m.headers["x-custom"]).toBe("one");
    expect(m.headerList.filter((h) => h.name === "x-custom").map((h) => h.value)).toEqual([
      "one",
      "two",
    ]);
    expect(m.contentType).toBe("multipart/mixed");
    expect(m.text.trim()).toBe("Happy to — send her my way.");
    expect(m.textFromHtml).toBe(false);
    expect(m.html).toContain("<div>");
    expect(m.attachments).toEqual([
      {
        filename: "cv.pdf",
        mimeType: "application/pdf",
        disposition: "attachment",
        size: 9,
        contentId: null,
      },
    ]);
    expect(m.problems).toEqual([]);
  });

  it("converts an HTML-only message to text", async () => {
    const m = await readMessage(
      "From: a@b.example\nContent-Type: text/html\n\n<p>Yes,&nbsp;please.</p><blockquote>Would you?</blockquote>",
    );
    expect(m.text).toBe("Yes, please.\n\n> Would you?");
    expect(m.textFromHtml).toBe(true);
  });

  it("reads a body whose multipart boundary matches nothing, and says so", async () => {
    const m = await readMessage(
      "From: a@b.example\nContent-Type: multipart/alternative; boundary=right\n\n--wrong\nContent-Type: text/plain\n\nHappy to!\n--wrong--\n",
    );
    expect(m.text).toContain("Happy to!");
    expect(m.problems.join()).toMatch(/boundary/);
  });

  it("notes an unknown charset, NUL bytes and an unreadable date", async () => {
    const m = await readMessage(
      Buffer.from(
        "From: a@b.example\nDate: someday\nContent-Type: text/plain; charset=klingon\n\nYes\u0000 please\n",
      ),
    );
    expect(m.text.trim()).toBe("Yes please");
    expect(m.date).toBeNull();
    const problems = m.problems.join("\n");
    for (const p of [/unknown charset "klingon"/, /unreadable Date/, /control characters/])
      expect(problems).toMatch(p);
  });

  it("falls back to the raw headers when postal-mime gives up (huge headers)", async () => {
    const raw = `X-Junk: ${"a".repeat(3_000_000)}\nFrom: Maya <maya@acme.example>\nSubject: Re: intro\n\nSure!\n`;
    const m = await readMessage(raw);
    expect(m.problems[0]).toMatch(/MIME structure unreadable/);
    expect(m.from).toEqual({ name: "Maya", email: "maya@acme.example" });
    expect(m.subject).toBe("Re: intro");
    expect(m.text).toBe("Sure!\n");
    expect(m.headers["x-junk"]?.length).toBeLessThanOrEqual(16 * 1024);
  });

  it("falls back when the MIME nesting is too deep", async () => {
    let raw = "From: a@b.example\n";
    for (let i = 0; i < 300; i++)
      raw += `Content-Type: multipart/mixed; boundary=b${i}\n\n--b${i}\n`;
    const m = await readMessage(`${raw}\nhello`);
    expect(m.problems[0]).toMatch(/nesting/);
    expect(m.from?.email).toBe("a@b.example");
  });

  it("keeps hostile header names out of Object.prototype", async () => {
    const m = await readMessage("__proto__: polluted\nconstructor: x\nFrom: a@b.example\n\nhi");
    const protoKey = ["__", "proto", "__"].join("");
    expect(m.headers[protoKey]).toBe("polluted");
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(m.headers)).toBeNull();
  });

  it("returns an empty message for empty input", async () => {
    const m = await readMessage("");
    expect(m).toMatchObject({
      from: null,
      to: [],
      subject: "",
      text: "",
      messageId: null,
      problems: ["no From header"],
    });
  });
});

describe("dateOffsetMinutes", () => {
  it.each([
    ["Fri, 20 Nov 2026 10:14:33 +0100", 60],
    ["Fri, 20 Nov 2026 10:14:33 -0530 (EST)", -330],
    ["20 Nov 2026 10:14 GMT", 0],
    ["garbage", null],
    [undefined, null],
  ])("%s → %s", (raw, offset) => {
    expect(dateOffsetMinutes(raw)).toBe(offset);
  });
});
