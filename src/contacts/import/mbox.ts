import { VouchError } from "../../domain/errors.ts";
import type { ImportItem, MailInteraction } from "../types.ts";
import { cleanEmail } from "./clean.ts";
import {
  isAutomatedAddress,
  isAutomatedMessage,
  listAddresses,
  mailboxes,
  readHeaders,
} from "./mail-headers.ts";
import { MailTally } from "./mail-tally.ts";
import { splitMbox } from "./mbox-split.ts";
import { ByteCount, type ImportInput } from "./text-stream.ts";

/** The end of an mbox import: who the member wrote to and heard from, and what was read. */
export interface MailInteractionsItem {
  kind: "interactions";
  interactions: MailInteraction[];
  /** Messages read (including the automated and the skipped ones). */
  messages: number;
  /** Messages from machines or lists, read and left out. */
  automated: number;
}

export type MboxItem = ImportItem | MailInteractionsItem;

/** A message's time: its Date header, else the date on its "From " line; null if neither reads. */
function messageTime(date: string | undefined, envelope: string): number | null {
  const fromHeader = date ? Date.parse(date.replace(/\s*\([^)]*\)\s*$/, "")) : Number.NaN;
  if (!Number.isNaN(fromHeader)) return fromHeader;
  // "From 1791234567890@xxx Tue Mar 12 10:00:00 +0000 2024": everything after the sender.
  const fromEnvelope = Date.parse(envelope.slice(envelope.indexOf(" ") + 1));
  return Number.isNaN(fromEnvelope) ? null : fromEnvelope;
}

/**
 * Reads a member's mbox (Google Takeout's "All mail Including Spam and Trash.mbox") as it
 * streams, headers only: bodies are never decoded or kept. Yields progress every 64 KiB or so,
 * a skip for each message that cannot be read (with the line of its "From " line), and at the end
 * one "interactions" item: per correspondent, what `MailTally` summed. Mail from machines
 * (noreply@, mailer-daemon@, bounces), through lists (List-Id, Precedence bulk) and between the
 * member's own addresses is left out. `ownerEmails` are the member's addresses.
 */
export async function* readMbox(
  input: ImportInput,
  ownerEmails: string[],
): AsyncGenerator<MboxItem> {
  const owners = ownerEmails
    .map((e) => cleanEmail(e))
    .flatMap((r) => ("email" in r ? [r.email] : []));
  if (owners.length === 0) {
    throw new VouchError("INVALID_INPUT", "Reading an mbox needs the member's own email address", {
      field: "owner",
    });
  }
  const tally = new MailTally(owners);
  const count = new ByteCount();
  let messages = 0;
  let automated = 0;
  const skip = (line: number, reason: string): ImportItem => ({
    kind: "skip",
    skip: { line, reason },
  });
  for await (const m of splitMbox(input, count)) {
    if (m === "chunk") {
      const p = count.due();
      if (p) yield p;
      continue;
    }
    messages++;
    if (m.headers === null) {
      yield skip(m.line, "This message's headers are too long to be a mail's, so it was left out");
      continue;
    }
    const h = readHeaders(m.headers);
    const from = mailboxes(h.get("from"))[0];
    if (!from) {
      yield skip(m.line, "This message has no valid From address, so it was left out");
      continue;
    }
    const time = messageTime(h.get("date")?.[0], m.envelope);
    if (time === null) {
      yield skip(m.line, "This message has no date that can be read, so it was left out");
      continue;
    }
    for (const list of listAddresses(h)) tally.exclude(list);
    if (isAutomatedMessage(h) || (!tally.isOwner(from.email) && isAutomatedAddress(from.email))) {
      automated++;
      continue;
    }
    const recipients = mailboxes([
      ...(h.get("to") ?? []),
      ...(h.get("cc") ?? []),
      ...(h.get("bcc") ?? []),
    ]);
    const deliveredTo = mailboxes(h.get("delivered-to")).map((r) => r.email);
    tally.add({ from, recipients, deliveredTo, time });
  }
  const p = count.last();
  if (p) yield p;
  yield { kind: "interactions", interactions: tally.result(), messages, automated };
}
