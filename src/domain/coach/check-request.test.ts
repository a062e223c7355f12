import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { buildForwardableRequest } from "./forwardable.ts";
import { checkRequest, type Finding, RULE_IDS, RULES, type RuleId } from "./index.ts";

function fixture(name: string): string {
  const raw = readFileSync(
    new URL(`../../../test/fixtures/requests/${name}`, import.meta.url),
    "utf8",
  );
  return raw.slice(raw.indexOf("\n---\n") + 5);
}

const rules = (fs: Finding[]) => fs.map((f) => f.rule);
const serious = (fs: Finding[]) => fs.filter((f) => f.severity !== "tip");

/** A request that passes every rule; each test below breaks one thing. */
const GOOD = `Hi Maya,

I'm a backend engineer at a 10-person logistics startup in Leeds. I saw your talk at JSConf on Deno's edge runtime, and I'd love to ask how you decided between edge functions and regional containers.

Would a 20-minute call next Tuesday or Thursday work? Happy to do email instead if that's easier.

Thanks,
Sam
https://sam.dev
`;

describe("checkRequest: the seed", () => {
  it("gives the seed's own request no error and no warning, with Maya's companies in the profile", () => {
    const report = checkRequest({
      text: fixture("001-seed-alice-maya.txt"),
      profile: { name: "Maya", companies: ["Snapchat", "Instagram", "SpaceX"] },
    });
    expect(serious(report.findings)).toEqual([]);
    expect(report.score).toBe(100);
  });

  it("also passes the seed without a profile, from what the text says about Maya", () => {
    const report = checkRequest({ text: fixture("001-seed-alice-maya.txt") });
    expect(serious(report.findings)).toEqual([]);
  });

  it("gives the seed's anti-pattern (forward my paragraph to people you know) the error no-target", () => {
    const report = checkRequest({ text: fixture("002-seed-antipattern-forward-to-people.txt") });
    const noTarget = report.findings.find((f) => f.rule === "no-target");
    expect(noTarget?.severity).toBe("error");
    expect(noTarget?.span).toBeDefined();
    expect(report.score).toBeLessThan(50);
  });

  it("gives no-target to a bare paragraph about yourself with a forward request", () => {
    const report = checkRequest({
      text: "Hi Jane, I'm a data scientist with five years in fintech, looking for my next role. Could you forward this to anyone you know who's hiring? Thanks, Olu",
    });
    expect(rules(report.findings)).toContain("no-target");
  });
});

