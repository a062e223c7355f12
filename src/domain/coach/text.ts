/**
 * Plain-text plumbing for the coach: lines, paragraphs and sentences with offsets into the
 * original text, so that every finding can point at what it is about.
 */

export type Segment = { text: string; start: number; end: number };

export type Sentence = Segment & {
  /** A list item ("- Built a note-taking app…"). */
  bullet: boolean;
  /** Index of the paragraph the sentence belongs to, within the region it was cut from. */
  paragraph: number;
};

/**
 * Curly quotes become straight ones so that patterns only need to know one apostrophe. Each
 * replacement is one UTF-16 unit for one, so offsets in the normalised text are offsets in the
 * original.
 */
export function normalise(text: string): string {
  return text.replace(/[\u2018\u2019\u02BC]/g, "'").replace(/[\u201C\u201D]/g, '"');
}

/** The lines of text[from, to), without their terminators, with absolute offsets. */
export function linesOf(text: string, from = 0, to = text.length): Segment[] {
  const out: Segment[] = [];
  let start = from;
  while (start <= to) {
    let nl = text.indexOf("\n", start);
    if (nl === -1 || nl > to) nl = to;
    let end = nl;
    if (end > start && text[end - 1] === "\r") end--;
    out.push({ text: text.slice(start, end), start, end });
    if (nl >= to) break;
    start = nl + 1;
  }
  return out;
}

export function isBlank(s: string): boolean {
  return s.trim() === "";
}

const BULLET = /^\s*(?:[-*•‣◦–]|\d{1,2}[.)])\s+/;

export function isBullet(line: string): boolean {
  return BULLET.test(line);
}

/** Words that end with a dot without ending a sentence. */
const ABBREVIATIONS = new Set([
  "dr",
  "mr",
  "mrs",
  "ms",
  "mx",
  "prof",
  "st",
  "vs",
  "etc",
  "eg",
  "e.g",
  "ie",
  "i.e",
  "inc",
  "jr",
  "sr",
  "no",
  "approx",
  "a.m",
  "p.m",
  "u.s",
  "u.k",
  "ft",
  "mt",
]);

function endsSentenceAt(text: string, dot: number): boolean {
  if (text[dot] !== ".") return true;
  // Abbreviations are short: looking further back would make "......" quadratic.
  let i = dot - 1;
  while (i >= 0 && dot - i <= 8 && /[\p{L}.]/u.test(text[i] ?? "")) i--;
  const word = text.slice(i + 1, dot).toLowerCase();
  if (ABBREVIATIONS.has(word)) return false;
  if (/^\p{L}$/u.test(word)) return false; // an initial: "J. Smith"
  return true;
}

/**
 * Sentences of text[from, to). List items are sentences of their own; a line break ends a
 * sentence when the line looks finished (punctuation, or a short line such as "Best,").
 */
