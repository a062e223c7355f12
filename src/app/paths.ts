import { companyKey, nameKey } from "../contacts/contact-key.ts";
import { type PathResult, rankPaths } from "../contacts/path-rank.ts";
import { strengthOf } from "../contacts/strength.ts";
import { VouchError } from "../domain/errors.ts";
import { normalizeEmail } from "../domain/person.ts";
import type { PathTarget } from "../store/contacts-store.ts";
import type { AppDeps } from "./deps.ts";

export type { PathResult } from "../contacts/path-rank.ts";

/** Whom a path search is for: an email address, a name, or a company (exactly one). */
export interface PathQuery {
  requester: string;
  target?: string | undefined;
  name?: string | undefined;
  company?: string | undefined;
  /** How many paths at most (default 10, at most 50). */
  limit?: number | undefined;
}

export const PATHS_LIMIT = 10;
export const PATHS_MAX = 50;
/** How many of the strongest ties are ranked for each path returned. */
export const CANDIDATES_PER_RESULT = 3;
const SEARCH_MAX = 200;

/** The search a query asks for, checked: exactly one of email, name or company. */
export function pathTarget(q: Omit<PathQuery, "requester" | "limit">): PathTarget {
  const given = (["target", "name", "company"] as const).filter(
    (k) => q[k] !== undefined && q[k] !== "",
  );
  if (given.length !== 1)
    throw new VouchError(
      "INVALID_INPUT",
      "say whom to find a path to: exactly one of an email address (target), a name or a company",
      { field: given[1] ?? "target" },
    );
  const field = given[0] as "target" | "name" | "company";
  const text = q[field] as string;
  if (text.length > SEARCH_MAX || /[\r\n]/.test(text))
    throw new VouchError(
      "INVALID_INPUT",
      `${field} must be one line of at most ${SEARCH_MAX} characters`,
      {
        field,
      },
    );
  if (field === "target") return { email: normalizeEmail(text, "target") };
  const key = field === "name" ? nameKey(text) : companyKey(text);
  if (!key) throw new VouchError("INVALID_INPUT", `${field} has no letters or digits`, { field });
  return field === "name" ? { nameKey: key } : { companyKey: key };
}

/**
 * Who can introduce the requester to someone, best first: members who agreed to be shown as a
 * path and know them (not hidden), never the requester. Each result names the one contact it
 * reaches (name and company) and nothing else of the introducer's contacts.
 */
export async function findPaths(deps: AppDeps, q: PathQuery): Promise<PathResult[]> {
  const requester = normalizeEmail(q.requester, "requester");
  const target = pathTarget(q);
  const limit = Math.min(PATHS_MAX, Math.max(1, Math.floor(q.limit ?? PATHS_LIMIT) || PATHS_LIMIT));
  const candidates = await deps.store.contacts.findPathCandidates({
    requester,
    target,
    limit: limit * CANDIDATES_PER_RESULT,
  });
  return rankPaths(candidates, { now: deps.now(), score: strengthOf, limit });
}
