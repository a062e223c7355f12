/** mailto: links (RFC 6068) for the ready-made replies people send from their own mailbox. */
import { assertValidAddress } from "../headers.ts";
import type { DraftRecipients } from "./types.ts";

/** A prepared message: its recipients, subject and body. */
export interface MailtoDraft extends DraftRecipients {
  subject: string;
  body: string;
}

function encodeAddresses(field: string, list: readonly string[]): string {
  return list
    .map((a) => {
      assertValidAddress(field, a);
      // "@" may stay literal in a mailto: address; everything else is percent-encoded ("+" too,
      // which some clients would otherwise read as a space).
      return encodeURIComponent(a).replaceAll("%40", "@");
    })
    .join(",");
}

/**
 * Builds `mailto:to?cc=…&bcc=…&subject=…&body=…`. Line breaks in the body become %0D%0A, as
 * RFC 6068 §5 asks, and spaces %20 (never "+").
 */
export function mailtoUrl(draft: MailtoDraft): string {
  const query: string[] = [];
  if (draft.cc?.length) query.push(`cc=${encodeAddresses("cc", draft.cc)}`);
  if (draft.bcc?.length) query.push(`bcc=${encodeAddresses("bcc", draft.bcc)}`);
  query.push(`subject=${encodeURIComponent(draft.subject)}`);
  query.push(`body=${encodeURIComponent(draft.body.replace(/\r?\n/g, "\r\n"))}`);
  return `mailto:${encodeAddresses("to", draft.to)}?${query.join("&")}`;
}