export function sentencesOf(text: string, from = 0, to = text.length): Sentence[] {
  const out: Sentence[] = [];
  const lines = linesOf(text, from, to);
  let paragraph = 0;
  let sawText = false;
  let cur: { start: number; end: number } | null = null;
  const flush = (bullet = false) => {
    if (cur) {
      pushSplit(text, cur.start, cur.end, paragraph, bullet, out);
      cur = null;
    }
  };
  for (let li = 0; li < lines.length; li++) {
    const line = lines[li]!;
    if (isBlank(line.text)) {
      flush();
      if (sawText) paragraph++;
      sawText = false;
      continue;
    }
    sawText = true;
    const lead = line.text.length - line.text.trimStart().length;
    if (isBullet(line.text)) {
      flush();
      const m = BULLET.exec(line.text)!;
      cur = { start: line.start + m[0].length, end: line.end };
      flush(true);
      continue;
    }
    if (!cur) cur = { start: line.start + lead, end: line.end };
    else cur.end = line.end;
    const trimmed = line.text.trimEnd();
    const next = lines[li + 1];
    const finished =
      /[.!?:;]["')\]]?$/.test(trimmed) ||
      trimmed.length < 50 ||
      !next ||
      isBlank(next.text) ||
      isBullet(next.text);
    if (finished) flush();
  }
  flush();
  return out;
}

function pushSplit(
  text: string,
  start: number,
  end: number,
  paragraph: number,
  bullet: boolean,
  out: Sentence[],
): void {
  let s = start;
  // "(?<![.!?])" starts at the first mark of a run, so a run of dots is not rescanned.
  const re = /(?<![.!?])[.!?]+["')\]]?(?=\s)/g;
  re.lastIndex = start;
  for (let m = re.exec(text); m && m.index < end; m = re.exec(text)) {
    const stop = m.index + m[0].length;
    if (stop >= end) break;
    if (!endsSentenceAt(text, m.index + m[0].length - 1 - (/["')\]]$/.test(m[0]) ? 1 : 0))) {
      continue;
    }
    addSentence(text, s, stop, paragraph, bullet, out);
    s = stop;
  }
  addSentence(text, s, end, paragraph, bullet, out);
}

/** Longer "sentences" (pasted text without punctuation) are cut, so that no pattern runs long. */
export const MAX_SENTENCE = 600;

function addSentence(
  text: string,
  start: number,
  end: number,
  paragraph: number,
  bullet: boolean,
  out: Sentence[],
): void {
  let a = start;
  let b = end;
  while (a < b && /\s/.test(text[a] ?? "")) a++;
  while (b > a && /\s/.test(text[b - 1] ?? "")) b--;
  while (b - a > MAX_SENTENCE) {
    let cut = text.lastIndexOf(" ", a + MAX_SENTENCE);
    if (cut <= a) cut = a + MAX_SENTENCE;
    out.push({ text: text.slice(a, cut), start: a, end: cut, paragraph, bullet });
    a = cut;
    while (a < b && /\s/.test(text[a] ?? "")) a++;
  }
  if (b > a) out.push({ text: text.slice(a, b), start: a, end: b, paragraph, bullet });
}

/** Whitespace-separated words, the unit of the length rule. */
export function wordCount(s: string): number {
  const m = s.match(/\S+/g);
  return m ? m.length : 0;
}

export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** A case-insensitive whole-word (or whole-phrase) matcher for a literal string. */
export function phraseRegExp(phrase: string, flags = "iu"): RegExp {
  const body = phrase.trim().split(/\s+/).map(escapeRegExp).join("[\\s-]+");
  return new RegExp(`(?<![\\p{L}\\p{N}])${body}(?![\\p{L}\\p{N}])`, flags);
}

const TITLES = /^(?:dr|prof|professor|mr|mrs|ms|mx|miss|sir|madam|dame)\.?$/i;

export function isTitle(token: string): boolean {
  return TITLES.test(token);
}

/** The tokens by which a person may be called: "Dr. Helen Okafor" gives Helen and Okafor. */
export function nameTokens(name: string | undefined): string[] {
  if (!name) return [];
  return name
    .split(/\s+/)
    .map((t) => t.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, ""))
    .filter((t) => t.length >= 2 && !isTitle(t));
}

/** Whether two names can denote the same person ("Maya" and "Maya Lopez", "Dr. Okafor"). */
export function sameName(a: string | undefined, b: string | undefined): boolean {
  const ta = nameTokens(a).map((t) => t.toLowerCase());
  const tb = nameTokens(b).map((t) => t.toLowerCase());
  if (ta.length === 0 || tb.length === 0) return false;
  return ta.some((t) => tb.includes(t));
}

/** The name to greet someone with: "Maya Lopez" gives "Maya", "Dr. Wei Chen" gives "Dr. Chen". */
export function greetingName(name: string): string {
  const tokens = name.trim().split(/\s+/);
  const first = tokens[0] ?? "";
  if (tokens.length > 1 && isTitle(first)) return `${first} ${tokens[tokens.length - 1]}`;
  return first;
}

/**
 * Words that stand for "some person" in the languages Vouch reads: never a name, wherever they
 * are typed ("someone at Google", "quelqu'un chez Google", "jemand bei SAP").
 */
const GENERIC_PERSON = new RegExp(
  `^(?:${[
    "someone",
    "somebody",
    "some one",
    "anyone",
    "anybody",
    "any one",
    "everyone",
    "everybody",
    "whoever",
    "no one",
    "nobody",
    "people",
    "folks",
    "person",
    "(?:a|an|the|any|some|one|that|this|your) (?:right |good |suitable |relevant |key )?(?:person|people|contact|friend|colleague|expert|someone|one|individual|guy|gal|founder|engineer|recruiter|manager|investor|employee|leader)",
    "quelqu[’']?\\s?un(?:e)?",
    "n[’']importe qui",
    "(?:une|la|des) personnes?",
    "personne",
    "qqn",
    "jemand(?:en|em)?",
    "irgendwer",
    "irgendjemand(?:en)?",
    "(?:eine|die) person",
    "alguien",
    "cualquiera",
    "(?:una|la) persona",
    "algu[ée]m",
    "qualcuno",
    "chiunque",
    "iemand",
  ].join("|")})(?![\\p{L}\\p{N}])`,
  "iu",
);

/** An article alone: what a greeting keeps of "a person at Stripe" ("Hey a,"). */
const LONE_DETERMINER =
  /^(?:a|an|the|some|any|my|your|our|their|un|une|ein|eine|einen|uno|una|um|uma)$/i;

/** Whether a "name" is a generic word for a person ("someone", "a person at Stripe"). */
export function isGenericPerson(name: string | undefined): boolean {
  if (!name) return false;
  const n = name.trim().replace(/\s+/g, " ");
  return GENERIC_PERSON.test(n) || LONE_DETERMINER.test(n);
}
