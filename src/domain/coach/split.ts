import { FILLER, INTRO_REQUEST, INTRO_SIGNAL, NAMED_RELATION, NOT_A_NAME } from "./patterns.ts";
import { type ParsedSubject, parseRequestSubject } from "./subject.ts";
import {
  isBlank,
  isTitle,
  linesOf,
  normalise,
  type Segment,
  sameName,
  sentencesOf,
  wordCount,
} from "./text.ts";

/** A greeting line: "Hey Maya,", "Dear Dr. Okafor,", "Jane —", "Hi there,". */
export type Greeting = {
  /** Undefined for greetings to nobody in particular ("Hi there", "Hello,"). */
  name?: string;
  start: number;
  /** End of the greeting itself ("Hey Jane,"), where an inline note may go on. */
  end: number;
  lineEnd: number;
  /** Text follows the greeting on the same line. */
  inline: boolean;
};

/** Where the parts of a request are, as offsets into the text. */
export type Layout = {
  /** The text with straight quotes; same offsets as the original. */
  norm: string;
  subject?: string;
  parsedSubject: ParsedSubject | null;
  bodyStart: number;
  note: { start: number; end: number };
  blurb: { start: number; end: number };
  introducerGreeting?: Greeting;
  /** The greeting that opens the blurb; its name is undefined for "Hi there". */
  targetGreeting?: Greeting;
};

export type LayoutHints = {
  subject?: string;
  introducerName?: string;
  targetName?: string;
  requesterName?: string;
  profileName?: string;
};

const GREETING_WORD =
  /^(good\s+(?:morning|afternoon|evening)|hey\s+there|hey|hi|hiya|hello|dear|howdy|greetings|hola|bonjour|salut|hallo|ciao|olá|ola|hej|yo)(?![\p{L}])/iu;

/** Words after a greeting word that do not name anyone. */
const NOBODY = new Set([
  "there",
  "all",
  "everyone",
  "everybody",
  "team",
  "folks",
  "friend",
  "friends",
  "guys",
  "y'all",
  "yall",
  "you",
  "again",
  "both",
  "sir",
  "madam",
  "i",
  "i'm",
  "im",
  "my",
  "we",
  "it",
  "this",
  "hope",
  "just",
  "quick",
]);

/** Capitalised words that open an email without being a name ("Thanks, …", "Quick question, …"). */
const NOT_VOCATIVE = new Set([
  "thanks",
  "thank",
  "hope",
  "quick",
  "just",
  "so",
  "well",
  "ok",
  "okay",
  "also",
  "sorry",
  "great",
  "sure",
  "yes",
  "no",
  "morning",
  "afternoon",
  "evening",
  "apologies",
  "congrats",
  "congratulations",
  "first",
  "firstly",
  "finally",
  "anyway",
  "again",
  "cheers",
  "best",
  "regards",
  "please",
  "note",
  "ps",
  "fyi",
  "update",
  "subject",
  "friends",
  "team",
  "all",
  "everyone",
  "folks",
  "question",
  "context",
  "background",
  "summary",
  "hey",
  "hi",
  "hello",
]);

/** Greeting words that also close an email. */
const SIGN_OFF_TOO = new Set(["ciao", "salut", "hej", "yo", "cheers"]);

