/**
 * How one person in a member's contacts is told apart from the others, and the normalized forms
 * that searches by name and company compare. Pure.
 *
 * A contact's key is its primary email address; without one, its LinkedIn profile
 * (`li:<handle>`); without that, its name (`name:<normalized name>`).
 */

const LINKEDIN_PREFIX = "li:";
const NAME_PREFIX = "name:";

/** The email address a key stands for, or null for a LinkedIn or name key. */
export function emailOfKey(key: string): string | null {
  return key.startsWith(LINKEDIN_PREFIX) || key.startsWith(NAME_PREFIX) ? null : key;
}

/** A name as searches compare it: no accents, no case, no punctuation, single spaces. */
export function nameKey(name: string | null | undefined): string | null {
  if (!name) return null;
  const k = name
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
  return k || null;
}

// Legal forms that say nothing about which company it is ("Acme Inc." is "Acme").
const LEGAL_FORMS = new Set([
  "inc",
  "incorporated",
  "llc",
  "llp",
  "ltd",
  "limited",
  "corp",
  "corporation",
  "co",
  "plc",
  "gmbh",
  "ag",
  "sa",
  "sas",
  "sarl",
  "srl",
  "spa",
  "bv",
  "nv",
  "oy",
  "ab",
  "as",
  "pty",
  "kk",
]);

/** A company as searches compare it: a name key without a trailing legal form. */
export function companyKey(company: string | null | undefined): string | null {
  const k = nameKey(company);
  if (!k) return null;
  const words = k.split(" ");
  while (words.length > 1 && LEGAL_FORMS.has(words[words.length - 1] as string)) words.pop();
  return words.join(" ");
}

/** The handle of a LinkedIn profile address (`linkedin.com/in/<handle>`), lowercased; else null. */
export function linkedinHandle(url: string | null | undefined): string | null {
  if (!url) return null;
  let u: URL;
  try {
    u = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(url.trim()) ? url.trim() : `https://${url.trim()}`);
  } catch {
    return null;
  }
  const host = u.hostname.toLowerCase();
  if (host !== "linkedin.com" && !host.endsWith(".linkedin.com")) return null;
  const m = /^\/(?:in|pub)\/([^/?#]+)/i.exec(u.pathname);
  if (!m?.[1]) return null;
  let handle: string;
  try {
    handle = decodeURIComponent(m[1]);
  } catch {
    handle = m[1];
  }
  handle = handle.trim().toLowerCase();
  return handle || null;
}

export const linkedinKey = (handle: string) => `${LINKEDIN_PREFIX}${handle}`;
export const nameOnlyKey = (key: string) => `${NAME_PREFIX}${key}`;
