// Whether a message really comes from the domain in its From header. Only an authenticated
// sender is obeyed: a target's yes or no, an introducer's triage answer, a new request to intros@.
// A message authenticates for its From domain when DMARC passes, or an aligned DKIM signature
// passes, or SPF passes for an aligned envelope domain and the domain publishes no DMARC record.
// `none`, `neutral`, `temperror`, `permerror` and `fail` do not authenticate.
//
// The evidence comes from one of three places:
// - mailauth, on mail Vouch receives over SMTP itself (the connecting IP, HELO, MAIL FROM);
// - an Authentication-Results header (RFC 8601) stamped by a trusted MTA in front of Vouch,
//   honoured only with the configured authserv-id and only when that MTA handed the message over;
// - an inbound provider's own SPF/DKIM fields, posted beside the message on its webhook.

import { BlockList, isIP } from "node:net";
import { authenticate } from "mailauth";
import { getDomain } from "tldts";
import { VouchError } from "../../domain/errors.ts";

/** A DNS lookup as mailauth calls it; tests pass their own, so no real DNS is needed. */
export type Resolver = (name: string, type: string) => Promise<unknown>;

/** The verdict on a message's sender, with its reasons in words. */
export interface SenderAuth {
  authenticated: boolean;
  /** Where the evidence came from. */
  via: "mailauth" | "trusted-relay" | "provider" | "unchecked";
  dmarc: string;
  spf: string;
  dkim: string;
  reasons: string[];
}

/** What one check found: a result and the domain it was for. */
export interface Check {
  result: string;
  domain: string | null;
}

/** The facts a verdict is made from. */
export interface AuthFacts {
  fromDomain: string | null;
  dmarc: string;
  spf: Check;
  dkim: Check[];
}

/** The organizational domain (the registrable one: mail.example.co.uk → example.co.uk). */
export function orgDomain(domain: string): string {
  const d = domain.toLowerCase().replace(/\.$/, "");
  return getDomain(d, { allowPrivateDomains: true }) ?? d;
}

/** Relaxed alignment (RFC 7489 §3.1): the same organizational domain. */
export function aligned(a: string | null, b: string | null): boolean {
  return !!a && !!b && orgDomain(a) === orgDomain(b);
}

/** The domain of an address or domain string, lower-cased. */
export function domainOf(addressOrDomain: string | null | undefined): string | null {
  if (!addressOrDomain) return null;
  const at = addressOrDomain.lastIndexOf("@");
  const d = (at >= 0 ? addressOrDomain.slice(at + 1) : addressOrDomain)
    .trim()
    .replace(/[<>]/g, "")
    .toLowerCase();
  return d || null;
}

/** The verdict from the facts: the one rule, in one place. */
export function verdictOf(facts: AuthFacts, via: SenderAuth["via"]): SenderAuth {
  const reasons: string[] = [];
  const from = facts.fromDomain;
  const dkimPass = facts.dkim.find((d) => d.result === "pass" && aligned(d.domain, from));
  const spfPass = facts.spf.result === "pass" && aligned(facts.spf.domain, from);
  let authenticated = false;
  if (!from) reasons.push("the message has no From domain");
  else if (facts.dmarc === "pass") {
    authenticated = true;
    reasons.push(`DMARC passes for ${from}`);
  } else if (dkimPass) {
    authenticated = true;
    reasons.push(`a DKIM signature of ${dkimPass.domain} passes, aligned with ${from}`);
  } else if (spfPass && facts.dmarc === "none") {
    authenticated = true;
    reasons.push(`SPF passes for ${facts.spf.domain}, aligned with ${from}, which has no DMARC`);
  } else {
    reasons.push(
      `DMARC ${facts.dmarc} for ${from}`,
      `SPF ${facts.spf.result}${facts.spf.domain ? ` for ${facts.spf.domain}` : ""}${
        facts.spf.result === "pass" && !spfPass ? " (not aligned)" : ""
      }`,
      facts.dkim.length
        ? `DKIM ${facts.dkim.map((d) => `${d.result}${d.domain ? ` (${d.domain})` : ""}`).join(", ")}${
            facts.dkim.some((d) => d.result === "pass") ? " (not aligned)" : ""
          }`
        : "no DKIM signature",
    );
  }
  const dkim = dkimPass ? "pass" : (facts.dkim[0]?.result ?? "none");
  return { authenticated, via, dmarc: facts.dmarc, spf: facts.spf.result, dkim, reasons };
}