const NAME_TOKEN = /^[\p{L}][\p{L}'.-]*$/u;

function stripPunct(t: string): string {
  return t.replace(/[,!:;.—–]+$/u, "");
}

/** Reads a greeting at the start of a line, or returns null. */
export function parseGreeting(line: Segment, allowBare: boolean): Greeting | null {
  const lead = line.text.length - line.text.trimStart().length;
  const s = line.text.slice(lead);
  const start = line.start + lead;
  const word = GREETING_WORD.exec(s);
  if (word) {
    let i = word[0].length;
    const tokens: string[] = [];
    let j = i;
    // Up to a title and three name words; words after the first must be capitalised.
    for (;;) {
      const m = /^[ \t]+([^\s]+)/.exec(s.slice(j));
      if (!m) break;
      const raw = m[1] ?? "";
      const title = isTitle(raw) && tokens.length === 0;
      const tok = title ? raw : stripPunct(raw);
      if (!tok || !NAME_TOKEN.test(tok)) break;
      const lowerFirst = tokens.length > 0 && !/^\p{Lu}/u.test(tokens[0] ?? "");
      if (lowerFirst) break; // "hey sofia" is a name, "hello from Berlin" is not
      const first = tokens.length === 0 || (tokens.length === 1 && isTitle(tokens[0] ?? ""));
      if (!first && !/^\p{Lu}/u.test(tok)) break;
      if (tokens.length >= 4) break;
      tokens.push(tok);
      j += m[0].length - (raw.length - tok.length);
      if (tok !== raw) break; // punctuation ends the name
    }
    if (tokens.length === 1 && isTitle(tokens[0] ?? "")) {
      tokens.length = 0;
      j = i;
    }
    const after = s.slice(j);
    const term = /^[ \t]*(?:[,!:;.]+|[—–]|-(?=\s)|$)/.exec(after);
    const capitalised = tokens.length > 0 && /^\p{Lu}/u.test(tokens[0] ?? "");
    if (!term && !capitalised) {
      // "Hi I'm Sam" or "hello world": take the greeting word alone if a comma follows it.
      tokens.length = 0;
      j = i;
      if (!/^[ \t]*(?:[,!:;.]|$)/.test(s.slice(i))) return null;
    }
    if (tokens.length > 0 && NOBODY.has((tokens[0] ?? "").toLowerCase())) {
      tokens.length = 0;
    }
    i = j + (term ? term[0].length : 0);
    const rest = s.slice(i);
    return {
      name: tokens.length > 0 ? tokens.join(" ") : undefined,
      start,
      end: start + i,
      lineEnd: line.end,
      inline: !isBlank(rest),
    };
  }
  if (!allowBare) return null;
  // "Jane, quick favour: …", "Jane — any chance…", "Jane!"
  const bare = /^(\p{Lu}[\p{L}'-]+(?:[ \t]\p{Lu}[\p{L}'-]+)?)[ \t]*(,|!|—|–|\s-\s|:)/u.exec(s);
  if (!bare) return null;
  const name = bare[1] ?? "";
  if (NOT_VOCATIVE.has((name.split(/\s/)[0] ?? "").toLowerCase())) return null;
  if (NOT_A_NAME.has(name)) return null;
  return {
    name,
    start,
    end: start + bare[0].length,
    lineEnd: line.end,
    inline: !isBlank(s.slice(bare[0].length)),
  };
}

/** Whether this stretch of text speaks to the introducer (asks for the intro, names the target in the third person). */
export function speaksToIntroducer(text: string, introducerName?: string): boolean {
  if (INTRO_SIGNAL.test(text)) return true;
  for (const m of text.matchAll(NAMED_RELATION)) {
    const name = m[1] ?? "";
    if (!NOT_A_NAME.has(name) && !sameName(name, introducerName)) return true;
  }
  return false;
}

/** A paragraph made only of the intro request and pleasantries. */
function onlyForIntroducer(norm: string, start: number, end: number): boolean {
  const sentences = sentencesOf(norm, start, end);
  if (sentences.length === 0) return false;
  return sentences.every((s) => INTRO_REQUEST.test(s.text) || FILLER.test(s.text));
}

type Paragraph = { start: number; end: number; firstLine: Segment };

function paragraphsOf(norm: string, from: number, to: number): Paragraph[] {
  const out: Paragraph[] = [];
  let cur: Paragraph | null = null;
  for (const line of linesOf(norm, from, to)) {
    if (isBlank(line.text)) {
      if (cur) out.push(cur);
      cur = null;
      continue;
    }
    if (!cur) cur = { start: line.start, end: line.end, firstLine: line };
    else cur.end = line.end;
  }
  if (cur) out.push(cur);
  return out;
}

