import { readdirSync, readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MAX_BLURB_WORDS } from "./analyse.ts";
import { buildForwardableRequest, checkRequest, RULE_IDS, splitRequest } from "./index.ts";
import { wordCount } from "./text.ts";

// ---------- generators of realistic requests, built from parts we know the role of ----------

const targets = fc.constantFrom("Maya", "Tomás", "Priya", "Kenji", "Amara", "Lena", "Grace");
const introducers = fc.constantFrom("Jane", "Omar", "Beth", "Leo");
const requesters = fc.constantFrom("Alice", "Sam", "Noor", "Diego", "Ingrid");
const companies = fc.constantFrom(
  "Snapchat",
  "Stripe",
  "Duolingo",
  "Arup",
  "Canva",
  "Monzo",
  "Kaiser Permanente",
  "the BBC",
);
const topics = fc.constantFrom(
  "hiring your first designers",
  "pricing for small teams",
  "moving from research into product",
  "scaling a support team",
  "raising a first round",
  "running a design system migration",
);

/** Sentences about the requester: never an ask, never about the target. */
const statements = fc.constantFrom(
  "I'm a backend engineer at a logistics startup in Leeds.",
  "I run a small bakery in Leith.",
  "Our team grew from four to twenty people this year.",
  "I've spent six years in healthcare consulting.",
  "We just launched our first product.",
  "I'm finishing a master's degree in urban planning.",
  "My co-founder handles sales and I handle the product.",
  "Most of our customers are independent cafés.",
  "The last year has been a steep learning curve.",
);

/** Sentences that tie the request to the target's own background, and ask nothing. */
const tailoredSentence = fc
  .tuple(fc.integer({ min: 0, max: 4 }), companies, topics)
  .map(
    ([i, c, t]) =>
      [
        `I really enjoyed your talk at ${c} about ${t}.`,
        `I know you spent a few years at ${c}.`,
        `Your post on ${t} was the clearest thing I've read on it.`,
        `Since you built the first team at ${c}, you have seen this up close.`,
        `I read about your time at ${c}.`,
      ][i]!,
  );

/** Sentences that ask something of the target. */
const asks = fc.oneof(
  topics.map((t) => `I'd love to ask how you approached ${t}.`),
  topics.map((t) => `Could I ask you a few questions about ${t}?`),
  topics.map((t) => `I'd really appreciate your advice on ${t}.`),
  fc.constant("I'd love to pick your brain."),
  fc.constant("Would love to connect."),
);
const nextSteps = fc.constantFrom(
  "Would a 20-minute call next Tuesday work for you?",
  "Could we grab a coffee sometime?",
  "Would you be open to a short call?",
  "Are you free for a quick chat this Friday afternoon?",
);
const flexibility = fc.constantFrom(
  "Happy to do email instead if that's easier.",
  "I'm happy to work around your schedule.",
);

type Parts = {
  target: string;
  introducer: string;
  requester: string;
  note: boolean;
  paragraphs: string[][];
  signature: boolean;
};

function render(p: Parts): string {
  const lines: string[] = [];
  if (p.note) {
    lines.push(
      `Hey ${p.introducer}, could you introduce me to ${p.target}? You can simply CC them, thanks!`,
      "",
    );
  }
  lines.push(`Hi ${p.target},`, "");
  for (const para of p.paragraphs) if (para.length > 0) lines.push(para.join(" "), "");
  if (p.signature) lines.push("Best,", p.requester, `https://${p.requester.toLowerCase()}.dev`);
  else lines.push("Thanks!");
  return `${lines.join("\n")}\n`;
}

const requestParts = fc.record({
  target: targets,
  introducer: introducers,
  requester: requesters,
  note: fc.boolean(),
  statements: fc.array(statements, { maxLength: 4 }),
  tailored: fc.array(tailoredSentence, { maxLength: 2 }),
  asks: fc.array(asks, { minLength: 1, maxLength: 2 }),
  next: fc.option(nextSteps, { nil: undefined }),
  flex: fc.option(flexibility, { nil: undefined }),
  signature: fc.boolean(),
  longWinded: fc.nat({ max: 6 }),
});

type Generated = typeof requestParts extends fc.Arbitrary<infer T> ? T : never;

function layout(g: Generated, extraTailored?: { sentence: string; paragraph: number }): Parts {
  const context: string[] = [...g.statements];
  for (let i = 0; i < g.longWinded; i++) context.push(...g.statements);
  const closing: (string | undefined)[] = [g.next, g.flex];
  const paragraphs: string[][] = [context, [...g.tailored], [...g.asks], closing.filter(isString)];
  if (extraTailored) {
    const i = extraTailored.paragraph % paragraphs.length;
    paragraphs[i] = [...(paragraphs[i] ?? []), extraTailored.sentence];
  }
  return { ...g, paragraphs };
}

function isString(x: string | undefined): x is string {
  return typeof x === "string";
}

const blurbWords = (text: string) => wordCount(splitRequest(text).blurb);

