// Each inbound provider checks SPF and DKIM itself and posts the results beside the message;
// these read them into one shape (what the provider says, for which domain). The sender's
// domain alignment is decided later, in one place (mail/inbound/authenticity.ts).

import type { ProviderChecks } from "../store/store.ts";

const result = (s: string | undefined) =>
  s
    ?.trim()
    .split(/[\s;(]/)[0]
    ?.toLowerCase() || undefined;
const domainOf = (address: string) =>
  address
    .split("@")
    .pop()
    ?.replace(/[<>\s]/g, "")
    .toLowerCase() || null;

/** The d= of every DKIM-Signature in a raw message's header. */
function signingDomains(raw: Buffer): string[] {
  const end = raw.indexOf("\r\n\r\n");
  const head = raw.subarray(0, end === -1 ? Math.min(raw.length, 65_536) : end).toString("latin1");
  const unfolded = head.replace(/\r?\n[ \t]+/g, " ");
  return [...unfolded.matchAll(/^dkim-signature:.*?\bd=([^;\s]+)/gim)].map((m) =>
    (m[1] ?? "").toLowerCase(),
  );
}

/** Postmark: its Received-SPF header, for the envelope sender's domain. */
export function postmarkChecks(
  header: (name: string) => string | undefined,
  mailFrom: string,
): ProviderChecks | null {
  const spf = result(header("received-spf"));
  return spf ? { spf: { result: spf, domain: domainOf(mailFrom) } } : null;
}

/**
 * Mailgun: X-Mailgun-Spf for the envelope sender, and X-Mailgun-Dkim-Check-Result, which names
 * no domain: it counts for a domain only when every signature of the message is that domain's.
 */
export function mailgunChecks(
  field: (name: string) => string | undefined,
  mailFrom: string,
  raw: Buffer,
): ProviderChecks | null {
  const spf = result(field("X-Mailgun-Spf"));
  const dkim = result(field("X-Mailgun-Dkim-Check-Result"));
  const domains = [...new Set(signingDomains(raw))];
  const checks: ProviderChecks = {};
  if (spf) checks.spf = { result: spf, domain: domainOf(mailFrom) };
  if (dkim)
    checks.dkim = [{ result: dkim, domain: domains.length === 1 ? (domains[0] ?? null) : null }];
  return checks.spf || checks.dkim ? checks : null;
}

/** SendGrid: the SPF field, and the dkim field ("{@example.com : pass, @other.com : fail}"). */
export function sendgridChecks(
  field: (name: string) => string | undefined,
  mailFrom: string,
): ProviderChecks | null {
  const spf = result(field("SPF"));
  const dkim = [...(field("dkim") ?? "").matchAll(/@([a-z0-9.-]+)\s*:\s*([a-z]+)/gi)].map((m) => ({
    result: (m[2] ?? "").toLowerCase(),
    domain: (m[1] ?? "").toLowerCase(),
  }));
  const checks: ProviderChecks = {};
  if (spf) checks.spf = { result: spf, domain: domainOf(mailFrom) };
  if (dkim.length) checks.dkim = dkim;
  return checks.spf || checks.dkim ? checks : null;
}
