import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { ZodError } from "zod";
import { type ErrorCode, isVouchError, VouchError } from "../domain/errors.ts";
import { errorPage, wantsHtml } from "../web/error-pages.ts";

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

/**
 * Hono's onError: coded errors get their status; anything else is a logged 500. A browser on a
 * page (not /api, not /inbound) gets the same answer as a page in the app's layout.
 */
export function onError(log: (e: unknown) => void) {
  return (err: Error, c: Context) => {
    let e: VouchError;
    let status: ContentfulStatusCode;
    if (isVouchError(err)) {
      e = err;
      status = HTTP_STATUS[err.code];
    } else if (err instanceof SyntaxError) {
      e = new VouchError("INVALID_INPUT", "the body is not valid JSON");
      status = 400;
    } else if ("status" in err && typeof err.status === "number" && err.status < 500) {
      e = new VouchError("INVALID_INPUT", err.message || "bad request");
      status = err.status as ContentfulStatusCode;
    } else {
      log(err);
      if (wantsHtml(c))
        return errorPage(c, 500, "Vouch could not do that. Please try again in a moment.");
      return c.json(
        { error: { code: "INTERNAL", message: "something went wrong on our side" } },
        500,
      );
    }
    if (wantsHtml(c)) return errorPage(c, status, sentence(e.message));
    return c.json(errorBody(e), status);
  };
}

/** The answer to a path nothing serves: a page for a browser, else coded JSON. */
export function onNotFound(c: Context) {
  if (wantsHtml(c)) return errorPage(c, 404, "There is no page at this address.");
  return c.json({ error: { code: "NOT_FOUND", message: `nothing at ${c.req.path}` } }, 404);
}

const sentence = (s: string) => `${s.charAt(0).toUpperCase()}${s.slice(1)}`;