describe("coach properties", () => {
  it("adding a tailored sentence never lowers the score", () => {
    fc.assert(
      fc.property(requestParts, tailoredSentence, fc.nat(3), (g, sentence, paragraph) => {
        const before = render(layout(g));
        const after = render(layout(g, { sentence, paragraph }));
        // Crossing the length limit is the one way a longer text may lose points, by design:
        // too-long is about the reader's minute, not about the content.
        fc.pre(blurbWords(after) <= MAX_BLURB_WORDS || blurbWords(before) > MAX_BLURB_WORDS);
        const a = checkRequest({ text: before });
        const b = checkRequest({ text: after });
        expect(b.score).toBeGreaterThanOrEqual(a.score);
        expect(b.findings.map((f) => f.rule)).not.toContain("not-tailored");
      }),
      { numRuns: 300 },
    );
  });

  it("adding a tailored sentence to any corpus request with a greeting never lowers its score", () => {
    const dir = new URL("../../../test/fixtures/requests/", import.meta.url);
    const texts = readdirSync(dir)
      .filter((f) => f.endsWith(".txt"))
      .map((f) => {
        const raw = readFileSync(new URL(f, dir), "utf8");
        return raw.slice(raw.indexOf("\n---\n") + 5);
      });
    fc.assert(
      fc.property(fc.constantFrom(...texts), tailoredSentence, (text, sentence) => {
        // Insert right after the greeting line that opens the blurb.
        const m = /^(?:Hi|Hey|Hello|Dear|Hallo|Good morning)\b[^\n]*,\n\n/m.exec(text);
        fc.pre(
          m !== null && !/\n\n(?:Hi|Hey|Hello|Dear)\b/.test(text.slice(m.index + m[0].length)),
        );
        const at = m!.index + m![0].length;
        const after = `${text.slice(0, at)}${sentence}\n\n${text.slice(at)}`;
        fc.pre(blurbWords(after) <= MAX_BLURB_WORDS || blurbWords(text) > MAX_BLURB_WORDS);
        expect(checkRequest({ text: after }).score).toBeGreaterThanOrEqual(
          checkRequest({ text }).score,
        );
      }),
      { numRuns: 200 },
    );
  });

  it("removing the ask always yields no-ask", () => {
    fc.assert(
      fc.property(requestParts, (g) => {
        const withAsk = checkRequest({ text: render(layout(g)) });
        expect(withAsk.findings.map((f) => f.rule)).not.toContain("no-ask");
        // The ask is every sentence that asks something: the topic, the next step, the alternative.
        const without = render(layout({ ...g, asks: [], next: undefined, flex: undefined }));
        expect(checkRequest({ text: without }).findings.map((f) => f.rule)).toContain("no-ask");
      }),
      { numRuns: 300 },
    );
  });

  it("removing the ask from the seed yields no-ask", () => {
    const seed = buildForwardableRequest({
      introducerName: "Jane",
      targetName: "Maya",
      requesterName: "Alice",
      ask: "",
      whyThem:
        "I'm currently job hunting for a software engineer position. I'm debating between joining a startup or going the big company route.",
      nextStep: "",
      aboutMe: ["Recent grad from Internet University."],
      links: ["https://alicepersonalwebsite.com"],
    });
    expect(checkRequest({ text: seed.text }).findings.map((f) => f.rule)).toContain("no-ask");
  });

  it("any text gives a well-formed, deterministic report", () => {
    const texty = fc.oneof(
      fc.string({ maxLength: 400 }),
      fc.string({ unit: "grapheme", maxLength: 300 }),
      fc
        .array(
          fc.oneof(
            statements,
            tailoredSentence,
            asks,
            nextSteps,
            fc.constantFrom("\n", "\n\n", "Hi Maya,", "Best,", "- "),
          ),
          { maxLength: 25 },
        )
        .map((xs) => xs.join(" ")),
    );
    fc.assert(
      fc.property(
        texty,
        fc.option(fc.string({ maxLength: 60 }), { nil: undefined }),
        (text, subject) => {
          const report = checkRequest({ text, subject });
          expect(report.score).toBeGreaterThanOrEqual(0);
          expect(report.score).toBeLessThanOrEqual(100);
          const order = report.findings.map((f) => RULE_IDS.indexOf(f.rule));
          expect(order).toEqual([...order].sort((a, b) => a - b));
          expect(new Set(order).size).toBe(order.length);
          for (const f of report.findings) {
            expect(RULE_IDS).toContain(f.rule);
            if (f.span) {
              expect(f.span.start).toBeGreaterThanOrEqual(0);
              expect(f.span.end).toBeLessThanOrEqual(text.length);
              expect(f.span.start).toBeLessThanOrEqual(f.span.end);
            }
          }
          expect(checkRequest({ text, subject })).toEqual(report);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("a forwardable request built from sensible fields has no error and no warning", () => {
    fc.assert(
      fc.property(
        introducers,
        targets,
        requesters,
        topics,
        companies,
        statements,
        (introducerName, targetName, requesterName, topic, company, about) => {
          const built = buildForwardableRequest({
            introducerName,
            targetName,
            requesterName,
            ask: `I'd love to ask how you approached ${topic}.`,
            whyThem: `I know you spent a few years at ${company}, which is why I thought of you.`,
            nextStep: "Would a 20-minute call next Tuesday work for you?",
            alternative: "Happy to do email instead if that's easier.",
            aboutMe: [about],
            links: ["https://example.dev"],
          });
          const report = checkRequest({ text: built.text, subject: built.subject });
          expect(report.findings.filter((f) => f.severity !== "tip")).toEqual([]);
        },
      ),
      { numRuns: 150 },
    );
  });
});
