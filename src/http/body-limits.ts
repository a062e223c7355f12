import type { Context, MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { VouchError } from "../domain/errors.ts";
import { envelopeLimit } from "./inbound-webhooks.ts";
import { IMPORT_MAX_BYTES } from "./upload.ts";

/** Where contacts files are uploaded (the API and the web page). */
const IMPORT_PATHS = ["/api/me/contacts/import", "/contacts/import"];

/** The largest form or JSON body any route takes. */
export const FORM_MAX_BYTES = 1024 * 1024;

// The connection is closed after the answer: kept open, the server would read (and discard)
// the rest of the body to reuse it.
const tooLarge = (message: string, limit: number) => (c: Context) => {
  c.header("Connection", "close");
  throw new VouchError("TOO_LARGE", message, { limit });
};

/**
 * Bounds every request body, before a route reads it: hono's bodyLimit refuses a declared
 * content-length over the limit at once, and cuts off a body without one as it passes the limit.
 * Forms and JSON get 1 MB; /inbound/raw the SMTP size limit (VOUCH_SMTP_MAX_BYTES); the provider
 * webhooks the envelope that carries a message of that size (JSON escaping, base64).
 */
export function bodyLimits(mailMaxBytes: number): MiddlewareHandler {
  const mail = tooLarge(
    `the message is over the size limit of ${mailMaxBytes} bytes (VOUCH_SMTP_MAX_BYTES)`,
    mailMaxBytes,
  );
  const forms = bodyLimit({
    maxSize: FORM_MAX_BYTES,
    onError: tooLarge(`the body is over the size limit of ${FORM_MAX_BYTES} bytes`, FORM_MAX_BYTES),
  });
  const raw = bodyLimit({ maxSize: mailMaxBytes, onError: mail });
  const hooks = bodyLimit({ maxSize: envelopeLimit(mailMaxBytes), onError: mail });
  // A contacts file is read as it streams, never held whole.
  const imports = bodyLimit({
    maxSize: IMPORT_MAX_BYTES,
    onError: tooLarge(
      `the file is over the size limit of ${IMPORT_MAX_BYTES} bytes`,
      IMPORT_MAX_BYTES,
    ),
  });
  return (c, next) => {
    const path = c.req.path;
    if (IMPORT_PATHS.includes(path)) return imports(c, next);
    if (path === "/inbound/raw") return raw(c, next);
    if (path.startsWith("/inbound/")) return hooks(c, next);
    return forms(c, next);
  };
}
