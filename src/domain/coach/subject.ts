import { isTitle, sameName } from "./text.ts";

export type ParsedSubject = { target: string; requester?: string };

/** Reply and forward markers, in a few languages, and "[tag]" prefixes. */
const PREFIX =
  /^\s*(?:(?:re|fwd?|fw|aw|wg|tr|sv|vs|rv|enc|antw)\s*(?:\[\d+\])?\s*:\s*|\[[^\]]{1,40}\]\s*)/i;

/** "REQUEST:", "Intro request -", "Introduction:", "Request for an intro:" … */
const LEAD =
  /^(?:request(?:ing)?\s+(?:for\s+)?(?:an?\s+)?intro(?:duction)?|intro(?:duction)?\s+request(?:ed)?|request|intros?|introductions?|double[- ]opt[- ]in)\b\s*[:\-–—]?\s*/i;

/** "<>", "<->", "<=>", "↔": separators nobody uses for anything else. */
const STRONG_SEPARATOR = /\s*(?:<\s*-*\s*>|<=+>|[↔⟷⇔])\s*/;
/** "/", "+", "&", "x", "and", "|": only read as a pair when the subject says it is an intro. */
const WEAK_SEPARATOR = /\s*[/+&|]\s*|\s+(?:x|and)\s+/i;

const TO_FORM =
  /\b(?:intro(?:duction)?(?:\s+request)?\s+(?:to|for|with)|introduc(?:e|ing)\s+(?:me|us)\s+to|an?\s+intro(?:duction)?\s+to)\s+(.+)$/i;

const INTRO_WORD = /\bintro(?:duction|duce|ducing)?s?\b/i;

/** Words that stand for an audience or a role, never for one person. */
const GENERIC = new Set([
  "anyone",
  "anybody",
  "someone",
  "somebody",
  "people",
  "folks",
  "whoever",
  "everyone",
  "everybody",
  "all",
  "a",
  "an",
  "the",
  "my",
  "your",
  "our",
  "their",
  "his",
  "her",
  "any",
  "some",
  "me",
  "you",
  "us",
  "them",
  "friends",
  "investors",
  "founders",
  "contacts",
  "team",
]);

function clean(side: string, keepCase: boolean): string | null {
  let s = side
    .replace(/\([^)]*\)/g, " ")
    .replace(/\s+(?:at|@|from|of|with)\s+.*$/i, "")
    .replace(/\s+[-–—|]\s+.*$/, "")
    .replace(/(?:\p{Extended_Pictographic}|\uFE0F)/gu, " ")
    .replace(/^[\s"'“”.,:;!?-]+|[\s"'“”.,:;!?-]+$/g, "")
    .trim();
  if (!s) return null;
  const tokens = s.split(/\s+/);
  let picked: string[];
  if (keepCase) {
    picked = tokens;
  } else {
    // After "intro to", the name is the run of capitalised words ("Marco pls" gives Marco).
    picked = [];
    for (const t of tokens) {
      const capital = /^\p{Lu}/u.test(t) || isTitle(t);
      if (picked.length === 0 && !capital) {
        picked.push(t);
        break;
      }
      if (!capital) break;
      picked.push(t);
    }
  }
  if (picked.length === 0 || picked.length > 4) return null;
  if (!/^\p{L}/u.test(picked[0] ?? "")) return null;
  if (GENERIC.has((picked[0] ?? "").toLowerCase())) return null;
  if (picked.some((t) => !/^[\p{L}][\p{L}'’.-]*$/u.test(t))) return null;
  s = picked.join(" ").replace(/[.,]+$/, "");
  return s || null;
}

/**
 * Reads the target (and the requester, when given) from an intro subject.
 *
 * Convention: in a pair ("REQUEST: intro Maya <> Alice", "Intro: Maya / Alice"), the **target
 * comes first**, as in the seed document. Pass `hints` when the names are known from elsewhere
 * (headers, the form): a pair whose first side is the requester is then read the other way round.
 * Understands reply/forward prefixes ("Re:", "Fwd:", "AW:"), "Intro request:", "intro to Maya",
 * "<>", "<->", "<=>", "↔", and, once the subject says "intro", "/", "+", "&", "x" and "and".
 * Case-insensitive; a trailing dot is ignored. Returns null when no single person is named
 * ("intro to someone at Figma", "Quick question").
 */
export function parseRequestSubject(
  subject: string,
  hints: { requesterName?: string; targetName?: string } = {},
): ParsedSubject | null {
  let s = subject.replace(/\s+/g, " ").trim();
  for (let prev = ""; prev !== s; ) {
    prev = s;
    s = s.replace(PREFIX, "");
  }
  s = s.replace(/(?:[\s.!?…,;:]|\p{Extended_Pictographic}|\uFE0F)+$/u, "").trim();
  if (!s) return null;
  const hasIntroWord = INTRO_WORD.test(s);

  const toForm = TO_FORM.exec(s);
  if (toForm && !STRONG_SEPARATOR.test(toForm[1] ?? "")) {
    const target = clean(toForm[1] ?? "", false);
    return target ? { target } : null;
  }

  let rest = s;
  for (let prev = ""; prev !== rest; ) {
    prev = rest;
    rest = rest.replace(LEAD, "");
  }
  let parts = rest.split(STRONG_SEPARATOR);
  if (parts.length !== 2 && hasIntroWord) parts = rest.split(WEAK_SEPARATOR);
  if (parts.length !== 2) return null;
  const first = clean(parts[0] ?? "", true);
  const second = clean(parts[1] ?? "", true);
  if (!first || !second) return null;

  const swap =
    (sameName(first, hints.requesterName) && !sameName(second, hints.requesterName)) ||
    (sameName(second, hints.targetName) && !sameName(first, hints.targetName));
  return swap ? { target: second, requester: first } : { target: first, requester: second };
}
