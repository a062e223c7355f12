import type { BlockList } from "node:net";
import type { Arrival } from "../mail/inbound/arrival.ts";
import {
  type DirectArrival,
  domainOf,
  isTrusted,
  mailauthChecker,
  type SenderAuth,
  stampedVerdict,
  unchecked,
  verdictOf,
} from "../mail/inbound/authenticity.ts";
import type { ParsedMessage } from "../mail/inbound/read-message.ts";
import type { AppDeps } from "./deps.ts";

/** Webhook channels whose adapters pass the provider's own SPF/DKIM results. */
const PROVIDER_CHANNELS = new Set(["postmark", "mailgun", "sendgrid"]);

export type { Arrival };

/** What receiving needs beyond the app: how senders are authenticated. */
export interface InboundDeps extends AppDeps {
  /** Checks a message received directly over SMTP (mailauth; tests pass their own DNS). */
  authenticate?: (m: DirectArrival) => Promise<SenderAuth>;
  /** MTAs in front of Vouch (VOUCH_TRUSTED_RELAYS) whose verdict is honoured… */
  trustedRelays?: BlockList;
  /** …when stamped as an Authentication-Results header with this authserv-id (VOUCH_AUTHSERV_ID). */
  authservId?: string;
}

/**
 * Whether a message really comes from its From domain, and why. Each way a message can arrive
 * has exactly one source of evidence; a message with none is not authenticated.
 */
export async function authenticateSender(
  deps: InboundDeps,
  a: Arrival,
  msg: ParsedMessage,
): Promise<SenderAuth> {
  const from = msg.from?.email ?? null;
  if (PROVIDER_CHANNELS.has(a.channel)) {
    if (!a.checks?.spf && !a.checks?.dkim?.length)
      return unchecked(`${a.channel} gave no SPF or DKIM result for this message`);
    // The provider's checks name no DMARC result; an aligned SPF or DKIM pass is what DMARC
    // itself would accept (relaxed alignment), so either authenticates.
    const v = verdictOf(
      {
        fromDomain: domainOf(from),
        dmarc: "none",
        spf: a.checks.spf ?? { result: "none", domain: null },
        dkim: a.checks.dkim ?? [],
      },
      "provider",
    );
    v.reasons.unshift(`as checked by ${a.channel}`);
    return v;
  }
  const viaTrustedRelay =
    a.channel === "smtp" &&
    !!a.remote &&
    !!deps.trustedRelays &&
    isTrusted(deps.trustedRelays, a.remote.ip);
  // /inbound/raw is posted by the operator's own MTA (it holds the secret), and an IMAP mailbox
  // is the operator's own: both are trusted relays, whose verdict is their Authentication-Results.
  if (viaTrustedRelay || a.channel === "http-raw" || a.channel === "imap") {
    if (!deps.authservId)
      return unchecked("VOUCH_AUTHSERV_ID is not set, so the relay's verdict cannot be read");
    return (
      stampedVerdict(msg.headerList, deps.authservId, from, "trusted-relay") ??
      unchecked(`the relay added no Authentication-Results header for ${deps.authservId}`)
    );
  }
  if (a.channel === "smtp" && a.remote && deps.authenticate) {
    return deps.authenticate({
      raw: a.raw,
      ip: a.remote.ip,
      helo: a.remote.helo,
      mailFrom: a.mailFrom,
    });
  }
  return unchecked(`mail received by ${a.channel} without a way to check its sender`);
}

/** The inbound dependencies of a running Vouch: mailauth with real DNS, and the trusted relays. */
export function inboundDeps(
  deps: AppDeps,
  o: { trustedRelays?: BlockList | undefined; authservId?: string | undefined },
): InboundDeps {
  return {
    ...deps,
    authenticate: mailauthChecker({ mta: deps.mailDomain }),
    ...(o.trustedRelays ? { trustedRelays: o.trustedRelays } : {}),
    ...(o.authservId ? { authservId: o.authservId } : {}),
  };
}