/** Finds the subject, the note to the introducer and the blurb for the target. */
export function analyseLayout(text: string, hints: LayoutHints = {}): Layout {
  const norm = normalise(text);
  let bodyStart = 0;
  let subject = hints.subject?.trim() || undefined;
  const firstLine = linesOf(norm).find((l) => !isBlank(l.text));
  const subjectLine = firstLine ? /^\s*subject\s*:\s*(.*)$/i.exec(firstLine.text) : null;
  if (firstLine && subjectLine) {
    bodyStart = Math.min(norm.length, firstLine.end + (norm[firstLine.end] === "\r" ? 2 : 1));
    subject ??= (subjectLine[1] ?? "").trim() || undefined;
  }
  const end = norm.length;
  let parsedSubject = subject
    ? parseRequestSubject(subject, {
        requesterName: hints.requesterName,
        targetName: hints.targetName ?? hints.profileName,
      })
    : null;

  const paragraphs = paragraphsOf(norm, bodyStart, end);
  const greetings: Greeting[] = [];
  paragraphs.forEach((p, i) => {
    const g = parseGreeting(p.firstLine, i === 0);
    if (!g) return;
    // "Ciao,\nMatteo" at the end is a sign-off, not a second greeting.
    const last = i === paragraphs.length - 1 && i > 0;
    const word =
      p.firstLine.text
        .trim()
        .split(/[\s,!]/)[0]
        ?.toLowerCase() ?? "";
    if (last && SIGN_OFF_TOO.has(word) && wordCount(norm.slice(p.start, p.end)) <= 12) return;
    greetings.push(g);
  });

  const body = norm.slice(bodyStart, end);
  // A subject written requester-first ("Intro: Alice / Maya") shows itself when Alice greets Maya.
  if (parsedSubject?.requester) {
    const named = greetings.map((g) => g.name).filter(Boolean);
    const greetsRequester = named.some((n) => sameName(n, parsedSubject?.requester));
    const greetsTarget = named.some((n) => sameName(n, parsedSubject?.target));
    if (greetsRequester && !greetsTarget) {
      parsedSubject = { target: parsedSubject.requester, requester: parsedSubject.target };
    }
  }
  const targetNames = [hints.targetName, hints.profileName, parsedSubject?.target];
  const isTarget = (g: Greeting) => targetNames.some((n) => sameName(g.name, n));
  const isIntroducer = (g: Greeting) =>
    sameName(g.name, hints.introducerName) && !isTarget(g) && g.name !== undefined;

  let introducerGreeting: Greeting | undefined;
  let targetGreeting: Greeting | undefined;
  const known = greetings.find(isTarget);
  if (known) {
    targetGreeting = known;
    introducerGreeting = greetings.find((g) => g !== known && g.start < known.start);
  } else if (greetings.length >= 2) {
    const first = greetings[0]!;
    const second = greetings[1]!;
    if (isIntroducer(second) && !isIntroducer(first)) {
      targetGreeting = first;
      introducerGreeting = second;
    } else {
      introducerGreeting = first;
      targetGreeting = second;
    }
  } else if (greetings.length === 1) {
    const g = greetings[0]!;
    if (isIntroducer(g) || speaksToIntroducer(body, g.name ?? hints.introducerName)) {
      introducerGreeting = g;
    } else {
      targetGreeting = g;
    }
  }

  let note = { start: bodyStart, end: bodyStart };
  let blurbStart = bodyStart;
  if (targetGreeting) {
    note = { start: bodyStart, end: targetGreeting.start };
    blurbStart = targetGreeting.start;
  } else {
    // No greeting to the target: the note is the introducer's greeting plus any paragraphs that
    // only ask for the intro; the blurb is everything after.
    let noteEnd = introducerGreeting ? introducerGreeting.end : bodyStart;
    let i = paragraphs.findIndex((p) => p.end > noteEnd);
    if (i >= 0) {
      const p = paragraphs[i]!;
      const from = Math.max(p.start, noteEnd);
      const nothingLeftOnLine = introducerGreeting && !introducerGreeting.inline;
      if (!nothingLeftOnLine && onlyForIntroducer(norm, from, p.end) && i < paragraphs.length - 1) {
        noteEnd = p.end;
        i++;
      } else if (nothingLeftOnLine) {
        noteEnd = introducerGreeting!.lineEnd;
      }
      while (
        i < paragraphs.length - 1 &&
        paragraphs[i]!.start >= noteEnd &&
        onlyForIntroducer(norm, paragraphs[i]!.start, paragraphs[i]!.end)
      ) {
        noteEnd = paragraphs[i]!.end;
        i++;
      }
    }
    note = { start: bodyStart, end: noteEnd };
    blurbStart = noteEnd;
  }
  while (blurbStart < end && /\s/.test(norm[blurbStart] ?? "")) blurbStart++;
  return {
    norm,
    subject,
    parsedSubject,
    bodyStart,
    note,
    blurb: { start: blurbStart, end },
    introducerGreeting,
    targetGreeting,
  };
}

/** The parts of a request, as `splitRequest` returns them. */
export type RequestParts = {
  subject?: string;
  noteToIntroducer: string;
  blurb: string;
  targetGreetingName?: string;
  introducerGreetingName?: string;
};

/**
 * Tells apart the note to the introducer ("Hey Jane, could you introduce me to Maya?") from the
 * blurb addressed to the target ("Hey Maya, …"). A leading `Subject: …` line is taken off and
 * returned as the subject (unless `subject` is given). With two greetings, the first is to the
 * introducer and the second opens the blurb; with one, it is the introducer's when the text asks
 * for an intro or talks about someone in the third person, and the target's otherwise.
 */
export function splitRequest(text: string, subject?: string): RequestParts {
  const layout = analyseLayout(text, { subject });
  return {
    subject: layout.subject,
    noteToIntroducer: text.slice(layout.note.start, layout.note.end).trim(),
    blurb: text.slice(layout.blurb.start, layout.blurb.end).trim(),
    targetGreetingName: layout.targetGreeting?.name,
    introducerGreetingName: layout.introducerGreeting?.name,
  };
}
