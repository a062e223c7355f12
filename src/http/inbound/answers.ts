// What the inbound endpoints answer when they refuse a post: each a coded error (error-map.ts
// turns a thrown one into its status), or a response where a header must go with it.

import type { Context } from "hono";
import { VouchError } from "../../domain/errors.ts";
import { errorBody } from "../error-map.ts";

/** 400: a field of the post is wrong (named, so that the provider's log says which). */
export const bad = (field: string, message: string) =>
  new VouchError("INVALID_INPUT", `${field}: ${message}`, { field });

/** 404: the endpoint's secret is not set on this server. */
export function notEnabled(path: string, variable: string): never {
  throw new VouchError("NOT_FOUND", `${path} is not enabled on this server (set ${variable})`);
}

/** 401, with the challenge that makes a provider retry with basic auth. */
export function unauthenticated(
  c: Context,
  why = "a bearer token or basic-auth password is required",
) {
  const e = new VouchError("UNAUTHENTICATED", why);
  return c.json(errorBody(e), 401, {
    "WWW-Authenticate": 'Basic realm="vouch inbound", charset="UTF-8"',
  });
}

/** 413: the message (or the post carrying it) is over VOUCH_SMTP_MAX_BYTES. */
export function tooLarge(c: Context, limit: number) {
  const e = new VouchError(
    "TOO_LARGE",
    `the message is over the size limit of ${limit} bytes (VOUCH_SMTP_MAX_BYTES)`,
    { limit },
  );
  return c.json(errorBody(e), 413);
}
