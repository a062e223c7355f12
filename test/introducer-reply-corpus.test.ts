// The introducer-reply classifier measured on a labelled corpus of real-looking .eml replies to
// a request (test/fixtures/introducer-replies, labels in labels.json). The bar: never `forward`
// a reply that does not agree to ask the target, at least 95% read right overall, and the
// target's address picked up when the reply gives it (and only then).

import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  classifyIntroducerReply,
  type IntroducerIntent,
} from "../src/mail/inbound/classify-introducer-reply.ts";
import { readMessage } from "../src/mail/inbound/read-message.ts";

const dir = join(import.meta.dirname, "fixtures/introducer-replies");
type Label = { intent: IntroducerIntent; targetEmail?: string };
const labels: Record<string, Label> = JSON.parse(readFileSync(join(dir, "labels.json"), "utf8"));
const INTENTS: IntroducerIntent[] = ["forward", "ask_for_changes", "decline", "unknown"];
// What receive-mail ignores: Vouch's own addresses, the requester and the introducer.
const IGNORE = ["@vouch.localhost", "alice@example.com", "jane@example.com"];

interface Outcome {
  file: string;
  want: Label;
  got: IntroducerIntent;
  targetEmail: string | undefined;
  reply: string;
  why: string;
  text: string;
  htmlOnly: boolean;
}

async function classifyAll(): Promise<Outcome[]> {
  const out: Outcome[] = [];
  for (const [file, want] of Object.entries(labels)) {
    const message = await readMessage(readFileSync(join(dir, file)));
    const c = classifyIntroducerReply(message, { ignore: IGNORE });
    out.push({
      file,
      want,
      got: c.intent,
      targetEmail: c.targetEmail,
      reply: c.reply,
      why: c.reasons.join(" | "),
      text: message.text,
      htmlOnly: message.textFromHtml,
    });
  }
  return out;
}

describe("introducer reply corpus", async () => {
  const outcomes = await classifyAll();

  it("has at least 60 labelled replies, each a real .eml file", () => {
    const files = readdirSync(dir).filter((f) => f.endsWith(".eml"));
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
      .filter((o) => o.targetEmail !== o.want.targetEmail)
      .map((o) => `${o.file}: want ${o.want.targetEmail}, got ${o.targetEmail}`);
    expect(wrong).toEqual([]);
    expect(outcomes.filter((o) => o.want.targetEmail).length).toBeGreaterThanOrEqual(8);
  });

  it("covers every intent, French, German and Spanish, HTML-only replies and quote styles", () => {
    for (const intent of INTENTS)
      expect(outcomes.filter((o) => o.want.intent === intent).length).toBeGreaterThanOrEqual(5);
    expect(outcomes.filter((o) => o.htmlOnly).length).toBeGreaterThanOrEqual(6);
    const styles = [
      /a écrit :/,
      /schrieb .*:/,
      /escribió:/,
      /^From: .*\nSent: /m,
      /^De ?: .*\nEnvoyé ?: /m,
      /^Von: .*\nGesendet: /m,
      /^> On .* wrote:/m,
      /^On .* wrote:\n(?:.*\n)+\n(?!>)\S/m,
    ];
    for (const style of styles) expect(outcomes.some((o) => style.test(o.text))).toBe(true);
  });
});
