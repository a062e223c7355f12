import { VouchError } from "../../domain/errors.ts";
import type { ImportFormat, ImportItem } from "../types.ts";
import { parseGoogle } from "./google.ts";
import { parseLinkedIn } from "./linkedin.ts";
import { type MailInteractionsItem, type MboxItem, readMbox } from "./mbox.ts";
import { parseOutlook } from "./outlook.ts";
import type { ImportInput } from "./text-stream.ts";
import { parseVcard } from "./vcard.ts";

export { DETECT_BYTES, detectFormat } from "./detect.ts";
export { parseGoogle } from "./google.ts";
export { parseLinkedIn, parseLinkedInDate } from "./linkedin.ts";
export type { MailInteractionsItem, MboxItem } from "./mbox.ts";
export { readMbox } from "./mbox.ts";
export { parseOutlook } from "./outlook.ts";
export type { ImportInput } from "./text-stream.ts";
export { PROGRESS_EVERY } from "./text-stream.ts";
export { parseVcard } from "./vcard.ts";

/**
 * Reads an export of `format` as it streams. Address books and LinkedIn yield contacts, skips
 * and progress; an mbox yields skips and progress, then one "interactions" item, and needs the
 * member's own addresses (`ownerEmails`). A file that is not that format throws a VouchError
 * (INVALID_INPUT, details.format) before its first contact, or, for an unclosed CSV quote, as
 * soon as it is found: the caller stores nothing from a file that threw.
 */
export function parseContacts(
  input: ImportInput,
  format: ImportFormat,
  options: { ownerEmails?: string[] } = {},
): AsyncGenerator<ImportItem | MailInteractionsItem> {
  switch (format) {
    case "linkedin":
      return parseLinkedIn(input);
    case "google":
      return parseGoogle(input);
    case "outlook":
      return parseOutlook(input);
    case "vcard":
      return parseVcard(input);
    case "mbox":
      return readMbox(input, options.ownerEmails ?? []);
    default:
      throw new VouchError("INVALID_INPUT", `Unknown import format: ${String(format)}`, {
        field: "format",
      });
  }
}

export type { MboxItem as ParsedItem };
