import { isVouchError } from "../../domain/errors.ts";
import { normalizeEmail } from "../../domain/person.ts";
import { LIMITS } from "../../domain/text-limits.ts";
import type { ImportedContact, ImportItem } from "../types.ts";

// Controls, bidi embeddings/overrides/isolates and zero-width characters (as in
// src/domain/text-limits.ts): an export can carry them, a name shown to people must not.
const INVISIBLE = /[\p{Cc}\u200B-\u200D\u202A-\u202E\u2060\u2066-\u2069\uFEFF]/gu;

/** The longest company, position or URL kept from an export. */
export const MAX_FIELD = 200;

/**
 * One line of visible text from an export's cell: line breaks and tabs become spaces, invisible
 * characters go, NFC, spaces collapsed, cut to `max`. Null when nothing is left.
 */
export function cleanText(raw: string | null | undefined, max = MAX_FIELD): string | null {
  if (!raw) return null;
  const t = raw
    .replace(/[\r\n\t\u0085\u2028\u2029]/g, " ")
    .replace(INVISIBLE, "")
    .normalize("NFC")
    .replace(/\s+/g, " ")
    .trim();
  if (!t) return null;
  return t.length > max ? t.slice(0, max).trimEnd() : t;
}

/** A person's name from its parts ("Jane", null, "Doe" → "Jane Doe"), within the name limit. */
export function joinName(...parts: (string | null | undefined)[]): string | null {
  return cleanText(parts.filter(Boolean).join(" "), LIMITS.name);
}

/**
 * An address as an export writes it ("Jane@Example.com ", "mailto:jane@example.com",
 * "Jane <jane@example.com>"), lowercased and validated by the project's own rule
 * (src/domain/person.ts). `{ error }` says in words why it is not an address.
 */
export function cleanEmail(raw: string): { email: string } | { error: string } {
  let t = raw.trim().replace(/^mailto:/i, "");
  const angle = /<([^<>]*)>\s*$/.exec(t);
  if (angle) t = angle[1] ?? "";
  try {
    return { email: normalizeEmail(t, "email") };
  } catch (e) {
    if (!isVouchError(e)) throw e;
    const shown = cleanText(raw, 80) ?? "";
    return { error: `"${shown}" is not a valid email address, so it was left out` };
  }
}

/** What a parser found for one person, before the addresses are checked. */
export interface ContactFields {
  name: string | null;
  emails: string[];
  company?: string | null;
  position?: string | null;
  url?: string | null;
  connectedOn?: string | null;
  /** What was wrong with the row but did not stop it (a date that was not understood). */
  problems?: string[];
}

/**
 * The items for one row or card: a skip for each address that is not valid (the row is kept
 * without it), then the contact; or one skip alone when there is neither a name nor a valid
 * address.
 * Addresses are deduplicated, the first one stays first.
 */
export function contactItems(
  line: number,
  source: ImportedContact["source"],
  f: ContactFields,
): ImportItem[] {
  const bad: string[] = [];
  const emails: string[] = [];
  for (const raw of f.emails) {
    if (!raw.trim()) continue;
    const r = cleanEmail(raw);
    if ("error" in r) bad.push(r.error);
    else if (!emails.includes(r.email)) emails.push(r.email);
  }
  const name = cleanText(f.name, LIMITS.name);
  if (!name && emails.length === 0) {
    const reason = bad.length
      ? `No name, and ${bad.join("; ")}: there is nobody to import`
      : "No name and no email address: there is nobody to import";
    return [{ kind: "skip", skip: { line, reason } }];
  }
  const items: ImportItem[] = [...bad, ...(f.problems ?? [])].map((reason) => ({
    kind: "skip",
    skip: { line, reason },
  }));
  items.push({
    kind: "contact",
    contact: {
      line,
      source,
      name,
      emails,
      company: cleanText(f.company),
      position: cleanText(f.position),
      url: cleanText(f.url),
      connectedOn: f.connectedOn ?? null,
    },
  });
  return items;
}
