import type { ImportItem } from "../types.ts";
import { joinName } from "./clean.ts";
import { type CsvLayout, readCsv } from "./csv-table.ts";
import type { ImportInput } from "./text-stream.ts";

const MONTHS = [
  "january",
  "february",
  "march",
  "april",
  "may",
  "june",
  "july",
  "august",
  "september",
  "october",
  "november",
  "december",
];

/**
 * LinkedIn's "Connected On" ("12 Mar 2024", or "12 March 2024"; an ISO date is taken as is) as
 * YYYY-MM-DD, or null when it is not a real date.
 */
export function parseLinkedInDate(text: string): string | null {
  const t = text.trim();
  let y: number;
  let m: number;
  let d: number;
  const dmy = /^(\d{1,2})[ -]([A-Za-z]{3,9})\.?[ -](\d{4})$/.exec(t);
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t);
  if (dmy) {
    const word = (dmy[2] ?? "").toLowerCase();
    m =
      MONTHS.findIndex(
        (month) => month.startsWith(word) || (word === "sept" && month === "september"),
      ) + 1;
    if (m === 0) return null;
    d = Number(dmy[1]);
    y = Number(dmy[3]);
  } else if (iso) {
    y = Number(iso[1]);
    m = Number(iso[2]);
    d = Number(iso[3]);
  } else {
    return null;
  }
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d)
    return null;
  return date.toISOString().slice(0, 10);
}

/**
 * LinkedIn's `Connections.csv` (Settings → Data privacy → Get a copy of your data): a "Notes:"
 * preamble, then `First Name,Last Name,URL,Email Address,Company,Position,Connected On`
 * (older exports have no URL column). Most rows have no email: LinkedIn only exports the
 * addresses members allowed.
 */
export const LINKEDIN: CsvLayout = {
  format: "linkedin",
  required: ["first name", "last name", "connected on"],
  maxPreamble: 10,
  toContact(row) {
    const connected = row.get("Connected On");
    const connectedOn = connected ? parseLinkedInDate(connected) : null;
    return {
      name: joinName(row.get("First Name"), row.get("Last Name")),
      emails: [row.get("Email Address") ?? ""],
      company: row.get("Company"),
      position: row.get("Position"),
      url: row.get("URL"),
      connectedOn,
      problems:
        connected && !connectedOn
          ? [`The date "${connected}" was not understood, so it was left out`]
          : [],
    };
  },
};

export function parseLinkedIn(input: ImportInput): AsyncGenerator<ImportItem> {
  return readCsv(input, LINKEDIN);
}
