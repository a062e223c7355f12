// The introducer-reply classifier measured on a labelled corpus of real-looking .eml replies to
// a request (test/fixtures/introducer-replies, labels in labels.json). The bar: never `forward`
// a reply that does not agree to ask the target, at least 95% read right overall, and the
// target's address picked up when the reply gives it (and only then).

import { describe, expect, it } from "vitest";
import {
  classifyIntroducerReply,
  type IntroducerIntent,
} from "../src/mail/inbound/classify-introducer-reply.ts";
import { corpus, QUOTE_STYLES } from "./support/corpus.ts";

type Label = { intent: IntroducerIntent; targetEmail?: string };
const replies = corpus<Label>("introducer-replies");
const labels = replies.labels;
const INTENTS: IntroducerIntent[] = ["forward", "ask_for_changes", "decline", "unknown"];
// What receive-mail ignores: Vouch's own addresses, the requester and the introducer.
const IGNORE = ["@vouch.localhost", "alice@example.com", "jane@example.com"];

const classifyAll = () =>
  replies.classifyAll((m) => classifyIntroducerReply(m, { ignore: IGNORE }));

describe("introducer reply corpus", async () => {
  const outcomes = await classifyAll();

  it("has at least 60 labelled replies, each a real .eml file", () => {
    const files = [...replies.files];
    expect(Object.keys(labels).length).toBeGreaterThanOrEqual(60);
    expect(files.sort()).toEqual(Object.keys(labels).sort());
    for (const label of Object.values(labels)) expect(INTENTS).toContain(label.intent);
  });

  it("never forwards without a yes (forward precision 100%) and reads >= 95% right", () => {
    const correct = outcomes.filter((o) => o.want.intent === o.got).length;
    const forwarded = outcomes.filter((o) => o.got === "forward");
    const falseForwards = forwarded.filter((o) => o.want.intent !== "forward");
    const accuracy = correct / outcomes.length;
    const misses = outcomes
      .filter((o) => o.want.intent !== o.got)
      .map(
        (o) =>
          `  ${o.file}: want ${o.want.intent}, got ${o.got} — "${o.reply.slice(0, 80)}"\n    ${o.why}`,
      );
    console.log(
      `introducer corpus: ${correct}/${outcomes.length} correct (accuracy ${(accuracy * 100).toFixed(1)}%), ` +
        `${forwarded.length} forwarded, ${falseForwards.length} wrongly` +
        (misses.length ? `\nmisread:\n${misses.join("\n")}` : ""),
    );
    expect(falseForwards.map((o) => o.file)).toEqual([]);
    expect(accuracy).toBeGreaterThanOrEqual(0.95);
  });

  it("picks up the target's address when the reply gives it, and no other address", () => {
    const wrong = outcomes
      .filter((o) => o.result.targetEmail !== o.want.targetEmail)
      .map((o) => `${o.file}: want ${o.want.targetEmail}, got ${o.result.targetEmail}`);
    expect(wrong).toEqual([]);
    expect(outcomes.filter((o) => o.want.targetEmail).length).toBeGreaterThanOrEqual(8);
  });

  it("covers every intent, French, German and Spanish, HTML-only replies and quote styles", () => {
    for (const intent of INTENTS)
      expect(outcomes.filter((o) => o.want.intent === intent).length).toBeGreaterThanOrEqual(5);
    expect(outcomes.filter((o) => o.htmlOnly).length).toBeGreaterThanOrEqual(6);
    const styles = [...QUOTE_STYLES, /^Von: .*\nGesendet: /m, /^On .* wrote:\n(?:.*\n)+\n(?!>)\S/m];
    for (const style of styles) expect(outcomes.some((o) => style.test(o.text))).toBe(true);
  });
});
