import type { Config } from "../config.ts";
import { isLoopbackHost } from "./loopback.ts";

/**
 * What to warn about at start when the built-in mailbox (/dev/mail, everyone's mail) is served
 * by a server listening beyond loopback, or null.
 */
export function devMailWarning(
  config: Pick<Config, "httpHost" | "devMail">,
  served: boolean,
): string | null {
  if (!served || isLoopbackHost(config.httpHost)) return null;
  return config.devMail
    ? `VOUCH_DEV_MAIL=on: /dev/mail shows everyone's mail to anyone who can reach ${config.httpHost}; set VOUCH_SMTP_RELAY_URL for real use`
    : `/dev/mail (everyone's mail) is served on ${config.httpHost} to loopback clients only, and a reverse proxy on this machine counts as one; set VOUCH_SMTP_RELAY_URL for real use`;
}
