/**
 * Warm paths: what an import yields and what strength is computed from. This file is the
 * contract between the parsers (`contacts/import/`), the strength formula (`contacts/strength.ts`)
 * and the store (`store/contacts-store.ts`); all three are pure on their side of it.
 */

/** The export formats `vouch contacts import` reads. */
export const IMPORT_FORMATS = ["linkedin", "google", "outlook", "vcard", "mbox"] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/**
 * One person as an address book or a network export lists them. Every field but `line` and
 * `source` may be missing: LinkedIn often has no email, a vCard may have no company.
 */
export interface ImportedContact {
  /** Where it came from: the 1-based line of a CSV row, or the line a vCard begins on. */
  line: number;
  source: Exclude<ImportFormat, "mbox">;
  name: string | null;
  /** Lowercased, trimmed, syntactically valid; the first is the primary one. */
  emails: string[];
  company: string | null;
  position: string | null;
  /** A profile or home page (LinkedIn's URL column, a vCard URL). */
  url: string | null;
  /** When the member connected with them (LinkedIn's "Connected On"), as YYYY-MM-DD. */
  connectedOn: string | null;
}

/**
 * What the member's own mail says about one correspondent, summed over an mbox's headers.
 * Bodies are never read past the headers and never stored.
 */
export interface MailInteraction {
  /** Lowercased. */
  email: string;
  /** The display name most often seen with this address, if any. */
  name: string | null;
  /** Messages the member sent to this address (To or Cc). */
  sent: number;
  /** Messages this address sent to the member. */
  received: number;
  /** Of those sent, how many went to at most 2 other recipients (a personal message). */
  sentPersonal: number;
  /** Mean number of other recipients on the messages that involved this address. */
  meanOtherRecipients: number;
  /** ISO timestamps; null when there was none in that direction. */
  lastSentAt: string | null;
  lastReceivedAt: string | null;
  firstAt: string;
}

/** A line the parser could not use, reported and skipped; the rest of the file still imports. */
export interface SkippedLine {
  line: number;
  reason: string;
}

/** What a parser streams out, in file order. */
export type ImportItem =
  | { kind: "contact"; contact: ImportedContact }
  | { kind: "skip"; skip: SkippedLine }
  /** Bytes of the input consumed so far, for a progress bar (at most every 64 KiB or so). */
  | { kind: "progress"; bytes: number };

/**
 * Everything strength is computed from for one (member, contact) edge. Sums from every import
 * the member made, so re-importing replaces, never adds twice.
 */
export interface EdgeEvidence {
  /** From a LinkedIn export: connected, and when. */
  linkedin: { connectedOn: string | null } | null;
  /** Listed in an address book (Google, Outlook, vCard). */
  inAddressBook: boolean;
  /** From the member's mailbox, or null if they imported none mentioning this contact. */
  mail: Omit<MailInteraction, "email" | "name"> | null;
  /** Intros through Vouch in which both took part (as any two roles), and how many met. */
  vouch: { intros: number; met: number; lastAt: string | null } | null;
  /** The member's own correction, 0..1, which wins over the formula; null if none. */
  override: number | null;
}

/** A strength with its explanation in words, e.g. "14 emails each way, last 3 weeks ago". */
export interface Strength {
  score: number;
  reasons: string[];
}
