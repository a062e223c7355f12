import { parse } from "csv-parse/sync";
import type { ImportFormat } from "../types.ts";
import { type CsvLayout, isHeaderOf } from "./csv-table.ts";
import { GOOGLE } from "./google.ts";
import { LINKEDIN } from "./linkedin.ts";
import { OUTLOOK } from "./outlook.ts";

/** How much of a file `detectFormat` wants to see: enough for LinkedIn's preamble and a header. */
export const DETECT_BYTES = 8 * 1024;

const LAYOUTS: CsvLayout[] = [LINKEDIN, GOOGLE, OUTLOOK];

/** The first records of a CSV's beginning, as far as they can be read (the end may be cut). */
function firstRecords(text: string): string[][] {
  const complete = text.slice(0, Math.max(text.lastIndexOf("\n"), 0));
  try {
    return parse(complete, {
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      skip_records_with_error: true,
      to: 12,
    }) as string[][];
  } catch {
    return [];
  }
}

/**
 * Which export a file is, from its first bytes (about DETECT_BYTES of it, decoded) and, when
 * those do not tell, its name: "From " → mbox; BEGIN:VCARD → vcard; a CSV header row (after
 * LinkedIn's preamble) → linkedin, google or outlook; else .vcf/.mbox by extension; else null.
 */
export function detectFormat(firstBytes: string, fileName?: string): ImportFormat | null {
  const text = firstBytes.replace(/^\uFEFF/, "");
  const start = text.trimStart();
  if (start.startsWith("From ")) return "mbox";
  if (/^BEGIN:VCARD\r?\n/i.test(start)) return "vcard";
  const records = firstRecords(`${text}\n`);
  for (const layout of LAYOUTS) {
    if (records.slice(0, layout.maxPreamble + 1).some((r) => isHeaderOf(layout, r))) {
      return layout.format;
    }
  }
  const ext = /\.([a-z0-9]+)$/i.exec(fileName ?? "")?.[1]?.toLowerCase();
  if (ext === "vcf" || ext === "vcard") return "vcard";
  if (ext === "mbox" || ext === "mbx") return "mbox";
  return null;
}
