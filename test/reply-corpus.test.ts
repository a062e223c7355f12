// The consent-reply classifier measured on a labelled corpus of real-looking .eml replies
// (test/fixtures/replies, labels in labels.json). The bar: no false consent at all, and at
// least 95% of replies read right overall.

import { describe, expect, it } from "vitest";
import {
  type ConsentIntent,
  classifyConsentReply,
} from "../src/mail/inbound/classify-consent-reply.ts";
import { corpus, QUOTE_STYLES } from "./support/corpus.ts";

const replies = corpus<ConsentIntent>("replies");
const labels = replies.labels;
const INTENTS: ConsentIntent[] = [
  "accept",
  "decline",
  "defer",
  "question",
  "auto_reply",
  "bounce",
  "unknown",
];

type Outcome = Awaited<ReturnType<typeof classifyAll>>[number];
const classifyAll = () => replies.classifyAll(classifyConsentReply);

function confusion(outcomes: Outcome[]): string {
  const short = (i: string) => i.replace("auto_reply", "auto").slice(0, 8);
  const lines = [`${"want \\ got".padEnd(10)}${INTENTS.map((i) => short(i).padStart(9)).join("")}`];
  for (const want of INTENTS) {
    const row = INTENTS.map((got) =>
      String(outcomes.filter((o) => o.want === want && o.got === got).length).padStart(9),
    );
    lines.push(`${short(want).padEnd(10)}${row.join("")}`);
  }
  return lines.join("\n");
}

describe("consent reply corpus", async () => {
  const outcomes = await classifyAll();

  it("has at least 150 labelled replies, each a real .eml file", () => {
    const files = [...replies.files];
    expect(Object.keys(labels).length).toBeGreaterThanOrEqual(150);
    expect(files.sort()).toEqual(Object.keys(labels).sort());
    for (const label of Object.values(labels)) expect(INTENTS).toContain(label);
  });

  it("never reads consent where there is none (accept precision 100%) and reads >= 95% right", () => {
    const correct = outcomes.filter((o) => o.want === o.got).length;
    const accepted = outcomes.filter((o) => o.got === "accept");
    const falseAccepts = accepted.filter((o) => o.want !== "accept");
    const accuracy = correct / outcomes.length;
    const precision =
      accepted.length === 0 ? 1 : (accepted.length - falseAccepts.length) / accepted.length;
    const misses = outcomes
      .filter((o) => o.want !== o.got)
      .map(
        (o) =>
          `  ${o.file}: want ${o.want}, got ${o.got} — "${o.reply.slice(0, 80)}"\n    ${o.why}`,
      );
    console.log(
      `reply corpus: ${correct}/${outcomes.length} correct (accuracy ${(accuracy * 100).toFixed(1)}%), ` +
        `accept precision ${(precision * 100).toFixed(1)}% (${accepted.length} accepted)\n${confusion(outcomes)}` +
        (misses.length ? `\nmisread:\n${misses.join("\n")}` : ""),
    );
    expect(falseAccepts.map((o) => o.file)).toEqual([]);
    expect(accuracy).toBeGreaterThanOrEqual(0.95);
  });

  it("covers every intent, several languages and HTML-only replies", () => {
    for (const intent of INTENTS) expect(outcomes.some((o) => o.want === intent)).toBe(true);
    expect(outcomes.filter((o) => o.htmlOnly).length).toBeGreaterThanOrEqual(10);
    const quoteStyles = [...QUOTE_STYLES, /Original Message/];
    for (const style of quoteStyles) expect(outcomes.some((o) => style.test(o.text))).toBe(true);
  });
});
