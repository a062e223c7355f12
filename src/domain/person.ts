import { VouchError } from "./errors.ts";
import { personName } from "./text-limits.ts";
import type { Person } from "./types.ts";

// Deliberately conservative: what real mailboxes use, and nothing that can break a header.
const EMAIL_RE =
  /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;

/** Lower-cases and validates an address; `field` names the input in the error. */
export function normalizeEmail(email: string, field: string): string {
  const e = email.trim().toLowerCase();
  if (/[\r\n]/.test(email)) {
    throw new VouchError("HEADER_INJECTION", `${field} must not contain a line break`, { field });
  }
  if (e.length > 254 || !EMAIL_RE.test(e)) {
    throw new VouchError("INVALID_INPUT", `${field} is not a valid email address: "${email}"`, {
      field,
    });
  }
  return e;
}

/**
 * Validates a display name (src/domain/text-limits.ts): required, one line, NFC, no control, bidi
 * or zero-width character, at most 120 characters.
 */
export function normalizeName(name: string, field: string): string {
  return personName(name, field);
}

/**
 * Parses `Alice <alice@example.com>`, `"Alice A." <alice@example.com>`, or a bare address.
 * A bare address gets the local part as its name. `requireEmail: false` also accepts a bare name.
 */
export function parseMailbox(
  text: string,
  field: string,
  opts: { requireEmail?: boolean } = {},
): { name: string; email: string | null } {
  if (/[\r\n]/.test(text)) {
    throw new VouchError("HEADER_INJECTION", `${field} must not contain a line break`, { field });
  }
  const t = text.trim();
  const angle = /^(.*?)\s*<([^<>]+)>$/.exec(t);
  if (angle) {
    const rawName = (angle[1] ?? "").trim().replace(/^"(.*)"$/, "$1");
    const email = normalizeEmail(angle[2] ?? "", field);
    return { name: normalizeName(rawName || (email.split("@")[0] ?? email), field), email };
  }
  if (t.includes("@")) {
    const email = normalizeEmail(t, field);
    return { name: email.split("@")[0] ?? email, email };
  }
  if (opts.requireEmail !== false) {
    throw new VouchError(
      "INVALID_INPUT",
      `${field} needs an email address: "Name <name@example.com>"`,
      {
        field,
      },
    );
  }
  return { name: normalizeName(t, field), email: null };
}

export function parsePerson(text: string, field: string): Person {
  const p = parseMailbox(text, field);
  return { name: p.name, email: p.email as string };
}
