/** Helpers for showing what people typed (names, notes) safely in plain text and HTML. */
import type { IntroPeople, Named } from "./types.ts";

// Explicit bidi formatting characters: embeddings, overrides, isolates and marks.
const BIDI_CONTROL = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/;
const BIDI_CONTROL_ALL = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;
const ISOLATE_OPENERS = /[\u2066-\u2068]/g;
const FSI = "\u2068";
const PDI = "\u2069";

/**
 * Fences a user string that carries bidi controls inside FSI…PDI, so an override such as U+202E
 * in a name cannot flip the text that follows it ("Alice\u202Egnp.exe"). Each PDI closes one
 * isolate and every embedding or override opened inside it, so the user's own PDIs are dropped
 * and one is appended per opener, plus one for ours. Ordinary text is returned unchanged.
 */
export function isolate(s: string): string {
  if (!BIDI_CONTROL.test(s)) return s;
  const body = s.replaceAll(PDI, "");
  const openers = body.match(ISOLATE_OPENERS)?.length ?? 0;
  return FSI + body + PDI.repeat(openers + 1);
}

/**
 * Writes every bidi control of finished HTML as a numeric reference. It renders the same, but a
 * reviewer (and a test) can see it, and no raw override sits in the source. Our own markup never
 * contains one, so this is safe to run over the whole document.
 */
export function encodeBidiControls(html: string): string {
  return html.replace(
    BIDI_CONTROL_ALL,
    (c) => `&#x${(c.codePointAt(0) ?? 0).toString(16).toUpperCase()};`,
  );
}

/** The first word of a name, for greetings: "Maya Patel" → "Maya". */
export function firstName(name: string): string {
  const trimmed = name.trim();
  return trimmed.split(/\s+/)[0] || trimmed;
}

/** A person's name as a template writes it: in full, and the first name for greetings. */
export interface ShownName {
  full: string;
  first: string;
}

/** The shown names of an intro's three people. */
export type IntroNames = Record<keyof IntroPeople, ShownName>;

/** A name made safe to show: in full, and its first word for greetings. */
export function shownName(person: Named): ShownName {
  return { full: isolate(person.name.trim()), first: isolate(firstName(person.name)) };
}

/** The shown names of an intro's three people. */
export function introNames(people: IntroPeople): IntroNames {
  return {
    requester: shownName(people.requester),
    introducer: shownName(people.introducer),
    target: shownName(people.target),
  };
}

/** Splits typed text into paragraphs (on blank lines), each a list of lines. */
export function paragraphs(text: string): string[][] {
  return text
    .replace(/\r\n?/g, "\n")
    .split(/\n[ \t]*\n+/)
    .map((p) => p.replace(/^(?:[ \t]*\n)+|(?:\n[ \t]*)+$/g, ""))
    .map((p) => p.split("\n").map((line) => isolate(line.trimEnd())))
    .filter((lines) => lines.some((l) => l.trim() !== ""));
}

// Greetings a note may open with, in the languages Vouch reads.
const GREETING =
  /^\s*(hi|hey|hello|hiya|howdy|dear|greetings|good (morning|afternoon|evening)|bonjour|bonsoir|salut|coucou|hallo|guten (morgen|tag|abend)|liebe[rs]?|moin|servus|hola|buenos d[ií]as|buenas( tardes| noches)?|querid[oa]|ciao|buongiorno|ol[aá]|oi|bom dia|hoi|dag)(?![\p{L}\p{N}])/iu;

/** Whether a note someone typed opens with a greeting ("Hi Maya!", "Hello,", "Bonjour Maya"). */
export function startsWithGreeting(text: string): boolean {
  return GREETING.test(text);
}
