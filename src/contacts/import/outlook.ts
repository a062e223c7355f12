import type { ImportItem } from "../types.ts";
import { joinName } from "./clean.ts";
import { type CsvLayout, readCsv } from "./csv-table.ts";
import type { ImportInput } from "./text-stream.ts";

/**
 * Outlook's contacts CSV (Outlook on the web and the desktop app's "Export to a file"):
 * "First Name", "Middle Name", "Last Name", "E-mail Address", "E-mail 2 Address",
 * "E-mail 3 Address", "Company", "Job Title", "Web Page". Its "Title" column is "Mr."/"Dr.",
 * not a job.
 */
export const OUTLOOK: CsvLayout = {
  format: "outlook",
  required: ["e-mail address"],
  anyOf: ["first name", "last name", "display name"],
  maxPreamble: 0,
  toContact(row) {
    return {
      name:
        joinName(row.get("First Name"), row.get("Middle Name"), row.get("Last Name")) ??
        row.first("Display Name", "E-mail Display Name", "Nickname"),
      emails: ["E-mail Address", "E-mail 2 Address", "E-mail 3 Address"].map(
        (h) => row.get(h) ?? "",
      ),
      company: row.get("Company"),
      position: row.get("Job Title"),
      url: row.get("Web Page"),
    };
  },
};

export function parseOutlook(input: ImportInput): AsyncGenerator<ImportItem> {
  return readCsv(input, OUTLOOK);
}