/** A verdict when nothing could be checked. */
export function unchecked(why: string): SenderAuth {
  return {
    authenticated: false,
    via: "unchecked",
    dmarc: "none",
    spf: "none",
    dkim: "none",
    reasons: [why],
  };
}

/** What SMTP knew about a message received directly. */
export interface DirectArrival {
  raw: Buffer;
  ip: string;
  helo: string;
  mailFrom: string;
}

/**
 * Checks SPF, DKIM and DMARC of a message received directly, with mailauth. A check that cannot
 * run (DNS down) proves nothing, so it does not authenticate.
 */
export function mailauthChecker(opts: { mta: string; resolver?: Resolver }) {
  return async (m: DirectArrival | { raw: Buffer; fromFile: true }): Promise<SenderAuth> => {
    try {
      // A message read from a file: the connection is what its topmost Received header says.
      const where =
        "fromFile" in m ? { trustReceived: true } : { ip: m.ip, helo: m.helo, sender: m.mailFrom };
      const mailFrom = "fromFile" in m ? null : m.mailFrom;
      const r = (await authenticate(m.raw, {
        ...where,
        mta: opts.mta,
        disableArc: true,
        disableBimi: true,
        ...(opts.resolver ? { resolver: opts.resolver } : {}),
      } as never)) as MailauthResult;
      const fromDomain = domainOf(r.dkim?.headerFrom?.[0] ?? null);
      return verdictOf(
        {
          fromDomain,
          dmarc: r.dmarc ? (r.dmarc.status?.result ?? "none") : "none",
          spf: {
            result: r.spf ? (r.spf.status?.result ?? "none") : "none",
            domain: r.spf ? (r.spf.domain ?? domainOf(mailFrom)) : domainOf(mailFrom),
          },
          dkim: (r.dkim?.results ?? []).map((d) => ({
            result: d.status?.result ?? "none",
            domain: d.signingDomain ?? null,
          })),
        },
        "mailauth",
      );
    } catch (e) {
      return unchecked(`the check could not run: ${(e as Error).message}`);
    }
  };
}

interface MailauthResult {
  dkim?: {
    headerFrom?: string[];
    results?: Array<{ signingDomain?: string; status?: { result?: string } }>;
  };
  spf?: false | { domain?: string; status?: { result?: string } };
  dmarc?: false | { status?: { result?: string } };
}

/** One method's result in an Authentication-Results header. */
export interface AuthResultEntry {
  method: string;
  result: string;
  /** Properties such as `header.d`, `header.from`, `smtp.mailfrom`. */
  props: Record<string, string>;
}

/** Removes RFC 5322 comments (nested parentheses), which may hold anything. */
function stripComments(s: string): string {
  let out = "";
  let depth = 0;
  let quoted = false;
  for (const ch of s) {
    if (ch === '"' && depth === 0) quoted = !quoted;
    if (!quoted && ch === "(") depth++;
    else if (!quoted && ch === ")" && depth > 0) depth--;
    else if (depth === 0) out += ch;
  }
  return out;
}

