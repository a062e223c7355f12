// DNS as a test wants it, for mailauth's resolver hook: example.com (and any domain listed)
// publishes SPF allowing 127.0.0.1 and a DMARC reject policy, so mail sent from 127.0.0.1 with an
// @example.com envelope sender authenticates, and mail from any other address does not.
import type { InboundDeps } from "../../src/app/sender-auth.ts";
import { mailauthChecker, type Resolver } from "../../src/mail/inbound/authenticity.ts";

/** TXT records by name; anything else does not exist (ENOTFOUND), like real DNS. */
export function zone(records: Record<string, string[]>): Resolver {
  return async (name: string, type: string) => {
    const txt = records[name.toLowerCase()];
    if (type === "TXT" && txt) return txt.map((t) => [t]);
    throw Object.assign(new Error(`no ${type} for ${name}`), { code: "ENOTFOUND" });
  };
}

/** example.com: SPF for 127.0.0.1 only, DMARC p=reject. */
export const EXAMPLE_COM = zone({
  "example.com": ["v=spf1 ip4:127.0.0.1 -all"],
  "_dmarc.example.com": ["v=DMARC1; p=reject"],
});

/** Deps that check senders with mailauth against `resolver` (example.com by default). */
export function withMailauth<D extends InboundDeps>(deps: D, resolver = EXAMPLE_COM): D {
  return { ...deps, authenticate: mailauthChecker({ mta: deps.mailDomain, resolver }) };
}
