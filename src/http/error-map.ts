import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { ZodError } from "zod";
import { type ErrorCode, isVouchError, VouchError } from "../domain/errors.ts";

/** The one table from coded error to HTTP status. */
export const HTTP_STATUS: Record<ErrorCode, ContentfulStatusCode> = {
  INVALID_INPUT: 400,
  HEADER_INJECTION: 400,
  TARGET_EMAIL_REQUIRED: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  INVALID_TRANSITION: 409,
  CONSENT_UNCLEAR: 409,
  CONFLICT: 409,
  TOO_LARGE: 413,
  TARGET_UNAVAILABLE: 409,
  MEETING_NOT_HELD: 409,
  REQUEST_REJECTED: 422,
  INVALID_CONFIG: 500,
};

/** The JSON body of every error: `{ error: { code, message, ...details } }`. */
export function errorBody(e: VouchError) {
  return { error: { code: e.code, message: e.message, ...e.details } };
}

/** Turns a zod failure into INVALID_INPUT naming the first bad field, e.g. `introducer.email`. */
export function fromZodError(err: ZodError, where: string): VouchError {
  const issue = err.issues[0];
  const field = issue?.path.length ? issue.path.join(".") : where;
  return new VouchError("INVALID_INPUT", `${field}: ${issue?.message ?? "invalid"}`, { field });
}

/** Hono's onError: coded errors get their status; anything else is a logged 500. */
export function onError(log: (e: unknown) => void) {
  return (err: Error, c: Context) => {
    if (isVouchError(err)) return c.json(errorBody(err), HTTP_STATUS[err.code]);
    if (err instanceof SyntaxError) {
      return c.json(errorBody(new VouchError("INVALID_INPUT", "the body is not valid JSON")), 400);
    }
    if ("status" in err && typeof err.status === "number" && err.status < 500) {
      const e = new VouchError("INVALID_INPUT", err.message || "bad request");
      return c.json(errorBody(e), err.status as ContentfulStatusCode);
    }
    log(err);
    return c.json(
      { error: { code: "INTERNAL", message: "something went wrong on our side" } },
      500,
    );
  };
}
