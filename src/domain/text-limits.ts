import { VouchError } from "./errors.ts";
import type { IntroEvent } from "./types.ts";

/**
 * The limits on what people type, the same in the API, the web forms, email intake and the CLI
 * (INTERFACES.md, "Limits"). Characters are UTF-16 code units, as in `maxlength` and zod.
 */
export const LIMITS = {
  /** The forwardable request. */
  requestText: 10_000,
  /** A person's name. */
  name: 120,
  subject: 200,
  /** A note: the introducer's, the target's, a report-back, a reason or a question. */
  note: 2_000,
} as const;

// Controls (C0, DEL, C1), bidi embeddings, overrides and isolates, and zero-width characters:
// in a header or a page title they hide or reorder what a reader sees.
// (A tab is only white space: it is collapsed to a space.)
const INVISIBLE = /[\p{Cc}\u200B-\u200D\u202A-\u202E\u2060\u2066-\u2069\uFEFF]/u;

const codePoint = (ch: string) =>
  `U+${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0")}`;

function tooLong(field: string, max: number, length: number): VouchError {
  return new VouchError(
    "INVALID_INPUT",
    `The ${field} field is too long: at most ${max} characters (it has ${length})`,
    { field, limit: max },
  );
}

/**
 * A one-line text that reaches an email header or a page title (a name, a subject): no line
 * break (HEADER_INJECTION), no control, bidi or zero-width character, NFC, spaces collapsed,
 * at most `max` characters. Returns the normalized text; empty stays empty.
 */
export function headerText(text: string, field: string, max: number): string {
  if (/[\r\n\u0085\u2028\u2029]/.test(text)) {
    throw new VouchError("HEADER_INJECTION", `The ${field} field must not contain a line break`, {
      field,
    });
  }
  const bad = INVISIBLE.exec(text.replaceAll("\t", " "));
  if (bad) {
    throw new VouchError(
      "INVALID_INPUT",
      `The ${field} field contains an invisible or control character (${codePoint(bad[0])}), which is not allowed`,
      { field },
    );
  }
  const t = text.normalize("NFC").trim().replace(/\s+/g, " ");
  if (t.length > max) throw tooLong(field, max, t.length);
  return t;
}

/** A person's name: required, one line, visible characters only, at most 120. */
export function personName(name: string, field: string): string {
  const n = headerText(name, field, LIMITS.name);
  if (!n) throw new VouchError("INVALID_INPUT", `The ${field} field is empty`, { field });
  return n;
}

/** A subject line, at most 200. */
export function subjectLine(subject: string, field = "subject"): string {
  return headerText(subject, field, LIMITS.subject);
}

/** Free text of several lines (a note, a request): only its length is bounded. */
export function longText(text: string, field: string, max: number): string {
  if (text.length > max) throw tooLong(field, max, text.length);
  return text;
}

/**
 * The texts an event carries, held to their limits. A person's emailed reply cannot be sent back
 * for a shorter version, so with `clip` (channel email) a long note is cut to the limit instead
 * of refused. Returns the event with its subject normalized.
 */
export function checkEventText(event: IntroEvent, opts: { clip?: boolean } = {}): IntroEvent {
  const note = <T extends string | undefined>(value: T, field: string): T => {
    if (value === undefined || value.length <= LIMITS.note) return value;
    if (opts.clip) return `${value.slice(0, LIMITS.note - 1)}…` as T;
    throw tooLong(field, LIMITS.note, value.length);
  };
  switch (event.type) {
    case "revise":
      if (event.requestText !== undefined)
        longText(event.requestText, "request", LIMITS.requestText);
      return event.subject === undefined
        ? event
        : { ...event, subject: subjectLine(event.subject) };
    case "withdraw":
    case "decline":
    case "defer":
      return { ...event, reason: note(event.reason, "reason") };
    case "report_outcome":
    case "forward_for_consent":
      return { ...event, note: note(event.note, "note") };
    case "ask_for_changes":
      return { ...event, note: note(event.note, "note") };
    case "ask_question":
      return { ...event, question: note(event.question, "question") };
    default:
      return event;
  }
}
