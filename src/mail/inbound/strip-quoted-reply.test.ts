import { describe, expect, it } from "vitest";
import { stripQuotedReply } from "./strip-quoted-reply.ts";

const REQUEST =
  "Hi Maya,\nAlice asked me for an intro. Would you be open to it? Reply yes or no.\nJane";
const quoted = (s: string) =>
  s
    .split("\n")
    .map((l) => `> ${l}`)
    .join("\n");

describe("stripQuotedReply: replies above the quote", () => {
  it("Gmail, with the attribution wrapped over two lines", () => {
    const text = `Happy to!\n\nOn Fri, Nov 20, 2026 at 10:00 AM Jane Doe via Vouch <\nintros+abc@vouch.localhost> wrote:\n\n${quoted(REQUEST)}\n`;
    expect(stripQuotedReply(text)).toBe("Happy to!");
  });

  it("Outlook: an unquoted header block under a rule, and the original below it", () => {
    const text = `Sure, send her my way.\r\n\r\n________________________________\r\nFrom: Jane Doe via Vouch <intros+abc@vouch.localhost>\r\nSent: Friday, November 20, 2026 10:00 AM\r\nTo: Maya Chen <maya@acme.com>\r\nSubject: Intro to Alice?\r\n\r\n${REQUEST}`;
    expect(stripQuotedReply(text)).toBe("Sure, send her my way.");
  });

  it("Outlook for Mac: From / Date / To, no rule", () => {
    const text = `Not now, sorry.\n\nFrom: Jane Doe <jane@example.com>\nDate: Friday, 20 November 2026 at 10:00\nTo: Maya Chen <maya@acme.com>\nSubject: Intro?\n\n${REQUEST}`;
    expect(stripQuotedReply(text)).toBe("Not now, sorry.");
  });

  it('old Outlook: "-----Original Message-----"', () => {
    const text = `I'll pass, thanks.\n\n-----Original Message-----\nFrom: Jane Doe [mailto:jane@example.com]\nSent: Friday\n\n${REQUEST}`;
    expect(stripQuotedReply(text)).toBe("I'll pass, thanks.");
  });

  it("Apple Mail on iPhone: the attribution inside the quote, and 'Sent from my iPhone'", () => {
    const text = `Yes, happy to.\n\nSent from my iPhone\n\n> On Nov 20, 2026, at 10:00, Jane Doe <jane@example.com> wrote:\n> \n${quoted(REQUEST)}`;
    expect(stripQuotedReply(text)).toBe("Yes, happy to.");
  });

  it("Thunderbird", () => {
    const text = `Gladly.\n\nOn 20/11/2026 10:00, Jane Doe wrote:\n${quoted(REQUEST)}`;
    expect(stripQuotedReply(text)).toBe("Gladly.");
  });

  it.each([
    [
      "French Gmail",
      "Avec plaisir !",
      "Le ven. 20 nov. 2026 à 10:00, Jane Doe <jane@example.com> a écrit :",
    ],
    [
      "French, wrapped",
      "Avec plaisir !",
      "Le ven. 20 nov. 2026 à 10:00, Jane Doe <jane@example.com> a\nécrit :",
    ],
    [
      "German Gmail",
      "Gerne!",
      "Am Fr., 20. Nov. 2026 um 10:00 Uhr schrieb Jane Doe <jane@example.com>:",
    ],
    ["German Apple Mail", "Gerne!", "Am 20.11.2026 um 10:00 schrieb Jane Doe <jane@example.com>:"],
    [
      "Spanish Gmail",
      "¡Claro que sí!",
      "El vie, 20 nov 2026 a las 10:00, Jane Doe (<jane@example.com>) escribió:",
    ],
  ])("%s attribution", (_name, answer, attribution) => {
    expect(stripQuotedReply(`${answer}\n\n${attribution}\n\n${quoted(REQUEST)}`)).toBe(answer);
  });

  it.each([
    [
      "French Outlook",
      "De : Jane Doe <jane@example.com>\nEnvoyé : vendredi 20 novembre 2026 10:00\nÀ : Sophie <sophie@exemple.fr>\nObjet : Intro ?",
    ],
    [
      "German Outlook",
      "Von: Jane Doe <jane@example.com>\nGesendet: Freitag, 20. November 2026 10:00\nAn: Jonas <jonas@beispiel.de>\nBetreff: Intro?",
    ],
    [
      "Spanish Outlook",
      "De: Jane Doe <jane@example.com>\nEnviado: viernes, 20 de noviembre de 2026 10:00\nPara: Lucía <lucia@ejemplo.es>\nAsunto: ¿Intro?",
    ],
  ])("%s header block", (_name, block) => {
    expect(stripQuotedReply(`Pas maintenant.\n\n${block}\n\n${REQUEST}`)).toBe("Pas maintenant.");
  });

  it("a forwarded message", () => {
    const text = `FYI, see below.\n\n---------- Forwarded message ---------\nFrom: Jane Doe <jane@example.com>\nDate: Fri, Nov 20, 2026\n\n${REQUEST}`;
    expect(stripQuotedReply(text)).toBe("FYI, see below.");
  });
});

