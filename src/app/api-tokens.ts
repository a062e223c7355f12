import { createHash } from "node:crypto";
import { LRUCache } from "lru-cache";
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
  const hash = hashToken(token);
  const seen = recentlySeen(deps.store);
  const known = seen.get(hash);
  if (known) return known;
  const found = await deps.store.findApiToken(hash, deps.now());
  if (!found) throw new VouchError("UNAUTHENTICATED", "unknown or revoked API token");
  seen.set(hash, found.email);
  return found.email;
}

// Every API request presents its token, and a token's owner never changes: a token found in
// the database is trusted for a short while without asking again. Unknown tokens are never
// remembered. (There is no revocation yet; a row deleted by hand stops working within this time.)
const SEEN_FOR_MS = 30_000;
const seenByStore = new WeakMap<object, LRUCache<string, string>>();

/** Token hash → owner, per store (tests and benchmarks run several in one process). */
function recentlySeen(store: object): LRUCache<string, string> {
  let seen = seenByStore.get(store);
  if (!seen) {
    seen = new LRUCache<string, string>({ max: 1000, ttl: SEEN_FOR_MS });
    seenByStore.set(store, seen);
  }
  return seen;
}
