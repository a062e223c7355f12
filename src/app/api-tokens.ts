import { createHash } from "node:crypto";
import { LRUCache } from "lru-cache";
import { VouchError } from "../domain/errors.ts";
import { normalizeEmail } from "../domain/person.ts";
import { type AppDeps, randomToken } from "./deps.ts";

const PREFIX = "vch_";
/** A token is vch_ and 32 random bytes in base64url (43 characters); longer is surely not one. */
const MAX_TOKEN_LENGTH = 100;

/** Tokens are stored as SHA-256 hashes: a leaked database does not leak working tokens. */
export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** How a token is named in listings and revoked: the start of its hash, never the token. */
export function tokenId(hash: string): string {
  return hash.slice(0, ID_LENGTH);
}
const ID_LENGTH = 12;
const ID_PATTERN = new RegExp(`^[0-9a-f]{${ID_LENGTH}}$`);

/** Creates a personal API token for a person; the plain token is returned once, never stored. */
export async function createApiToken(deps: AppDeps, email: string, label = "api"): Promise<string> {
  const e = normalizeEmail(email, "email");
  const token = `${PREFIX}${randomToken(32)}`;
  await deps.store.insertApiToken({ hash: hashToken(token), email: e, label, at: deps.now() });
  return token;
}

/**
 * The person a bearer token belongs to, or UNAUTHENTICATED. Asked of the database every time,
 * so a revoked token stops working at once, on every instance.
 */
export async function authenticateToken(deps: AppDeps, token: string | undefined): Promise<string> {
  if (!token?.startsWith(PREFIX)) {
    throw new VouchError(
      "UNAUTHENTICATED",
      "send a personal API token as 'Authorization: Bearer vch_…'",
    );
  }
  // Refused before hashing: a huge header costs nothing but the read.
  if (token.length > MAX_TOKEN_LENGTH)
    throw new VouchError("UNAUTHENTICATED", "unknown or revoked API token");
  const hash = hashToken(token);
  const found = await deps.store.findApiToken(hash);
  if (!found) throw new VouchError("UNAUTHENTICATED", "unknown or revoked API token");
  await noteUse(deps, hash);
  return found.email;
}

// "Last used" is for people deciding which token to revoke: to the hour is enough, so each
// process writes it at most once an hour per token rather than on every request.
const TOUCH_EVERY_MS = 3_600_000;
const touchedByStore = new WeakMap<object, LRUCache<string, true>>();

async function noteUse(deps: AppDeps, hash: string): Promise<void> {
  let touched = touchedByStore.get(deps.store);
  if (!touched) {
    touched = new LRUCache<string, true>({ max: 10_000, ttl: TOUCH_EVERY_MS });
    touchedByStore.set(deps.store, touched);
  }
  if (touched.has(hash)) return;
  touched.set(hash, true);
  await deps.store.touchApiToken(hash, deps.now());
}

export interface ApiTokenInfo {
  id: string;
  label: string;
  createdAt: string;
  lastUsedAt: string | null;
}

/** A person's tokens, newest first, by id (the tokens themselves cannot be shown again). */
export async function listApiTokens(deps: AppDeps, email: string): Promise<ApiTokenInfo[]> {
  const e = normalizeEmail(email, "email");
  return (await deps.store.listApiTokens(e)).map((t) => ({
    id: tokenId(t.hash),
    label: t.label,
    createdAt: t.createdAt,
    lastUsedAt: t.lastUsedAt,
  }));
}

/**
 * Revokes one token, given as the token itself (with its owner's address when one is named) or
 * as its id from the listing (then with its owner's address), or every token of a person. The
 * owner is checked on every path: a token or id that is not the named person's revokes nothing.
 * Returns the ids revoked; revoking nothing is an error, so a mistake never looks like success.
 */
export async function revokeApiTokens(
  deps: AppDeps,
  which:
    | { token: string; email?: string | undefined }
    | { id: string; email: string }
    | { allOf: string },
): Promise<string[]> {
  let hashes: string[];
  if ("token" in which) {
    if (!which.token.startsWith(PREFIX)) {
      throw new VouchError("INVALID_INPUT", `an API token starts with ${PREFIX}`, {
        field: "token",
      });
    }
    const hash = hashToken(which.token);
    if (which.email !== undefined) {
      const email = normalizeEmail(which.email, "email");
      const found = await deps.store.findApiToken(hash);
      if (found && found.email !== email) {
        throw new VouchError(
          "FORBIDDEN",
          `That API token is not one of ${email}'s: nothing was revoked`,
          { field: "email" },
        );
      }
    }
    hashes = [hash];
  } else {
    const email = normalizeEmail("allOf" in which ? which.allOf : which.email, "email");
    const mine = (await deps.store.listApiTokens(email)).map((t) => t.hash);
    if ("allOf" in which) {
      hashes = mine;
    } else {
      if (!ID_PATTERN.test(which.id)) {
        throw new VouchError(
          "INVALID_INPUT",
          `a token id is the ${ID_LENGTH} characters shown by 'vouch token list' (got "${which.id}")`,
          { field: "id" },
        );
      }
      hashes = mine.filter((h) => tokenId(h) === which.id);
      if (!hashes.length) {
        throw new VouchError(
          "NOT_FOUND",
          `${email} has no API token with id ${which.id}: nothing was revoked`,
          { field: "id" },
        );
      }
    }
  }
  const n = await deps.store.deleteApiTokens(hashes);
  if (!n) {
    throw new VouchError(
      "NOT_FOUND",
      "allOf" in which
        ? `${which.allOf} has no API tokens`
        : "no such API token (already revoked?)",
    );
  }
  return hashes.map(tokenId);
}