describe("stripQuotedReply: replies below and between quotes", () => {
  it("bottom-posting keeps the text under the quote", () => {
    const text = `On Fri, Nov 20, 2026 at 10:00 AM Jane Doe <jane@example.com> wrote:\n${quoted(REQUEST)}\n\nSure, happy to chat with her.\n\n-- \nMaya`;
    expect(stripQuotedReply(text)).toBe("Sure, happy to chat with her.");
  });

  it("inline answers between quoted lines are all kept, the quoted lines dropped", () => {
    const text = [
      "On Fri, Nov 20, 2026 at 10:00 AM Jane Doe <jane@example.com> wrote:",
      "> Would you be open to it?",
      "",
      "Yes, happy to.",
      "",
      "> Would Friday at 3pm work?",
      "",
      "Friday doesn't work, but next week does.",
      "",
      "> Regards, Alice",
    ].join("\n");
    expect(stripQuotedReply(text)).toBe(
      "Yes, happy to.\n\nFriday doesn't work, but next week does.",
    );
  });

  it("quoted lines without any attribution are dropped too", () => {
    expect(stripQuotedReply("> Would you be open to it?\nNo thanks.")).toBe("No thanks.");
  });
});

describe("stripQuotedReply: signatures", () => {
  it.each([
    ["a '-- ' separator", "Happy to.\n\n-- \nMaya Chen\nhttps://maya.example.org", "Happy to."],
    [
      "a sign-off and a title block",
      "Yes please.\n\nBest,\nMaya\nVP Engineering, Acme\n+1 415 555 0101",
      "Yes please.",
    ],
    ["a sign-off with the name on one line", "Sure thing.\n\nCheers, Tom", "Sure thing."],
    ["Outlook mobile", "Happy to\n\nGet Outlook for iOS", "Happy to"],
    ["a German sign-off", "Ja, gerne.\n\nViele Grüße\nJonas", "Ja, gerne."],
    ["a French sign-off", "Avec plaisir.\n\nCordialement,\nSophie Laurent", "Avec plaisir."],
    ["a Spanish phone signature", "Sí, claro.\n\nEnviado desde mi iPhone", "Sí, claro."],
  ])("removes %s", (_name, text, expected) => {
    expect(stripQuotedReply(text)).toBe(expected);
  });

  it("removes a corporate block that starts with the sender's name, when the name is known", () => {
    const text =
      "Sure, send her my way.\n\nOmar Haddad\nDirector of Engineering | Northwind\nM: +1 (415) 555-0134";
    expect(stripQuotedReply(text, { senderName: "Omar Haddad" })).toBe("Sure, send her my way.");
  });

  it("keeps a line of thanks on top: it is a greeting, not a sign-off", () => {
    expect(stripQuotedReply("Thanks Jane!\n\nYes, I'd be happy to meet her.")).toBe(
      "Thanks Jane!\n\nYes, I'd be happy to meet her.",
    );
    expect(stripQuotedReply("Cheers!\n\nHappy to help.")).toBe("Cheers!\n\nHappy to help.");
  });

  it("keeps a reply with no quote and no signature as it is", () => {
    expect(stripQuotedReply("  Not a great time — ping me after the holidays.  \r\n")).toBe(
      "Not a great time — ping me after the holidays.",
    );
  });

  it("returns nothing for a reply that is only a quote", () => {
    expect(
      stripQuotedReply(
        `On Fri, Nov 20, 2026 at 10:00 AM Jane <jane@example.com> wrote:\n${quoted(REQUEST)}`,
      ),
    ).toBe("");
    expect(stripQuotedReply("")).toBe("");
  });
});
