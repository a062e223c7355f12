import * as chrono from "chrono-node";
import {
  ABOUT_ME,
  AVAILABILITY,
  BROADCAST,
  CLOSING,
  DESIRE,
  FLEXIBILITY,
  FORMAT,
  INTERACT,
  INTERACTION,
  INTRO_SIGNAL,
  INTRO_VERB,
  LINK,
  NOT_A_NAME,
  NOT_A_WINDOW,
  PAST_WORDS,
  PROPOSAL,
  REQUEST_FORM,
  SCHEDULING_LINK,
  SMALL_TALK,
  TARGET_MENTION,
  TOPIC,
  WINDOW,
  YOU_DID,
  YOUR_BACKGROUND,
} from "./patterns.ts";
import { analyseLayout, type Layout } from "./split.ts";
import {
  escapeRegExp,
  isBlank,
  isGenericPerson,
  linesOf,
  nameTokens,
  phraseRegExp,
  type Sentence,
  sameName,
  sentencesOf,
  wordCount,
} from "./text.ts";
import type { CheckRequestInput, Span, TargetProfile } from "./types.ts";

/** The blurb's length limit, in words ("read in a minute"). */
export const MAX_BLURB_WORDS = 250;

/** Without `now`, dates are read against a fixed day so that the coach stays deterministic. */
const DEFAULT_REFERENCE = new Date("2025-01-06T12:00:00Z");

export type Ask = { sentence: Sentence; topical: boolean };

/** Everything the rules look at, computed once per check. */
export type Analysis = {
  layout: Layout;
  norm: string;
  /** Sentences the target reads (plus the note when the blurb has no greeting of its own). */
  content: Sentence[];
  target?: { name: string; tokens: string[]; inText: boolean };
  introducerName?: string;
  requesterNames: string[];
  broadcast?: Span & { phrase: string };
  asks: Ask[];
  nextSteps: Sentence[];
  hasTime: boolean;
  hasFlexibility: boolean;
  aboutMe: boolean;
  tailored: boolean;
  thirdPerson?: { span: Span; quote: string; kind: "name" | "pronoun" | "relay" };
  blurbWords: number;
  signature: { span?: Span; hasName: boolean; hasLink: boolean };
};

const SECOND_PERSON = /\b(?:you|your|yours|yourself)\b/i;
const THIRD_PERSON = /\b(?:she|he|her|his|him|hers|they|their|them|who)\b/i;
const PRONOUN = /\b(?:she|he|her|him|his|hers)\b/i;
const ABOUT_HEADING = /^(?:a\s+(?:little|bit|few\s+words)\s+)?about\s+me\b/i;

const nameRegExps = new Map<string, RegExp>();

/** One regexp for "any of these names, as whole words" (cached: the same names come back). */
function namesRegExp(tokens: string[], flags = "u"): RegExp {
  const key = `${flags}:${tokens.join("|")}`;
  let re = nameRegExps.get(key);
  if (!re) {
    re = new RegExp(`(?<![\\p{L}])(?:${tokens.map(escapeRegExp).join("|")})(?![\\p{L}])`, flags);
    if (nameRegExps.size > 500) nameRegExps.clear();
    nameRegExps.set(key, re);
  }
  return re;
}

function containsName(text: string, tokens: string[]): boolean {
  return tokens.length > 0 && namesRegExp(tokens).test(text);
}

// ---------- signature ----------

