import { describe, expect, it } from "vitest";
import { automaticReasons, isAutomatic } from "./automatic-mail.ts";

const msg = (
  headers: Record<string, string>,
  subject = "Re: Alice would like an introduction",
) => ({
  headers: Object.assign(Object.create(null) as Record<string, string>, headers),
  subject,
});

describe("isAutomatic (RFC 3834 and common practice)", () => {
  it.each([
    [{ "auto-submitted": "auto-replied" }, /Auto-Submitted: auto-replied/],
    [{ "auto-submitted": "auto-generated (failure)" }, /Auto-Submitted: auto-generated/],
    [{ "return-path": "<>" }, /empty Return-Path/],
    [{ "return-path": " < > " }, /empty Return-Path/],
    [{ "x-autoreply": "yes" }, /X-Autoreply/],
    [{ "x-autorespond": "Yes" }, /X-Autorespond/],
    [{ precedence: "bulk" }, /Precedence: bulk/],
    [{ precedence: "Junk" }, /Precedence: junk/],
    [{ precedence: "list" }, /Precedence: list/],
    [{ precedence: "auto_reply" }, /Precedence: auto_reply/],
    [{ "list-id": "Founders <founders.lists.example.org>" }, /List-Id/],
  ])("%j is automatic", (headers, reason) => {
    expect(isAutomatic(msg(headers))).toBe(true);
    expect(automaticReasons(msg(headers)).join()).toMatch(reason);
  });

  it.each([
    "Out of Office: Alice would like an introduction",
    "Automatic reply: Alice would like an introduction",
    "AW: Abwesenheitsnotiz: Felix would like an introduction",
    "Réponse automatique : Claire would like an introduction",
    "Respuesta automática: Elena would like an introduction",
    "[Auto-Reply] Re: intro",
    "Out of the office until Monday",
  ])("an out-of-office subject is automatic: %s", (subject) => {
    expect(isAutomatic(msg({}, subject))).toBe(true);
  });

  it("a person's reply is not, even with Auto-Submitted: no and a normal Return-Path", () => {
    expect(
      isAutomatic(
        msg({ "auto-submitted": "no", "return-path": "<maya@acme.example>", precedence: "normal" }),
      ),
    ).toBe(false);
    expect(automaticReasons(msg({}))).toEqual([]);
    expect(isAutomatic(msg({}, "Re: Office hours next week?"))).toBe(false);
  });
});
