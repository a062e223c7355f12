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
    super(message);
    this.name = "VouchError";
    this.code = code;
    this.details = details;
  }
}

export function isVouchError(e: unknown): e is VouchError {
  return e instanceof VouchError;
}
