import { readFileSync } from "node:fs";
import type { Config } from "../../config.ts";
import { VouchError } from "../../domain/errors.ts";
import { BuiltInMailbox } from "./mailbox.ts";
import { type MailTransport, mailboxTransport, relayTransport } from "./transport.ts";

/** The relay when VOUCH_SMTP_RELAY_URL is set, else the built-in mailbox in the data dir. */
export function makeTransport(
  config: Pick<Config, "smtpRelayUrl" | "dataDir" | "dkim" | "mailDomain">,
): MailTransport {
  if (!config.smtpRelayUrl) return mailboxTransport(new BuiltInMailbox(config.dataDir));
  let dkim: { domainName: string; keySelector: string; privateKey: string } | undefined;
  if (config.dkim) {
    let privateKey: string;
    try {
      privateKey = readFileSync(config.dkim.keyFile, "utf8");
    } catch {
      throw new VouchError(
        "INVALID_CONFIG",
        `VOUCH_DKIM_KEY_FILE cannot be read: ${config.dkim.keyFile}`,
        {
          variable: "VOUCH_DKIM_KEY_FILE",
        },
      );
    }
    dkim = { domainName: config.mailDomain, keySelector: config.dkim.selector, privateKey };
  }
  return relayTransport(config.smtpRelayUrl, dkim ? { dkim } : {});
}
