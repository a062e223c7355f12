import { addressParser } from "postal-mime";
import { cleanEmail, cleanText } from "./clean.ts";

/** The headers an mbox import reads; every other one is passed over without being unfolded. */
const READ = new Set([
  "from",
  "to",
  "cc",
  "bcc",
  "delivered-to",
  "date",
  "list-id",
  "list-post",
  "list-unsubscribe",
  "precedence",
  "auto-submitted",
  "content-type",
  "x-autoreply",
  "x-autorespond",
]);

/**
 * A message's header block (the text before the first blank line) as lowercased header names
 * to their unfolded values, keeping only the headers the import reads. Lines that are not
 * `Name: value` or a continuation are passed over.
 */
export function readHeaders(block: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  let current: string[] | null = null;
  let index = -1;
  for (const line of block.split(/\r?\n/)) {
    if (line.startsWith(" ") || line.startsWith("\t")) {
      if (current && index >= 0) current[index] += ` ${line.trim()}`;
      continue;
    }
    const colon = line.indexOf(":");
    current = null;
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    if (!READ.has(name)) continue;
    current = out.get(name) ?? [];
    if (!out.has(name)) out.set(name, current);
    index = current.push(line.slice(colon + 1).trim()) - 1;
  }
  return out;
}

export interface Mailbox {
  email: string;
  name: string | null;
}

/**
 * The valid addresses in address headers (groups flattened, display names decoded by
 * postal-mime's parser), lowercased, without repeats; invalid ones are dropped.
 */
export function mailboxes(values: string[] | undefined): Mailbox[] {
  if (!values) return [];
  const out: Mailbox[] = [];
  for (const v of values) {
    for (const a of addressParser(v, { flatten: true })) {
      if (!("address" in a) || !a.address) continue;
      const r = cleanEmail(a.address);
      if ("error" in r || out.some((m) => m.email === r.email)) continue;
      const name = cleanText(a.name, 120);
      out.push({ email: r.email, name: name && name.toLowerCase() !== r.email ? name : null });
    }
  }
  return out;
}

// Senders that are machines: their mail says nothing about a relationship.
const AUTOMATED_LOCAL =
  /^(?:no-?reply|do-?not-?reply|mailer-daemon|postmaster|bounces?|notifications?|notify|newsletters?)(?:[+._-].*)?$/;

/** Is this address a machine's (noreply@, mailer-daemon@, bounces+…@)? */
export function isAutomatedAddress(email: string): boolean {
  return AUTOMATED_LOCAL.test(email.slice(0, email.indexOf("@")));
}

/**
 * Is this message sent by a machine or through a list: a List-Id, Precedence bulk/list/junk,
 * Auto-Submitted other than "no", an auto-reply mark, or a delivery report (a bounce)?
 */
export function isAutomatedMessage(h: Map<string, string[]>): boolean {
  if (h.has("list-id") || h.has("list-post") || h.has("x-autoreply") || h.has("x-autorespond")) {
    return true;
  }
  const precedence = h.get("precedence")?.[0]?.toLowerCase() ?? "";
  if (/^(?:bulk|list|junk|auto_reply)/.test(precedence)) return true;
  const auto = h.get("auto-submitted")?.[0]?.toLowerCase();
  if (auto && !auto.startsWith("no")) return true;
  return /^multipart\/report\b/i.test(h.get("content-type")?.[0] ?? "");
}

/** The list's own addresses (List-Post's mailto:), to be left out of the member's contacts. */
export function listAddresses(h: Map<string, string[]>): string[] {
  const out: string[] = [];
  for (const v of h.get("list-post") ?? []) {
    for (const m of v.matchAll(/<mailto:([^>?]+)/gi)) {
      const r = cleanEmail(m[1] ?? "");
      if ("email" in r) out.push(r.email);
    }
  }
  return out;
}
