// The explainable core of reply classification: ordered phrase rules with weights, matched
// clause by clause. A rule that matches "uses up" its words, so an earlier, more specific
// rule ("not happy to", "no problem", "n'hésite pas") stops a later, general one ("happy to",
// "no", "pas") from reading the same words. Whatever no specific rule covered still gets a
// generic negation check, and clauses around "but" are weighted so the part after it counts
// more ("I'd love to, but can't").

/** One phrase rule. `signal` is what the phrase is evidence for. */
export interface PhraseRule<S extends string> {
  signal: S;
  weight: number;
  /** Shown in reasons, e.g. "happy to". */
  label: string;
  re: RegExp;
  /** A generic negation in the words just before turns the match into `negatedAs`. */
  negatedAs?: S;
  /** Anchored at a clause start, so it cannot be pre-checked on the whole text. */
  atStart: boolean;
}

/** A rule that matched, with its weight after negation and contrast adjustments. */
export interface PhraseMatch<S extends string> {
  signal: S;
  weight: number;
  label: string;
  /** The words that matched. */
  text: string;
  sentence: number;
  /** "pre" before a "but", "post" after it, "only" when the sentence has no contrast. */
  position: "pre" | "post" | "only";
  negated: boolean;
}

/** A sentence of the reply, as the matcher saw it. */
export interface Sentence {
  text: string;
  isQuestion: boolean;
}

const B = "(?<![\\p{L}\\p{N}'])";
const E = "(?![\\p{L}\\p{N}])";

/** Options for {@link rule}. */
export interface RuleOptions<S extends string> {
  label?: string;
  /** Match only at the start of a sentence or right after ",", ";", ":", a dash or "but". */
  atStart?: boolean;
  negatedAs?: S;
}

/** Builds a rule from a pattern written in lower case; word boundaries work for accented words. */
export function rule<S extends string>(
  signal: S,
  weight: number,
  pattern: string,
  options: RuleOptions<S> = {},
): PhraseRule<S> {
  const source = options.atStart
    ? `(?:^|(?<=[,;:(—–-]\\s*))\\s*(?:${pattern})${E}`
    : `${B}(?:${pattern})${E}`;
  const built: PhraseRule<S> = {
    signal,
    weight,
    label:
      options.label ?? pattern.replace(/\(\?:|\)\??|\\s\*|\\s\+|\[[^\]]*\]|\?/g, "").slice(0, 40),
    re: new RegExp(source, "gu"),
    atStart: options.atStart ?? false,
  };
  if (options.negatedAs) built.negatedAs = options.negatedAs;
  return built;
}

const CONTRAST =
  /\s*(?:[,;—–-]\s*)?(?<![\p{L}])(?:but|though|although|however|except|mais|cependant|toutefois|aber|jedoch|allerdings|doch|pero|aunque|sin embargo)(?![\p{L}])\s*/u;
const NEGATORS =
  /(?<![\p{L}])(?:not|n't|never|no longer|hardly|ne|n'|pas|jamais|nicht|kein|keine|keinen|nie|niemals|no|nunca|jamás|tampoco)(?![\p{L}])|n't(?![\p{L}])/u;

