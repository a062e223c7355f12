/**
 * Coded errors. Every layer throws these; HTTP maps `code` to a status in one table
 * (src/http/error-map.ts) and the CLI prints `vouch: <message>` and exits non-zero.
 */
export const ERROR_CODES = [
  "INVALID_INPUT",
  "INVALID_TRANSITION",
  "CONSENT_UNCLEAR",
  "TARGET_EMAIL_REQUIRED",
  "REQUEST_REJECTED",
  "NOT_FOUND",
  "UNAUTHENTICATED",
  "FORBIDDEN",
  "CONFLICT",
  "HEADER_INJECTION",
  "INVALID_CONFIG",
  "TOO_LARGE",
  "TARGET_UNAVAILABLE",
  "MEETING_NOT_HELD",
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export class VouchError extends Error {
  readonly code: ErrorCode;
  /** Machine-readable context, e.g. `{ status: "introduced" }` or `{ field: "requester.email" }`. */
  readonly details: Record<string, unknown>;

  constructor(code: ErrorCode, message: string, details: Record<string, unknown> = {}) {
    super(userMessage(message, details.field));
    this.name = "VouchError";
    this.code = code;
    this.details = details;
  }
}

export function isVouchError(e: unknown): e is VouchError {
  return e instanceof VouchError;
}

/** Input fields as a person calls them; `field` in an error's details keeps the path. */
const FIELD_WORDS: Record<string, string> = {
  "requester.email": "the requester's email address",
  "requester.name": "the requester's name",
  "introducer.email": "the introducer's email address",
  "introducer.name": "the introducer's name",
  "target.email": "the target's email address",
  "target.name": "the target's name",
  targetEmail: "the target's email address",
  subject: "the subject",
  request: "the request",
  requestText: "the request",
  note: "the note",
  reason: "the reason",
  until: "the date",
  timeZone: "the time zone",
  // The profile (src/domain/profile.ts), read by its owner.
  displayName: "your name",
  bio: "your bio",
  website: "your site",
  linkedin: "your LinkedIn page",
  start: "the start time",
  end: "the end time",
};

/**
 * What a person reads: a message that opens with a field's path ("introducer.email is not a
 * valid email address") names it in plain words ("The introducer's email address is not
 * valid"), and every message starts with a capital letter. What was typed on a command line
 * ("--requester …") is left as typed.
 */
export function userMessage(message: string, field: unknown): string {
  let m = message;
  if (typeof field === "string" && Object.hasOwn(FIELD_WORDS, field)) {
    const words = FIELD_WORDS[field] as string;
    // "target.name is empty", "target.name: …" and the limits' "The target.name field is empty".
    for (const lead of [`${field} `, `${field}: `, `The ${field} field `]) {
      if (m.startsWith(lead)) {
        m = `${words}${lead.endsWith(": ") ? ": " : " "}${m.slice(lead.length)}`;
        break;
      }
    }
    if (words.endsWith("email address"))
      m = m.replace(`${words} is not a valid email address`, `${words} is not valid`);
  }
  // Only a plain word is capitalised: an address ("a@example.com has…"), a header name or an
  // identifier at the start is shown as it is.
  return /^\p{Ll}[\p{L}']*(?=[\s,;])/u.test(m) ? m.charAt(0).toUpperCase() + m.slice(1) : m;
}
