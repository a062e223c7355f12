import { createHash } from "node:crypto";
import { VouchError } from "../domain/errors.ts";
import { normalizeEmail } from "../domain/person.ts";
import { type AppDeps, randomToken } from "./deps.ts";

const PREFIX = "vch_";

/** Tokens are stored as SHA-256 hashes: a leaked database does not leak working tokens. */
export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** Creates a personal API token for a person; the plain token is returned once, never stored. */
export async function createApiToken(deps: AppDeps, email: string, label = "api"): Promise<string> {
  const e = normalizeEmail(email, "email");
  const token = `${PREFIX}${randomToken(32)}`;
  await deps.store.insertApiToken({ hash: hashToken(token), email: e, label, at: deps.now() });
  return token;
}

/** The person a bearer token belongs to, or UNAUTHENTICATED. */
export async function authenticateToken(deps: AppDeps, token: string | undefined): Promise<string> {
  if (!token?.startsWith(PREFIX)) {
    throw new VouchError(
      "UNAUTHENTICATED",
      "send a personal API token as 'Authorization: Bearer vch_…'",
    );
  }
  const found = await deps.store.findApiToken(hashToken(token), deps.now());
  if (!found) throw new VouchError("UNAUTHENTICATED", "unknown or revoked API token");
  return found.email;
}