describe("checkRequest: each rule", () => {
  it("passes the good request", () => {
    const report = checkRequest({ text: GOOD });
    expect(report.findings).toEqual([]);
    expect(report.score).toBe(100);
  });

  const cases: [RuleId, string][] = [
    [
      "no-target",
      GOOD.replace("Hi Maya,", "Hi Jane,\n\nCould you pass this to someone at Deno?").replace(
        "I saw your talk at JSConf on Deno's edge runtime, and I'd love",
        "I'd love",
      ),
    ],
    ["no-ask", GOOD.replace(/, and I'd love[^.]*\./, ".").replace(/Would a 20-minute[^\n]*/, "")],
    [
      "vague-ask",
      GOOD.replace(/, and I'd love[^.]*\./, ". I'd love to pick your brain.").replace(
        /Would a 20-minute[^\n]*/,
        "Would a 20-minute call next Tuesday or Thursday work?",
      ),
    ],
    [
      "not-tailored",
      GOOD.replace("I saw your talk at JSConf on Deno's edge runtime, and I'd", "I'd"),
    ],
    [
      "not-forwardable",
      GOOD.replace("Hi Maya,", "Hi Jane,").replace(
        "I saw your talk at JSConf on Deno's edge runtime, and I'd love to ask how you decided",
        "Maya gave a talk at JSConf on Deno's edge runtime, and I'd love to ask her how she decided",
      ),
    ],
    ["no-next-step", GOOD.replace(/Would a 20-minute[^\n]*/, "")],
    ["no-time", GOOD.replace("next Tuesday or Thursday", "sometime")],
    [
      "no-flexibility",
      GOOD.replace(" or Thursday", "").replace(" Happy to do email instead if that's easier.", ""),
    ],
    [
      "no-about-me",
      GOOD.replace("I'm a backend engineer at a 10-person logistics startup in Leeds. ", ""),
    ],
    [
      "too-long",
      GOOD.replace(
        "Thanks,",
        `${"We are growing quickly and learning a lot. ".repeat(30)}\n\nThanks,`,
      ),
    ],
    ["no-signature", GOOD.replace("https://sam.dev\n", "")],
  ];

  it.each(cases)("%s fires, alone, with an actionable message and fix", (rule, text) => {
    const report = checkRequest({ text });
    expect(rules(report.findings)).toContain(rule);
    const f = report.findings.find((x) => x.rule === rule)!;
    expect(f.severity).toBe(RULES.find((r) => r.id === rule)!.severity);
    expect(f.message.length).toBeGreaterThan(20);
    expect(f.fix.length).toBeGreaterThan(10);
    if (f.span) {
      expect(f.span.start).toBeGreaterThanOrEqual(0);
      expect(f.span.end).toBeLessThanOrEqual(text.length);
      expect(f.span.start).toBeLessThan(f.span.end);
    }
    // Breaking one thing should not set off unrelated rules.
    const others = rules(report.findings).filter((r) => r !== rule);
    const expectedWith: Partial<Record<RuleId, RuleId[]>> = {
      "no-ask": ["no-next-step"],
      "no-target": ["not-tailored"],
    };
    expect(others.filter((r) => !(expectedWith[rule] ?? []).includes(r))).toEqual([]);
  });

  it("points the vague ask's span at the ask", () => {
    const text = GOOD.replace(/, and I'd love[^.]*\./, ". I'd love to pick your brain.").replace(
      /Would a 20-minute[^\n]*/,
      "Would a 20-minute call next Tuesday or Thursday work?",
    );
    const f = checkRequest({ text }).findings.find((x) => x.rule === "vague-ask")!;
    expect(text.slice(f.span!.start, f.span!.end)).toBe("I'd love to pick your brain.");
  });

  it("points not-forwardable at the third-person words", () => {
    const text = GOOD.replace("Hi Maya,", "Hi Jane,").replace(
      "I saw your talk at JSConf on Deno's edge runtime, and I'd love to ask how you decided",
      "I saw Maya's talk at JSConf, and I'd love to ask how she decided",
    );
    const f = checkRequest({ text, targetName: "Maya" }).findings.find(
      (x) => x.rule === "not-forwardable",
    )!;
    expect(text.slice(f.span!.start, f.span!.end)).toBe("Maya");
  });

  it("counts length on the blurb only, not on the note to the introducer", () => {
    const note = `Hey Jane, could you introduce me to Maya? ${"You know how much this matters to me. ".repeat(40)}\n\n`;
    const report = checkRequest({ text: note + GOOD });
    expect(rules(report.findings)).not.toContain("too-long");
  });
});

describe("checkRequest: research and names", () => {
  const generic = `Hi Aisha,

I'm a junior analyst at a grocery chain, and I'd love your advice on recommender systems for a small retailer.

Would a 15-minute call this Friday morning work, or another day if better?

Best,
Joe
joe.io
`;

  it("uses the profile: an interest from the research connects the ask", () => {
    expect(rules(checkRequest({ text: generic }).findings)).toContain("not-tailored");
    const report = checkRequest({
      text: generic,
      profile: { name: "Aisha Rahman", interests: ["recommender systems"] },
    });
    expect(rules(report.findings)).not.toContain("not-tailored");
  });

  it("uses the profile's companies and notes", () => {
    const atOcado = generic.replace(
      "I'd love your advice",
      "I know you were at Ocado and I'd love your advice",
    );
    expect(
      rules(checkRequest({ text: atOcado, profile: { companies: ["Ocado"] } }).findings),
    ).not.toContain("not-tailored");
    const notes = generic.replace(
      "I'd love your advice on recommender systems for a small retailer.",
      "Your interview in the Grocer about substitutions stuck with me, and I'd love your advice on them.",
    );
    expect(
      rules(
        checkRequest({ text: notes, profile: { notes: "Interviewed by the Grocer, 2024." } })
          .findings,
      ),
    ).not.toContain("not-tailored");
  });

  it("suggests what to mention from the profile", () => {
    const f = checkRequest({
      text: generic.replace("recommender systems", "analytics"),
      profile: {
        name: "Aisha Rahman",
        companies: ["Ocado", "ASOS"],
        role: "Director of Data Science",
      },
    }).findings.find((x) => x.rule === "not-tailored")!;
    expect(f.fix).toContain("Ocado");
  });

  it("takes the target's name from intake when the text has no greeting", () => {
    const text = GOOD.replace("Hi Maya,\n\n", "");
    expect(rules(checkRequest({ text }).findings)).toContain("no-target");
    expect(rules(checkRequest({ text, targetName: "Maya" }).findings)).not.toContain("no-target");
  });

  it("takes the target from the subject, given apart or as a first line", () => {
    const text = GOOD.replace("Hi Maya,\n\n", "");
    expect(rules(checkRequest({ text, subject: "REQUEST: intro Maya <> Sam" }).findings)).toEqual(
      [],
    );
    expect(rules(checkRequest({ text: `Subject: intro to Maya\n\n${text}` }).findings)).toEqual([]);
  });
});

describe("checkRequest: time", () => {
  it("reads windows with chrono-node and ignores past dates", () => {
    const at = (s: string) =>
      rules(checkRequest({ text: GOOD.replace("next Tuesday or Thursday", s) }).findings);
    expect(at("this Friday afternoon at 3pm")).not.toContain("no-time");
    expect(at("on 14 April")).not.toContain("no-time");
    expect(at("in the coming weeks")).not.toContain("no-time");
    expect(at("sometime")).toContain("no-time");
    expect(at("whenever suits you")).toContain("no-time");
    expect(at("like the one we had last Tuesday")).toContain("no-time");
  });

  it("does not depend on the clock: the same input gives the same report", () => {
    const a = checkRequest({ text: GOOD });
    const b = checkRequest({ text: GOOD, now: new Date("2031-07-01T09:00:00Z") });
    const c = checkRequest({ text: GOOD });
    expect(b).toEqual(a);
    expect(c).toEqual(a);
  });
});

describe("checkRequest: score", () => {
  it("falls with each error and warning, and less with tips", () => {
    const tip = checkRequest({ text: GOOD.replace("https://sam.dev\n", "") });
    const warning = checkRequest({ text: GOOD.replace(/Would a 20-minute[^\n]*/, "") });
    const error = checkRequest({
      text: GOOD.replace(/, and I'd love[^.]*\./, ".").replace(/Would a 20-minute[^\n]*/, ""),
    });
    expect(tip.score).toBeLessThan(100);
    expect(warning.score).toBeLessThan(tip.score);
    expect(error.score).toBeLessThan(warning.score);
  });

  it("never goes below 0", () => {
    const worst = checkRequest({
      text: `${"Hi Jane, could you forward this to anyone you know? ".repeat(60)}\nThx`,
    });
    expect(worst.findings.length).toBeGreaterThanOrEqual(5);
    expect(worst.score).toBeGreaterThanOrEqual(0);
    expect(checkRequest({ text: "" }).score).toBe(17);
  });
});

describe("RULES", () => {
  it("has exactly the rule ids and severities of INTERFACES.md, in its order", () => {
    expect(RULES.map((r) => [r.id, r.severity])).toEqual([
      ["no-target", "error"],
      ["no-ask", "error"],
      ["vague-ask", "warning"],
      ["not-tailored", "warning"],
      ["not-forwardable", "warning"],
      ["no-next-step", "warning"],
      ["no-time", "tip"],
      ["no-flexibility", "tip"],
      ["no-about-me", "warning"],
      ["too-long", "warning"],
      ["no-signature", "tip"],
    ]);
    expect(RULES.map((r) => r.id)).toEqual([...RULE_IDS]);
    for (const r of RULES) expect(r.description.length).toBeGreaterThan(10);
  });
});

describe("checkRequest: hostile input", () => {
  it.each([
    ["a run of dots", ".".repeat(100_000)],
    ["one unpunctuated 'sentence'", "would a ".repeat(20_000)],
    ["a name repeated", "Maya ".repeat(20_000)],
    ["blank lines", "\n".repeat(100_000)],
    [
      "a pasted book",
      `Hi Maya,\n\n${"I'd love to ask how you built the team at Stripe. ".repeat(2_000)}`,
    ],
  ])("stays fast on %s", (_what, text) => {
    // CPU time, not wall clock: waiting for a core on a loaded machine is not the coach's cost.
    // A quadratic rule would take minutes on these texts; linear ones take well under 200 ms.
    const t0 = process.cpuUsage();
    const report = checkRequest({ text });
    const cpu = process.cpuUsage(t0);
    expect((cpu.user + cpu.system) / 1000).toBeLessThan(3_000);
    expect(report.score).toBeGreaterThanOrEqual(0);
  });

  it("still counts the whole blurb of a text longer than it reads", () => {
    const text = `Hi Maya,\n\n${"I'd love to ask how you built the team at Stripe. ".repeat(2_000)}`;
    const f = checkRequest({ text }).findings.find((x) => x.rule === "too-long")!;
    expect(f.message).toContain("22002 words"); // 2,000 × 11 words, plus "Hi Maya,"
    expect(f.span).toEqual({ start: 0, end: text.length });
  });
});

describe("checkRequest: a generic word is never the target's name", () => {
  const forwardable = (targetName: string) =>
    buildForwardableRequest({
      introducerName: "Jane",
      targetName,
      requesterName: "Alice",
      ask: "I'd greatly appreciate a chance to chat with you about building a career in Tech.",
      whyThem:
        "I'm debating between a startup and a big company, and I'd love to hear how you weighed it when you joined Google.",
      nextStep: "Would a quick 20 min coffee work for you this Friday afternoon at, say, 3pm?",
      alternative: "Can also do a phone call / anything you'd prefer.",
      aboutMe: ["Full-stack engineer, web and mobile."],
      links: ["https://alicepersonalwebsite.com"],
    });

  it.each([
    "someone at Google",
    "Someone",
    "somebody in growth",
    "anyone",
    "a person at Stripe",
    "quelqu'un chez Google",
    "Jemand bei SAP",
    "alguien en Google",
    "qualcuno",
    "the right person",
  ])("reports no-target for %j", (targetName) => {
    const { subject, text } = forwardable(targetName);
    const report = checkRequest({ text, subject, targetName, introducerName: "Jane" });
    expect(rules(report.findings)).toContain("no-target");
  });

  it("still takes a real name, even one that starts like a generic word", () => {
    for (const targetName of ["Maya Chen", "Anyon Smith", "Soma Patel"]) {
      const { subject, text } = forwardable(targetName);
      const report = checkRequest({ text, subject, targetName, introducerName: "Jane" });
      expect(rules(report.findings), targetName).not.toContain("no-target");
    }
  });
});

describe("checkRequest: findings read as plain text", () => {
  it("never shows an escape sequence such as a literal \\n", () => {
    const report = checkRequest({ text: "Hi,\n\ncan you introduce me to anyone at a startup?" });
    expect(report.findings.length).toBeGreaterThan(2);
    for (const f of report.findings) {
      expect(f.message, f.rule).not.toMatch(/\\[nrt]/);
      expect(f.fix, f.rule).not.toMatch(/\\[nrt]/);
    }
  });
});