/** Lower-cases and evens out typography (curly quotes, dashes, spaces) so rules stay simple. */
export function normalizeForRules(text: string): string {
  return text
    .toLowerCase()
    .replace(/[‘’ʼ`´]/g, "'")
    .replace(/[“”«»„]/g, '"')
    .replace(/\s+[–—]\s+|\s+-{1,2}\s+/g, " — ")
    .replace(/…/g, "...")
    .replace(/[ \t\u00a0]+/g, " ");
}

/** Splits text into sentences: at line breaks and after ".", "!", "?" (kept with the sentence). */
export function splitSentences(text: string): Sentence[] {
  const out: Sentence[] = [];
  for (const line of text.split(/\n+/)) {
    const parts = line.match(/[^.!?¿¡]*(?:[¿¡][^.!?]*)?(?:[.!?]+|$)/g) ?? [];
    let buf = "";
    for (const part of parts) {
      buf += part;
      // Keep "e.g." and "a.m." together; split after real sentence ends.
      if (/(?:\b[a-z]\.){1,3}$/i.test(buf.trim()) && !/[!?]$/.test(buf.trim())) continue;
      const t = buf.trim();
      buf = "";
      if (t === "") continue;
      out.push({
        text: t,
        isQuestion: /\?\s*(?:\p{Extended_Pictographic}|\s)*$/u.test(t) || t.startsWith("¿"),
      });
    }
    const rest = buf.trim();
    if (rest) out.push({ text: rest, isQuestion: /\?$/.test(rest) });
  }
  return out;
}

function splitContrast(sentence: string): { text: string; position: "pre" | "post" | "only" }[] {
  const m = CONTRAST.exec(sentence);
  if (!m || m.index === 0) return [{ text: sentence, position: "only" }];
  return [
    { text: sentence.slice(0, m.index), position: "pre" },
    { text: sentence.slice(m.index + m[0].length), position: "post" },
  ];
}

/** Contrast weights: what follows "but" is what the writer means. */
const POSITION_FACTOR = { pre: 0.6, post: 1.2, only: 1 } as const;

/** Matches every rule against every clause of the sentences, in rule order. */
export function matchPhrases<S extends string>(
  sentences: Sentence[],
  rules: PhraseRule<S>[],
  /** When set, a negation that no rule explained becomes a match of this signal. */
  unexplainedNegation?: S,
): PhraseMatch<S>[] {
  const matches: PhraseMatch<S>[] = [];
  // Most rules match nowhere in a short reply: one test on the whole text rules them out,
  // instead of one search per clause (this halves the classifier's time).
  const whole = sentences.map((s) => s.text).join("\n");
  const active = rules.filter((r) => {
    if (r.atStart) return true;
    r.re.lastIndex = 0;
    return r.re.test(whole);
  });
  sentences.forEach((sentence, si) => {
    const perClause: PhraseMatch<S>[][] = [];
    for (const clause of splitContrast(sentence.text)) {
      const taken = new Uint8Array(clause.text.length);
      const clauseMatches: { start: number; match: PhraseMatch<S> }[] = [];
      for (const r of active) {
        r.re.lastIndex = 0;
        for (const m of clause.text.matchAll(r.re)) {
          const start = m.index + (m[0].length - m[0].trimStart().length);
          const end = m.index + m[0].length;
          if (end <= start || taken.subarray(start, end).some((x) => x === 1)) continue;
          taken.fill(1, start, end);
          clauseMatches.push({
            start,
            match: {
              signal: r.signal,
              weight: r.weight,
              label: r.label,
              text: clause.text.slice(start, end),
              sentence: si,
              position: clause.position,
              negated: false,
            },
          });
          if (r.negatedAs) {
            // Generic negation: a negator among the few words before, in the same part of the
            // sentence, and not inside words an earlier rule already explained.
            const before = clause.text.slice(0, start);
            const cut = Math.max(
              before.lastIndexOf(","),
              before.lastIndexOf(";"),
              before.lastIndexOf(":"),
            );
            const from = Math.max(cut + 1, 0);
            let window = "";
            for (let i = from; i < start; i++) window += taken[i] ? " " : clause.text[i];
            const words = window.trim().split(/\s+/).slice(-4).join(" ");
            if (NEGATORS.test(words)) {
              const last = clauseMatches[clauseMatches.length - 1]!.match;
              last.signal = r.negatedAs;
              last.weight = r.weight * 0.8;
              last.negated = true;
            }
          }
        }
      }
      if (unexplainedNegation) {
        // A "not" no rule accounted for means the rules may have misread the sentence.
        let rest = "";
        for (let i = 0; i < clause.text.length; i++) rest += taken[i] ? " " : clause.text[i];
        const neg = NEGATORS.exec(rest);
        if (neg) {
          clauseMatches.push({
            start: neg.index,
            match: {
              signal: unexplainedNegation,
              weight: 0.5,
              label: "unexplained negation",
              text: neg[0],
              sentence: si,
              position: clause.position,
              negated: false,
            },
          });
        }
      }
      clauseMatches.sort((a, b) => a.start - b.start);
      perClause.push(clauseMatches.map((c) => c.match));
    }
    // Weigh the two sides of a "but" only when both say something; "Thanks, but no" is a no.
    const contrasted =
      perClause.length === 2 && perClause.every((c) => c.some((m) => m.weight > 0));
    for (const clause of perClause) {
      for (const match of clause) {
        if (contrasted) match.weight *= POSITION_FACTOR[match.position];
        else match.position = "only";
        matches.push(match);
      }
    }
  });
  return matches;
}

/** Sums weights per signal. */
export function totals<S extends string>(matches: PhraseMatch<S>[]): Map<S, number> {
  const sums = new Map<S, number>();
  for (const m of matches) sums.set(m.signal, (sums.get(m.signal) ?? 0) + m.weight);
  return sums;
}

/** A reason line for a match, e.g. `accept +1.20 "happy to"`. */
export function describe<S extends string>(m: PhraseMatch<S>): string {
  const how = m.negated
    ? " (negated)"
    : m.position === "pre"
      ? " (before 'but')"
      : m.position === "post"
        ? " (after 'but')"
        : "";
  return `${m.signal} +${m.weight.toFixed(2)} "${m.text.trim()}"${how}`;
}