const NAME_WORD = /^[\p{L}][\p{L}'-]*\.?$/u;

function nameLike(s: string, exclude: string[]): string | undefined {
  const cleaned = s
    .replace(/^[\s—–-]+/, "")
    .replace(/[\s,.!]+$/, "")
    .trim();
  if (!cleaned) return undefined;
  const tokens = cleaned.split(/\s+/);
  if (tokens.length > 4) return undefined;
  if (!tokens.every((t) => NAME_WORD.test(t) && !/\.\p{L}/u.test(t))) return undefined;
  if (/^(?:hi|hey|hello|dear|hola|yo)$/i.test(tokens[0] ?? "")) return undefined;
  const capital = /^\p{Lu}/u.test(tokens[0] ?? "");
  if (!capital && tokens.length > 2) return undefined;
  if (CLOSING.test(cleaned) && CLOSING.exec(cleaned)?.[0].trim().length === cleaned.length) {
    return undefined;
  }
  if (exclude.some((n) => sameName(n, cleaned))) return undefined;
  return cleaned;
}

function readSignature(
  norm: string,
  from: number,
  to: number,
  exclude: string[],
): Analysis["signature"] & { name?: string } {
  const lines = linesOf(norm, from, to).filter((l) => !isBlank(l.text));
  let start: number | undefined;
  let hasName = false;
  let hasLink = false;
  let name: string | undefined;
  for (let i = lines.length - 1; i >= 0 && lines.length - i <= 5; i--) {
    const line = lines[i]!;
    const text = line.text.trim();
    const words = wordCount(text);
    const link = LINK.exec(text);
    const closing = CLOSING.exec(text);
    const afterClosing = closing ? text.slice(closing[0].length) : "";
    const closingLine = closing !== null && (afterClosing === "" || nameLike(afterClosing, []));
    // "— Karim Nassar, https://karimnassar.com" and "Founder, Tidewater" split at the comma.
    const withoutLink = link ? text.replace(link[0], "").replace(/[\s,;|·—–-]+$/, "") : text;
    const named =
      nameLike(closingLine ? afterClosing : withoutLink, exclude) ??
      (words <= 6 ? nameLike(withoutLink.split(",")[0] ?? "", exclude) : undefined);
    const title = words <= 6 && !/[.!?]$/.test(text) && /^\p{Lu}/u.test(text) && !/\?/.test(text);
    if (words > 8 && !link) break;
    if (!(link || closingLine || named || title)) break;
    // A title line ("Founder, Tidewater") only belongs to a signature that is already under way.
    if (!link && !closingLine && !named && start === undefined) break;
    start = line.start + (line.text.length - line.text.trimStart().length);
    if (link && wordCount(withoutLink) <= 5) hasLink = true;
    if (named && !(closing && !closingLine)) {
      hasName = true;
      name ??= named;
    }
    if (closingLine) break;
  }
  return {
    span: start === undefined ? undefined : { start, end: to },
    hasName,
    hasLink,
    name,
  };
}

// ---------- asks ----------

const ASK_OBJECT =
  /\b(?:chance|opportunity|minutes?|mins?|time|call|chat|coffee|advice|perspective|thoughts|take|view|input|guidance|feedback|help|insights?|conversation|introduction|pointers|questions?)\b/i;
const THIRD_PERSON_FORM =
  /(?:\b(?:[Ss]he|[Hh]e|[Tt]hey|who)|(?<![\p{L}])\p{Lu}\p{Ll}+)(?:'d|\s+would|\s+might)\s+(?:be\s+(?:open|up\s+for|willing|free|available|interested|able|happy)|chat|talk|meet|do|have|take|join|hop|speak)\b/u;

const WANTS_TO = new RegExp(String.raw`^\W*(?:\S+\s+){0,4}?to\s+${INTERACT}\b`, "i");

const askCache = new WeakMap<Sentence, boolean>();

function isAsk(s: Sentence): boolean {
  let v = askCache.get(s);
  if (v === undefined) {
    v = readsAsAsk(s.text);
    askCache.set(s, v);
  }
  return v;
}

function readsAsAsk(t: string): boolean {
  const intro = INTRO_SIGNAL.test(t) || INTRO_VERB.test(t);
  // "Could you ask her if she'd be open to a call?": a real ask, relayed. "Investors who might
  // be interested" is not: nothing follows the "interested".
  const relayed = THIRD_PERSON_FORM.exec(t);
  if (intro && relayed) {
    const rest = t.slice(relayed.index + relayed[0].length);
    if (/\b(?:chat|talk|meet|speak|do|have|take|join|hop)$/.test(relayed[0])) return true;
    if (/^\s+(?:to|in|for)\s+\w/.test(rest)) return true;
  }
  const desire = DESIRE.exec(t);
  if (desire) {
    const after = t.slice(desire.index + desire[0].length, desire.index + desire[0].length + 90);
    const wantsContact =
      WANTS_TO.test(after) ||
      INTERACTION.test(desire[0]) ||
      ASK_OBJECT.test(after) ||
      (!intro && SECOND_PERSON.test(after));
    if (wantsContact) return true;
  }
  if (intro) return false;
  if (REQUEST_FORM.test(t)) return true;
  return /\?\s*["')]?$/.test(t) && SECOND_PERSON.test(t) && !SMALL_TALK.test(t);
}

/** A decision or problem stated near an ask makes "I'd love your take" topical. */
const SITUATION =
  /\b(?:i'm|i\s+am|we're|we\s+are)\s+(?:debating|deciding|weighing|torn|choosing|stuck|struggling|trying\s+to\s+(?:decide|choose|figure|work\s+out))\b/i;

/** "I'd like to meet Dr. Obi" wishes for the intro; "meet Thursday" proposes a meeting. */
const MEET_SOMEONE =
  /\bmeet(?:ing)?\s+(?:(?:Dr|Prof|Professor|Mr|Mrs|Ms|Mx)\.?\s)?(?!(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|August|September|October|November|December)\b)\p{Lu}\p{L}+(?:\s\p{Lu}\p{L}+)*/gu;

function isNextStep(s: Sentence): boolean {
  const t = s.text.replace(MEET_SOMEONE, "");
  return FORMAT.test(t) && (PROPOSAL.test(t) || isAsk(s));
}

// ---------- time windows ----------

function hasWindow(text: string, ref: Date): boolean {
  if (SCHEDULING_LINK.test(text)) return true;
  const m = WINDOW.exec(text);
  if (m) {
    const before = text.slice(Math.max(0, m.index - 12), m.index);
    if (!PAST_WORDS.test(before)) return true;
  }
  const results = chrono.casual.parse(text, ref, { forwardDate: true });
  return results.some((r) => {
    const said = r.text.trim();
    if (NOT_A_WINDOW.test(said) || PAST_WORDS.test(said) || /^for\s/i.test(said)) return false;
    const before = text.slice(Math.max(0, r.index - 12), r.index);
    if (PAST_WORDS.test(before)) return false;
    return r.start.date().getTime() >= ref.getTime() - 36 * 3600 * 1000;
  });
}

// ---------- tailoring ----------

const STOP_ENTITY = new Set([
  "The",
  "A",
  "An",
  "I",
  "In",
  "On",
  "At",
  "And",
  "Of",
  "For",
  "With",
  "Her",
  "His",
  "She",
  "He",
  "They",
  "Their",
  "Was",
  "Is",
  "Has",
  "Had",
  "Spoke",
  "Wrote",
]);
const STOP_WORDS = new Set(
  "about after again also another because before being between could during every first from have into just know like made make many more most much other over really should since some such than that their them then there these they this those through very want well were what when where which while with would your years".split(
    " ",
  ),
);

function profileMatchers(p: TargetProfile | undefined): {
  phrases: RegExp[];
  keywordSets: RegExp[][];
  role?: RegExp;
} {
  const phrases: RegExp[] = [];
  const keywordSets: RegExp[][] = [];
  if (!p) return { phrases, keywordSets };
  for (const c of p.companies ?? []) if (c.trim()) phrases.push(phraseRegExp(c));
  for (const i of p.interests ?? []) {
    if (!i.trim()) continue;
    phrases.push(phraseRegExp(i));
    const words = i
      .toLowerCase()
      .split(/[^\p{L}\p{N}]+/u)
      .filter((w) => w.length >= 4 && !STOP_WORDS.has(w));
    if (words.length >= 2) keywordSets.push(words.map((w) => phraseRegExp(w)));
  }
  if (p.notes) {
    for (const m of p.notes.matchAll(
      /(?<![\p{L}])\p{Lu}[\p{L}\p{N}&'-]{2,}(?:\s\p{Lu}[\p{L}\p{N}&'-]+)*/gu,
    )) {
      const entity = m[0];
      if (!STOP_ENTITY.has(entity)) phrases.push(phraseRegExp(entity, "u"));
    }
    const words = p.notes
      .toLowerCase()
      .split(/[^\p{L}\p{N}-]+/u)
      .filter((w) => w.length >= 7 && !STOP_WORDS.has(w));
    if (words.length >= 2) {
      // Two distinctive words of the notes in one sentence.
      keywordSets.push(...pairs(words.map((w) => phraseRegExp(w))));
    }
  }
  let role: RegExp | undefined;
  if (p.role) {
    const core = p.role
      .replace(
        /\b(?:senior|junior|lead|principal|staff|head\s+of|chief|vp|vice\s+president\s+of|director\s+of|associate|assistant|sr\.?|jr\.?|&|and)\b/gi,
        " ",
      )
      .replace(/\s+/g, " ")
      .trim();
    if (core.split(" ").length >= 1 && core.length >= 4) role = phraseRegExp(core);
  }
  return { phrases, keywordSets, role };
}

function pairs<T>(xs: T[]): T[][] {
  const out: T[][] = [];
  const uniq = [...new Set(xs)].slice(0, 12);
  for (let i = 0; i < uniq.length; i++) {
    for (let j = i + 1; j < uniq.length; j++) out.push([uniq[i]!, uniq[j]!]);
  }
  return out;
}

const SPECIFIC_G = /(?<![\p{L}])(?:[\p{L}'-]*\p{Lu}[\p{L}'-]*|\d[\p{L}\p{N}-]*)/gu;
const YOU_DID_G = new RegExp(YOU_DID.source, "gi");
const WRITING = /\b(?:wrote|written|published|spoke|gave\s+a\s+talk)\s+(?:about|on)\s+\w/i;

function specificAfter(text: string, index: number): boolean {
  const rest = text.slice(index).split(/\s+/).slice(1, 14).join(" ");
  for (const m of rest.matchAll(SPECIFIC_G)) {
    if (!/^I(?:'[a-z]+)?$/.test(m[0])) return true;
  }
  return false;
}

function isTailoredSentence(
  s: Sentence,
  targetTokens: string[],
  requesterTokens: string[],
  profile: ReturnType<typeof profileMatchers>,
): boolean {
  const t = s.text;
  const you = SECOND_PERSON.test(t);
  const third = THIRD_PERSON.test(t) || containsName(t, targetTokens);
  if (!you && !third) return false;
  if (profile.phrases.some((r) => r.test(t))) return true;
  if (profile.keywordSets.some((set) => set.every((r) => r.test(t)))) return true;
  if (
    profile.role?.test(t) &&
    /\byou(?:'re|\s+are|\s+were|'ve\s+been)\b|\byour\s+(?:role|time|work|job)\s+as\b/i.test(t)
  ) {
    return true;
  }
  const aboutRequester = containsName(t, requesterTokens);
  const bg = YOUR_BACKGROUND.exec(t);
  if (bg && !(aboutRequester && !/\byour\b/i.test(bg[0]))) {
    const artifact =
      !/\b(?:time|work|years?|days|tenure|stint|role|experiences?|career|journey|move|path|transition|background|team|jump|switch|decision|history|expertise|success|leadership)\s+\w+$/i.test(
        bg[0],
      );
    if (artifact || specificAfter(t, bg.index + bg[0].length - 1)) return true;
  }
  // "Rohan Mehta built the payments team at Razorpay" reads like "he built …".
  const named =
    targetTokens.length > 0
      ? t.replace(namesRegExp(targetTokens, "gu"), "they").replace(/\bthey(?:\s+they)+\b/g, "they")
      : t;
  for (const m of named.matchAll(YOU_DID_G)) {
    const subject = m[0].split(/[\s']/)[0]?.toLowerCase();
    if (subject !== "you" && aboutRequester) continue;
    if (specificAfter(named, m.index + m[0].length - 1)) return true;
    if (WRITING.test(named.slice(m.index))) return true;
  }
  return false;
}

// ---------- third person ----------

function isVocative(text: string, index: number, length: number): boolean {
  const before = text.slice(Math.max(0, index - 40), index);
  const after = text.slice(index + length, index + length + 40);
  const closes = /^\s*(?:[,!?.]|$)/.test(after);
  if (index <= 40 && /^\s*(?:(?:Dr|Mr|Ms|Mrs|Mx|Prof|Professor)\.?\s*)?$/.test(before)) {
    return /^\s*[,!?.:—–]|^\s*$/.test(after);
  }
  return (
    closes &&
    /(?:\b(?:hi|hey|hello|dear|thanks|thank\s+you|cheers|again|so\s+much|bye|ok|okay|yes)|,)\s*(?:(?:Dr|Mr|Ms|Mrs|Mx|Prof)\.?\s*)?$/i.test(
      before,
    )
  );
}

function findThirdPerson(
  a: Pick<Analysis, "content" | "layout" | "target">,
): Analysis["thirdPerson"] {
  const tokens = a.target?.tokens ?? [];
  const greeting = a.layout.targetGreeting;
  const blurbStart = a.layout.blurb.start;
  const toIntroducer = !greeting && a.layout.introducerGreeting !== undefined;
  for (const s of a.content) {
    if (s.end <= blurbStart) continue;
    if (greeting && s.start < greeting.end && s.end <= greeting.lineEnd && !greeting.inline)
      continue;
    const found = (index: number, length: number, kind: "relay" | "name" | "pronoun") => ({
      span: { start: s.start + index, end: s.start + index + length },
      quote: s.text,
      kind,
    });
    const relay = INTRO_SIGNAL.exec(s.text);
    if (relay) return found(relay.index, relay[0].length, "relay");
    for (const tok of tokens) {
      for (const m of s.text.matchAll(namesRegExp([tok], "gu"))) {
        const abs = s.start + m.index;
        if (greeting && abs >= greeting.start && abs < greeting.end) continue;
        if (isVocative(s.text, m.index, m[0].length)) continue;
        return found(m.index, m[0].length, "name");
      }
    }
    if (toIntroducer) {
      const p = PRONOUN.exec(s.text);
      if (p) return found(p.index, p[0].length, "pronoun");
    }
  }
  return undefined;
}

// ---------- target ----------

function resolveTarget(
  input: CheckRequestInput,
  layout: Layout,
  exclude: string[],
): { name: string; tokens: string[]; inText: boolean } | undefined {
  const names: string[] = [];
  const add = (n: string | undefined) => {
    // "someone at Google" names no one, however it is typed.
    if (isGenericPerson(n)) return;
    if (n && !exclude.some((x) => sameName(x, n)) && !names.some((x) => x === n)) names.push(n);
  };
  add(input.targetName?.trim() || undefined);
  const given = names.length;
  add(layout.targetGreeting?.name);
  add(layout.parsedSubject?.target);
  const body = layout.norm.slice(layout.bodyStart);
  if (input.profile?.name && containsName(body, nameTokens(input.profile.name))) {
    add(input.profile.name);
  }
  for (const m of body.matchAll(TARGET_MENTION)) {
    const name = m[1] ?? "";
    const next = body.slice((m.index ?? 0) + m[0].length, (m.index ?? 0) + m[0].length + 2);
    if (next.startsWith("'s") || NOT_A_NAME.has(name) || NOT_A_NAME.has(name.split(" ")[0] ?? "")) {
      continue;
    }
    add(name);
  }
  if (names.length === 0 && !layout.targetGreeting) add(narratedPerson(layout, exclude));
  if (names.length === 0) return undefined;
  // Whether the request itself names someone, beyond the name the form or the intro supplies.
  const inText =
    names.length > given || (given > 0 && containsName(layout.norm, nameTokens(names[0] ?? "")));
  const tokens = new Set<string>();
  for (const n of [...names, input.profile?.name]) {
    for (const t of nameTokens(n)) if (/^\p{Lu}/u.test(t)) tokens.add(t);
  }
  for (const n of exclude) for (const t of nameTokens(n)) tokens.delete(t);
  return { name: names[0]!, tokens: [...tokens], inText };
}

/** Capitalised words that open sentences without naming anyone. */
const COMMON_CAPITALISED = new Set(
  "I I'm I'd I've I'll Hi Hey Hello Dear Thanks Thank Hope Could Would Can Will Should Do Did Does If As So But And Also Just Any Happy Let Please Here There The This That These Those It It's We We're Our My Your You You're She He They When What How Why Since After Before Maybe Perhaps Really Quick Big Loved Love Huge Great Sorry Sure Yes No Not Only Even Still Then Now Today Tomorrow Best Regards Cheers Warmly Sincerely Kind Many About Over For From With At In On Of To By Looking Following Either Each Every Some Most All Both Another Anyone Someone Everyone Nobody One Two Three First Second Third Last Next Finally".split(
    " ",
  ),
);

/**
 * In a note written to the introducer, the target may only be named in passing ("Maya gave a
 * talk at JSConf… I'd love to ask her…"): a capitalised name that a later "she"/"he" refers to.
 */
function narratedPerson(layout: Layout, exclude: string[]): string | undefined {
  const sentences = sentencesOf(layout.norm, layout.blurb.start, layout.blurb.end);
  for (let i = 0; i < sentences.length; i++) {
    const s = sentences[i]!;
    const later = sentences
      .slice(i, i + 3)
      .map((x) => x.text)
      .join(" ");
    let tried = 0;
    const re = /(?<![\p{L}'])(\p{Lu}\p{Ll}+(?:\s\p{Lu}\p{Ll}+)?)(?![\p{L}])/gu;
    for (const m of s.text.matchAll(re)) {
      if (++tried > 40) break;
      const name = m[1] ?? "";
      const first = name.split(" ")[0] ?? "";
      if (COMMON_CAPITALISED.has(first) || NOT_A_NAME.has(first)) continue;
      if (exclude.some((x) => sameName(x, name))) continue;
      const before = s.text.slice(Math.max(0, m.index - 12), m.index);
      if (/\b(?:at|from|in|of|for|with|the|to|on|by|into|via|near|across)\s+$/i.test(before))
        continue;
      const after = later.slice(m.index + name.length, m.index + name.length + 600);
      if (/\b(?:she|he|her|him|his)\b/i.test(after)) return name;
    }
  }
  return undefined;
}

// ---------- the analysis ----------

/**
 * Requests are a few hundred words; the coach reads at most this many characters, so that a
 * pasted book cannot stall the composer. Length is still counted on the whole blurb.
 */
export const MAX_ANALYSED_CHARS = 20_000;

export function analyse(input: CheckRequestInput): Analysis {
  const full = input.text;
  if (full.length > MAX_ANALYSED_CHARS) {
    const cut = full.lastIndexOf(" ", MAX_ANALYSED_CHARS);
    const head = analyse({ ...input, text: full.slice(0, cut > 0 ? cut : MAX_ANALYSED_CHARS) });
    return {
      ...head,
      blurbWords: wordCount(full.slice(head.layout.blurb.start)),
      layout: { ...head.layout, blurb: { start: head.layout.blurb.start, end: full.length } },
    };
  }
  const layout = analyseLayout(input.text, {
    subject: input.subject,
    introducerName: input.introducerName,
    targetName: input.targetName,
    requesterName: input.requesterName,
    profileName: input.profile?.name,
  });
  const { norm } = layout;
  const introducerName = input.introducerName ?? layout.introducerGreeting?.name;
  const greetingNames = [layout.targetGreeting?.name, input.targetName, input.profile?.name];

  const sig = readSignature(norm, layout.blurb.start, norm.length, [
    ...greetingNames.filter((n): n is string => !!n),
  ]);
  const contentEnd = sig.span?.start ?? norm.length;
  const requesterNames = [input.requesterName, layout.parsedSubject?.requester, sig.name].filter(
    (n): n is string => !!n && !greetingNames.some((g) => sameName(g, n)),
  );

  const from = layout.targetGreeting ? layout.blurb.start : layout.bodyStart;
  const skipTo =
    layout.introducerGreeting && !layout.targetGreeting ? layout.introducerGreeting.end : from;
  let content = sentencesOf(
    norm,
    Math.max(from, skipTo),
    Math.max(Math.max(from, skipTo), contentEnd),
  );
  // The greeting line itself says nothing.
  const g = layout.targetGreeting;
  if (g && !g.inline) content = content.filter((s) => !(s.start >= g.start && s.end <= g.lineEnd));
  if (g?.inline) {
    content = content.map((s) =>
      s.start === g.start ? { ...s, text: norm.slice(g.end, s.end).trim(), start: g.end } : s,
    );
  }

  // The "About me:" section: its heading and the list items under it.
  const aboutSection = new Set<Sentence>();
  let inAbout = false;
  for (const s of content) {
    if (ABOUT_HEADING.test(s.text)) {
      inAbout = true;
      aboutSection.add(s);
      continue;
    }
    if (inAbout && s.bullet) aboutSection.add(s);
    else inAbout = false;
  }
  const prose = content.filter((s) => !aboutSection.has(s));

  const exclude = [introducerName, ...requesterNames].filter((n): n is string => !!n);
  const target = resolveTarget(input, layout, exclude);
  const broadcastMatch = BROADCAST.exec(norm.slice(layout.bodyStart));
  const broadcast = broadcastMatch
    ? {
        start: layout.bodyStart + broadcastMatch.index,
        end: layout.bodyStart + broadcastMatch.index + broadcastMatch[0].length,
        phrase: broadcastMatch[0],
      }
    : undefined;

  // Asks and the next step.
  const nextSteps = prose.filter(isNextStep);
  const askSentences = prose.filter((s) => isAsk(s) || nextSteps.includes(s));
  const situation = prose.some((s) => SITUATION.test(s.text));
  const asks: Ask[] = askSentences.map((s) => ({
    sentence: s,
    topical:
      TOPIC.test(s.text) ||
      (situation &&
        /\b(?:take|advice|perspective|thoughts|input|view|opinion|guidance|feedback|help)\b/i.test(
          s.text,
        )),
  }));

  const ref = input.now ?? DEFAULT_REFERENCE;
  const around = new Set<Sentence>();
  for (const s of nextSteps) {
    const i = prose.indexOf(s);
    around.add(s);
    const next = prose[i + 1];
    if (next) around.add(next);
    const prev = prose[i - 1];
    if (prev && FORMAT.test(prev.text)) around.add(prev);
  }
  for (const s of prose) if (AVAILABILITY.test(s.text) && PROPOSAL.test(s.text)) around.add(s);
  const blurbAll = norm.slice(layout.blurb.start);
  const scheduling = SCHEDULING_LINK.test(blurbAll);
  const windowSentences = [...around];
  const hasTime = scheduling || windowSentences.some((s) => hasWindow(s.text, ref));
  const hasFlexibility = scheduling || windowSentences.some((s) => FLEXIBILITY.test(s.text));

  // About me.
  const requesterTokens = requesterNames.flatMap(nameTokens);
  const thirdPersonBio =
    requesterTokens.length > 0
      ? new RegExp(
          `(?<![\\p{L}])(?:${requesterTokens.map(escapeRegExp).join("|")})(?![\\p{L}])(?:\\s+\\p{Lu}\\p{L}+)?\\s+(?:(?:is|was|has\\s+been|'s)\\s+(?:a|an|the|currently|previously|now|building|running|leading|working|studying)|runs|leads|heads|founded|co-founded|built|works|worked|manages|started|studies|teaches|designs|writes)\\b`,
          "u",
        )
      : null;
  const aboutMe =
    aboutSection.size > 0 ||
    content.some((s) => ABOUT_ME.test(s.text) || thirdPersonBio?.test(s.text) === true);

  // Tailoring: the note counts too, since the introducer forwards the whole thread.
  const profile = profileMatchers(input.profile);
  const noteSentences = sentencesOf(norm, layout.bodyStart, layout.note.end);
  const tailoringPool = [...noteSentences, ...prose];
  const tailored = tailoringPool.some((s) =>
    isTailoredSentence(s, target?.tokens ?? [], requesterTokens, profile),
  );

  const blurbText = norm.slice(layout.blurb.start, layout.blurb.end);
  const analysis: Analysis = {
    layout,
    norm,
    content: prose,
    target,
    introducerName,
    requesterNames,
    broadcast,
    asks,
    nextSteps,
    hasTime,
    hasFlexibility,
    aboutMe,
    tailored,
    blurbWords: wordCount(blurbText),
    signature: { span: sig.span, hasName: sig.hasName, hasLink: sig.hasLink },
  };
  if (target) analysis.thirdPerson = findThirdPerson(analysis);
  return analysis;
}
