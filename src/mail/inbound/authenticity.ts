import { authenticate } from "mailauth";
import type { Authenticity } from "../../app/receive-mail.ts";

/** A DNS lookup as mailauth calls it; tests pass their own, so no real DNS is needed. */
export type Resolver = (name: string, type: string) => Promise<unknown>;

/**
 * Checks SPF, DKIM and DMARC of a message received directly (RFC 7489). Only an explicit DMARC
 * failure for the sender's domain counts as "fail"; a domain without a policy is "none".
 */
export function mailauthChecker(opts: { mta: string; resolver?: Resolver }) {
  return async (m: {
    raw: Buffer;
    ip: string;
    helo: string;
    mailFrom: string;
  }): Promise<Authenticity> => {
    try {
      const r = await authenticate(m.raw, {
        ip: m.ip,
        helo: m.helo,
        sender: m.mailFrom,
        mta: opts.mta,
        ...(opts.resolver ? { resolver: opts.resolver } : {}),
      } as never);
      const result = (r as { dmarc?: { status?: { result?: string } } }).dmarc?.status?.result;
      return result === "pass" ? "pass" : result === "fail" ? "fail" : "none";
    } catch {
      // A check that cannot run proves nothing either way.
      return "none";
    }
  };
}
