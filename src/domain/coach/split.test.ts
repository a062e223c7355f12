import { describe, expect, it } from "vitest";
import { analyseLayout, splitRequest } from "./split.ts";

const SEED = `Subject: REQUEST: intro Maya <> Alice.

Hey Jane, Ccould you introduce me to Maya? You can simply CC them, thanks!

Hey Maya,

I'd greatly appreciate a chance to chat with you about building a career in Tech.

Regards,
Alice
https://alicepersonalwebsite.com
`;

describe("splitRequest", () => {
  it("tells the note to the introducer from the blurb to the target, as in the seed", () => {
    const parts = splitRequest(SEED);
    expect(parts.subject).toBe("REQUEST: intro Maya <> Alice.");
    expect(parts.noteToIntroducer).toBe(
      "Hey Jane, Ccould you introduce me to Maya? You can simply CC them, thanks!",
    );
    expect(parts.blurb.startsWith("Hey Maya,")).toBe(true);
    expect(parts.blurb.endsWith("https://alicepersonalwebsite.com")).toBe(true);
    expect(parts.targetGreetingName).toBe("Maya");
    expect(parts.introducerGreetingName).toBe("Jane");
  });

  it("uses a subject given apart from the text", () => {
    const parts = splitRequest("Hi Maya,\n\nI'd love to ask you about X.", "Intro: Maya <> Sam");
    expect(parts.subject).toBe("Intro: Maya <> Sam");
    expect(parts.noteToIntroducer).toBe("");
    expect(parts.targetGreetingName).toBe("Maya");
  });

  it("handles CRLF line ends", () => {
    const parts = splitRequest(SEED.replace(/\n/g, "\r\n"));
    expect(parts.targetGreetingName).toBe("Maya");
    expect(parts.noteToIntroducer).toBe(
      "Hey Jane, Ccould you introduce me to Maya? You can simply CC them, thanks!",
    );
  });

  it("reads a single greeting as the introducer's when the text asks for the intro", () => {
    const parts = splitRequest(
      "Hi Jane,\n\nCould you introduce me to Leo? He built the design team at Canva and I'd love to ask him how.\n\nThanks,\nIvy",
    );
    expect(parts.introducerGreetingName).toBe("Jane");
    expect(parts.targetGreetingName).toBeUndefined();
    expect(parts.noteToIntroducer).toBe("Hi Jane,");
    expect(parts.blurb.startsWith("Could you introduce me to Leo?")).toBe(true);
  });

  it("reads a single greeting as the target's when the text is written to them", () => {
    const parts = splitRequest(
      "Hi Ravi,\n\nI saw that you built Robinhood's options engine. Would a call on Friday work?",
    );
    expect(parts.targetGreetingName).toBe("Ravi");
    expect(parts.introducerGreetingName).toBeUndefined();
  });

  it("keeps an intro-only first paragraph out of a blurb that has no greeting", () => {
    const parts = splitRequest(
      "Hey Jane, could you introduce me to Maya? You can simply CC them, thanks!\n\nI'd love to chat with you about your time at SpaceX.\n\nAlice",
    );
    expect(parts.noteToIntroducer).toBe(
      "Hey Jane, could you introduce me to Maya? You can simply CC them, thanks!",
    );
    expect(parts.blurb.startsWith("I'd love to chat")).toBe(true);
  });

  it.each([
    ["Dear Dr. Okafor,", "Dr. Okafor"],
    ["Good morning Ms. Achebe,", "Ms. Achebe"],
    ["hey sofia!", "sofia"],
    ["Hola Andrés,", "Andrés"],
    ["Hi Kemi — Tolu suggested I reach out.", "Kemi"],
    ["Dear Professor Lindgren,", "Professor Lindgren"],
  ])("reads the greeting %j", (line, name) => {
    expect(splitRequest(`${line}\n\nI'd love to ask how you did it.`).targetGreetingName).toBe(
      name,
    );
  });

  it.each(["Hi there,", "Hello,", "Hi all,"])("names nobody in %j", (line) => {
    expect(splitRequest(`${line}\n\nI'd love to ask how you did it.`).targetGreetingName).toBe(
      undefined,
    );
  });

  it("does not take a sign-off such as Ciao for a greeting", () => {
    const parts = splitRequest("Hi Valentina,\n\nWould love to pick your brain!\n\nCiao,\nMatteo");
    expect(parts.targetGreetingName).toBe("Valentina");
    expect(parts.introducerGreetingName).toBeUndefined();
  });

  it("flips a requester-first subject when the requester greets the target", () => {
    const layout = analyseLayout(
      "Subject: Intro: Jonas / Elena\n\nHi Petra, could you introduce me to Elena?\n\nHi Elena,\n\nI'd love to ask you about Klarna.",
    );
    expect(layout.parsedSubject).toEqual({ target: "Elena", requester: "Jonas" });
    expect(layout.targetGreeting?.name).toBe("Elena");
    expect(layout.introducerGreeting?.name).toBe("Petra");
  });

  it("uses the introducer's name when it is known", () => {
    const layout = analyseLayout("Hi Maya,\n\nHi Jane, could you check this?", {
      introducerName: "Jane",
    });
    expect(layout.targetGreeting?.name).toBe("Maya");
    expect(layout.introducerGreeting?.name).toBe("Jane");
  });

  it("keeps offsets into the original text", () => {
    const layout = analyseLayout(SEED);
    expect(SEED.slice(layout.blurb.start, layout.blurb.start + 9)).toBe("Hey Maya,");
    expect(SEED.slice(layout.note.start, layout.note.end).trim().startsWith("Hey Jane")).toBe(true);
  });
});
