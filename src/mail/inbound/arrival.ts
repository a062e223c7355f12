import type { InboundMessage } from "../../store/store.ts";

/**
 * One message as it arrived (SMTP, a webhook, IMAP), as it is stored. The ways in produce it and
 * `app/receive-mail.ts` consumes it, so it lives here, below both.
 */
export type Arrival = Pick<
  InboundMessage,
  "channel" | "mailFrom" | "rcptTo" | "remote" | "raw" | "checks"
>;