/** Parses one Authentication-Results header value (RFC 8601). Null when it is not one. */
export function parseAuthenticationResults(
  value: string,
): { authservId: string; results: AuthResultEntry[] } | null {
  const parts = stripComments(value.replace(/\r?\n[ \t]+/g, " "))
    .split(";")
    .map((p) => p.trim());
  const authservId = parts[0]?.split(/\s+/)[0]?.toLowerCase();
  if (!authservId) return null;
  const results: AuthResultEntry[] = [];
  for (const part of parts.slice(1)) {
    const m = /^([a-z0-9_-]+)\s*=\s*([a-z]+)(.*)$/i.exec(part);
    if (!m?.[1] || !m[2]) continue;
    const props: Record<string, string> = {};
    for (const p of (m[3] ?? "").matchAll(/([a-z0-9_-]+\.[a-z0-9_.-]+)\s*=\s*("[^"]*"|\S+)/gi)) {
      if (p[1] && p[2]) props[p[1].toLowerCase()] = p[2].replace(/^"|"$/g, "");
    }
    results.push({ method: m[1].toLowerCase(), result: m[2].toLowerCase(), props });
  }
  return { authservId, results };
}

/**
 * The verdict that a trusted MTA (or a provider's adapter) stamped on a message: the topmost
 * Authentication-Results header whose authserv-id is `authservId`. Any other header, however
 * it is worded, is ignored; null when there is no such header.
 */
export function stampedVerdict(
  headers: Array<{ name: string; value: string }>,
  authservId: string,
  fromAddress: string | null,
  via: "trusted-relay",
): SenderAuth | null {
  const id = authservId.toLowerCase();
  const header = headers
    .filter((h) => h.name === "authentication-results")
    .map((h) => parseAuthenticationResults(h.value))
    .find((p) => p?.authservId === id);
  if (!header) return null;
  const fromDomain = domainOf(fromAddress);
  const first = (method: string) => header.results.find((r) => r.method === method);
  const spf = first("spf");
  const verdict = verdictOf(
    {
      fromDomain,
      dmarc: first("dmarc")?.result ?? "none",
      spf: {
        result: spf?.result ?? "none",
        domain: domainOf(spf?.props["smtp.mailfrom"] ?? spf?.props["smtp.helo"] ?? null),
      },
      dkim: header.results
        .filter((r) => r.method === "dkim")
        .map((r) => ({
          result: r.result,
          domain: domainOf(r.props["header.d"] ?? r.props["header.i"] ?? null),
        })),
    },
    via,
  );
  verdict.reasons.unshift(`as checked by ${id}`);
  // The relay's DMARC verdict names the From domain it checked; another domain proves nothing.
  const dmarcFrom = domainOf(first("dmarc")?.props["header.from"] ?? null);
  if (verdict.authenticated && first("dmarc")?.result === "pass" && dmarcFrom && fromDomain) {
    if (dmarcFrom !== fromDomain) {
      return {
        ...verdict,
        authenticated: false,
        reasons: [...verdict.reasons, `its DMARC pass was for ${dmarcFrom}, not ${fromDomain}`],
      };
    }
  }
  return verdict;
}

/** The addresses and networks whose Authentication-Results may be honoured. */
export function trustedRelays(spec: string | undefined): BlockList {
  const list = new BlockList();
  for (const entry of (spec ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)) {
    const [address, bits] = entry.split("/");
    const family = address ? isIP(address) : 0;
    const prefix = bits === undefined ? null : Number(bits);
    const max = family === 6 ? 128 : 32;
    if (
      !address ||
      !family ||
      (prefix !== null && !(Number.isInteger(prefix) && prefix >= 0 && prefix <= max))
    ) {
      throw new VouchError(
        "INVALID_CONFIG",
        `VOUCH_TRUSTED_RELAYS: "${entry}" is not an IP address or CIDR (like 10.0.0.5 or 10.0.0.0/24)`,
        { variable: "VOUCH_TRUSTED_RELAYS" },
      );
    }
    const type = family === 6 ? "ipv6" : "ipv4";
    if (prefix === null) list.addAddress(address, type);
    else list.addSubnet(address, prefix, type);
  }
  return list;
}

/** Whether `ip` (as a socket reports it, IPv4-mapped or not) is in the list. */
export function isTrusted(list: BlockList, ip: string): boolean {
  const v4 = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip)?.[1];
  const address = v4 ?? ip;
  const family = isIP(address);
  if (!family) return false;
  return list.check(address, family === 6 ? "ipv6" : "ipv4");
}
