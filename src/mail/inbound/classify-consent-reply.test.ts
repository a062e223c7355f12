import { describe, expect, it } from "vitest";
import { classifyConsentReply } from "./classify-consent-reply.ts";
import { readMessage } from "./read-message.ts";

const now = new Date("2026-11-20T10:00:00Z");
const intent = (text: string) => classifyConsentReply(text, { now }).intent;

describe("classifyConsentReply: what the issue asks for", () => {
  it.each([
    ["Happy to!", "accept"],
    ["Sure, send her my way", "accept"],
    ["Not a great time — ping me after the holidays", "defer"],
    ["I'll pass, thanks", "decline"],
    ["Thanks for thinking of me!\n\nYes, happy to.", "accept"],
    ["Oui, avec plaisir.", "accept"],
    ["Non merci.", "decline"],
    ["Pas maintenant, recontacte-moi en mars.", "defer"],
    ["Ja, gerne!", "accept"],
    ["Nein danke.", "decline"],
    ["Gerade nicht, frag mich im Januar nochmal.", "defer"],
    ["¡Sí, claro!", "accept"],
    ["No, gracias.", "decline"],
    ["Ahora no, escríbeme en enero.", "defer"],
  ])("%j → %s", (text, expected) => {
    expect(intent(text)).toBe(expected);
  });
});

describe("classifyConsentReply: negation, contrast and conditions", () => {
  it.each([
    ["I'm not happy to do this one.", "decline"],
    ["I'd love to but can't.", "decline"],
    ["I'd love to but can't right now.", "defer"],
    ["Yes but not now.", "defer"],
    ["Happy to, but what does she want to discuss?", "question"],
    ["Sure, if you think it's worth it... not sure I can help though.", "unknown"],
    ["No problem, happy to help.", "accept"],
    ["Kein Problem, gerne.", "accept"],
    ["Oui, n'hésite pas à nous présenter.", "accept"],
    ["I'll pass for now.", "defer"],
    ["Not interested.", "decline"],
    ["Maybe.", "unknown"],
    ["Possibly. Who is she?", "question"],
    ["Sure! When would suit her?", "accept"],
    ["What time works for her?", "question"],
    ["Thanks", "unknown"],
    ["", "unknown"],
  ])("%j → %s", (text, expected) => {
    expect(intent(text)).toBe(expected);
  });

  it.each([
    "Sure, I'll consider it.",
    "I would be happy to, if I had the time.",
    "I'd be happy to in theory, but let's see.",
    "Yes, received.",
    "Yes, I'm out of office until Monday.",
    "Sure... when pigs fly.",
    "Absolutely not.",
    "Count me out.",
    "Happy to hear from you, but I'm not interested.",
    "Yes if she is not a recruiter",
    "Sounds good, let me check with my team.",
    "Happy holidays!",
    "Ok",
  ])("never reads consent in %j", (text) => {
    expect(intent(text)).not.toBe("accept");
  });

  it("a 'no' that no rule explains blocks a yes", () => {
    const c = classifyConsentReply("Yes, it's not ideal for me but fine", { now });
    expect(c.intent).not.toBe("accept");
  });

  it("explains itself with the phrases that matched", () => {
    const c = classifyConsentReply("I'd love to but can't — I've stepped back from advising.", {
      now,
    });
    expect(c.reasons.join("\n")).toMatch(/accept \+0\.78 "i'd love to" \(before 'but'\)/);
    expect(c.reasons.join("\n")).toMatch(/decline \+1\.44 "stepped back from" \(after 'but'\)/);
    expect(c.reasons.at(-1)).toBe("→ decline: says no");
  });

  it("is deterministic", () => {
    const a = classifyConsentReply("Not a great time — ping me after the holidays", { now });
    expect(classifyConsentReply("Not a great time — ping me after the holidays", { now })).toEqual(
      a,
    );
  });
});

describe("classifyConsentReply: the result", () => {
  it("strips the quote and gives dates relative to `now` for plain text", () => {
    const c = classifyConsentReply(
      "Not right now. Try me in January.\n\nOn Fri, Jane <jane@example.com> wrote:\n> Would you be open to it? Reply yes or no.",
      {
        now,
      },
    );
    expect(c).toMatchObject({
      intent: "defer",
      reply: "Not right now. Try me in January.",
      dates: ["2027-01-01"],
      links: [],
    });
    expect(c.confidence).toBeGreaterThan(0.5);
    expect(c.confidence).toBeLessThanOrEqual(1);
  });

  it("uses the message's Date header (and offset) rather than `now`", async () => {
    const m = await readMessage(
      "From: Maya <maya@acme.example>\nDate: Mon, 2 Mar 2026 08:00:00 -0500\n\nHappy to! Thursday at 9am?\n",
    );
    const c = classifyConsentReply(m, { now });
    expect(c.dates).toEqual(["2026-03-05T09:00:00-05:00"]);
  });

  it("lists links and scheduling links", () => {
    const c = classifyConsentReply(
      "Sure! Grab time at https://cal.com/maya/30 — more about me on https://maya.dev.",
      { now },
    );
    expect(c.intent).toBe("accept");
    expect(c.links).toEqual(["https://cal.com/maya/30", "https://maya.dev"]);
    expect(c.schedulingLinks).toEqual([{ url: "https://cal.com/maya/30", provider: "Cal.com" }]);
  });

  it("never takes automatic mail as an answer, however it is worded", async () => {
    const m = await readMessage(
      "From: Maya <maya@acme.example>\nAuto-Submitted: auto-replied\nSubject: Re: intro\n\nYes, happy to help when I'm back on Monday!\n",
    );
    const c = classifyConsentReply(m, { now });
    expect(c.intent).toBe("auto_reply");
    expect(c.reasons[0]).toBe("Auto-Submitted: auto-replied");
  });

  it("reads a bounce before anything else", async () => {
    const m = await readMessage(
      "From: MAILER-DAEMON@mx.example\nAuto-Submitted: auto-replied\nContent-Type: multipart/report; report-type=delivery-status; boundary=b\n\n--b\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; mx.example\n\nFinal-Recipient: rfc822; maya@acme.example\nAction: failed\nStatus: 5.1.1\n--b--\n",
    );
    const c = classifyConsentReply(m, { now });
    expect(c.intent).toBe("bounce");
    expect(c.bounce?.recipients[0]?.finalRecipient).toBe("maya@acme.example");
    expect(c.reasons).toContain("maya@acme.example: failed 5.1.1");
  });

  it("without a Date header or `now`, gives no dates rather than guessing the clock", () => {
    expect(classifyConsentReply("Not now, try me in January").dates).toEqual([]);
  });
});
