import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  buildForwardableRequest,
  checkRequest,
  parseRequestSubject,
  splitRequest,
} from "./index.ts";

/** The seed's email, copied verbatim into the corpus. */
function seedEmail(): { subject: string; body: string } {
  const raw = readFileSync(
    new URL("../../../test/fixtures/requests/001-seed-alice-maya.txt", import.meta.url),
    "utf8",
  );
  const text = raw.slice(raw.indexOf("\n---\n") + 5);
  const [first, ...rest] = text.split("\n");
  return { subject: (first ?? "").replace(/^Subject:\s*/, ""), body: rest.join("\n") };
}

const SEED_FIELDS = {
  introducerName: "Jane",
  targetName: "Maya",
  requesterName: "Alice",
  ask: "I'd greatly appreciate a chance to chat with you about building a career in Tech.",
  whyThem:
    "I'm currently job hunting for a software engineer position. I'm debating between joining a startup or going the big company route. I'd love for a chance to understand your experiences at Snapchat, Instagram and SpaceX to help me better understand the trade-offs in choosing where to work.",
  nextStep:
    "Would a quick 20 min coffee work for you this Friday afternoon at your office at, say, 3pm?",
  alternative: "Can also do a phone call / anything you'd prefer.",
  aboutMe: [
    "Excited to join a fast moving company as a full-stack software engineer. I have a background in web and mobile engineering.",
    "Built a note-taking app that has dozens of active users: <>.",
    "Recent grad from Internet University.",
  ],
  links: ["https://alicepersonalwebsite.com"],
  signature: "Regards,",
};

describe("buildForwardableRequest", () => {
  it("rebuilds the seed's email from its fields, line for line", () => {
    const seed = seedEmail();
    const built = buildForwardableRequest(SEED_FIELDS);
    // The seed has a typo ("Ccould"), trailing spaces and a double space; the rest must match.
    const expected = seed.body
      .replace("Ccould", "could")
      .split("\n")
      .map((l) => l.replace(/ {2,}/g, " ").trimEnd())
      .join("\n")
      .trim();
    expect(built.text.trim()).toBe(expected);
    expect(built.subject).toBe(seed.subject.replace(/\.$/, ""));
    expect(built.subject).toBe("REQUEST: intro Maya <> Alice");
  });

  it("gives no error and no warning when checked", () => {
    const built = buildForwardableRequest(SEED_FIELDS);
    const report = checkRequest({
      text: built.text,
      subject: built.subject,
      profile: { name: "Maya", companies: ["Snapchat", "Instagram", "SpaceX"] },
    });
    expect(report.findings).toEqual([]);
    expect(report.score).toBe(100);
  });

  it("can be split and parsed back", () => {
    const built = buildForwardableRequest(SEED_FIELDS);
    expect(parseRequestSubject(built.subject)).toEqual({ target: "Maya", requester: "Alice" });
    const parts = splitRequest(built.text, built.subject);
    expect(parts.introducerGreetingName).toBe("Jane");
    expect(parts.targetGreetingName).toBe("Maya");
    expect(parts.noteToIntroducer).toBe(
      "Hey Jane, could you introduce me to Maya? You can simply CC them, thanks!",
    );
  });

  it("greets by first name and keeps full names in the subject", () => {
    const built = buildForwardableRequest({
      ...SEED_FIELDS,
      introducerName: "Jane Doe",
      targetName: "Maya Lopez",
      requesterName: "Alice Chen",
    });
    expect(built.subject).toBe("REQUEST: intro Maya Lopez <> Alice Chen");
    expect(built.text).toContain("Hey Jane, could you introduce me to Maya?");
    expect(built.text).toContain("\n\nHey Maya,\n\n");
    expect(built.text).toContain("Regards,\nAlice Chen\nhttps://alicepersonalwebsite.com\n");
  });

  it("keeps names on one line, so nothing can be injected into the subject header", () => {
    const built = buildForwardableRequest({
      ...SEED_FIELDS,
      targetName: "Maya\r\nBcc: everyone@example.com",
    });
    expect(built.subject).not.toMatch(/[\r\n]/);
    expect(built.subject).toBe("REQUEST: intro Maya Bcc: everyone@example.com <> Alice");
  });

  it("leaves out what is not given and adds the comma to a sign-off", () => {
    const built = buildForwardableRequest({
      ...SEED_FIELDS,
      whyThem: "  ",
      alternative: undefined,
      aboutMe: ["- already a bullet", ""],
      links: [],
      signature: "Best",
    });
    expect(built.text).not.toContain("\n\n\n");
    expect(built.text).toContain("About me:\n- already a bullet\n\nBest,\nAlice\n");
    expect(built.text.endsWith("Best,\nAlice\n")).toBe(true);
  });
});
