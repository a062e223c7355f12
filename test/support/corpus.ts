// A labelled corpus of .eml replies under test/fixtures/<name>/ with its labels.json, read and
// classified, for the tests that measure a classifier on it.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { type ParsedMessage, readMessage } from "../../src/mail/inbound/read-message.ts";

type Classified = { intent: string; reply: string; reasons: string[] };

/** One reply as the classifier read it, beside its label. */
export interface Outcome<Label, C extends Classified> {
  file: string;
  want: Label;
  got: C["intent"];
  /** All the classifier said. */
  result: C;
  reply: string;
  why: string;
  /** The full text, quote included, and whether it came from HTML alone. */
  text: string;
  htmlOnly: boolean;
}

export interface Corpus<Label> {
  labels: Record<string, Label>;
  /** The .eml files actually in the folder (each must have a label, and each label a file). */
  files: string[];
  classifyAll<C extends Classified>(
    classify: (m: ParsedMessage) => C,
  ): Promise<Outcome<Label, C>[]>;
}

export function corpus<Label>(name: string): Corpus<Label> {
  const dir = join(import.meta.dirname, "..", "fixtures", name);
  const labels: Record<string, Label> = JSON.parse(readFileSync(join(dir, "labels.json"), "utf8"));
  return {
    labels,
    files: readdirSync(dir).filter((f) => f.endsWith(".eml")),
    async classifyAll<C extends Classified>(classify: (m: ParsedMessage) => C) {
      const out: Outcome<Label, C>[] = [];
      for (const [file, want] of Object.entries(labels)) {
        const message = await readMessage(readFileSync(join(dir, file)));
        const c = classify(message);
        out.push({
          file,
          want,
          got: c.intent,
          result: c,
          reply: c.reply,
          why: c.reasons.join(" | "),
          text: message.text,
          htmlOnly: message.textFromHtml,
        });
      }
      return out;
    },
  };
}

/** Quote styles of the common mail clients and languages a corpus should include. */
export const QUOTE_STYLES = [
  /a écrit :/,
  /schrieb .*:/,
  /escribió:/,
  /^From: .*\nSent: /m,
  /^De ?: .*\nEnvoyé ?: /m,
  /^> On .* wrote:/m,
];
