import type { ImportItem } from "../types.ts";
import { joinName } from "./clean.ts";
import { type CsvLayout, type CsvRow, readCsv } from "./csv-table.ts";
import type { ImportInput } from "./text-stream.ts";

/** Google puts several values in one cell separated by " ::: " ("a@x.com ::: b@y.com"). */
export function splitMulti(cell: string | null): string[] {
  return cell
    ? cell
        .split(":::")
        .map((v) => v.trim())
        .filter(Boolean)
    : [];
}

/** Every "<prefix> N - <suffix>" cell, N = 1, 2, …, each split on " ::: ". */
function numbered(row: CsvRow, prefix: string, suffix: string): string[] {
  const out: string[] = [];
  for (let n = 1; n < 100; n++) {
    const header = `${prefix} ${n} - ${suffix}`;
    if (!row.has(header)) break;
    out.push(...splitMulti(row.get(header)));
  }
  return out;
}

/**
 * Google Contacts' CSV export, both layouts: the current one ("First Name", "Middle Name",
 * "Last Name", …, "Organization Name", "Organization Title", "E-mail 1 - Value") and the older
 * "Google CSV" ("Name", "Given Name", …, "E-mail 1 - Value", "Organization 1 - Name").
 */
export const GOOGLE: CsvLayout = {
  format: "google",
  required: ["e-mail 1 - value"],
  anyOf: ["first name", "name", "given name"],
  maxPreamble: 0,
  toContact(row) {
    const name =
      row.get("Name") ??
      joinName(
        row.first("First Name", "Given Name"),
        row.first("Middle Name", "Additional Name"),
        row.first("Last Name", "Family Name"),
      ) ??
      row.first("Nickname", "File As");
    return {
      name,
      emails: numbered(row, "E-mail", "Value"),
      company: splitMulti(row.first("Organization Name", "Organization 1 - Name"))[0] ?? null,
      position: splitMulti(row.first("Organization Title", "Organization 1 - Title"))[0] ?? null,
      url: numbered(row, "Website", "Value")[0] ?? null,
    };
  },
};

export function parseGoogle(input: ImportInput): AsyncGenerator<ImportItem> {
  return readCsv(input, GOOGLE);
}
