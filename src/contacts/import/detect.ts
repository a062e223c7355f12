import type { ImportFormat } from "../types.ts";
import { type CsvLayout, firstRecords, isHeaderOf } from "./csv-table.ts";
import { GOOGLE } from "./google.ts";
import { LINKEDIN } from "./linkedin.ts";
import { OUTLOOK } from "./outlook.ts";

/** How much of a file `detectFormat` wants to see: enough for LinkedIn's preamble and a header. */
export const DETECT_BYTES = 8 * 1024;

const LAYOUTS: CsvLayout[] = [LINKEDIN, GOOGLE, OUTLOOK];

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
  const records = firstRecords(text, 12);
  for (const layout of LAYOUTS) {
    if (records.slice(0, layout.maxPreamble + 1).some((r) => isHeaderOf(layout, r.record))) {
      return layout.format;
    }
  }
  const ext = /\.([a-z0-9]+)$/i.exec(fileName ?? "")?.[1]?.toLowerCase();
  if (ext === "vcf" || ext === "vcard") return "vcard";
  if (ext === "mbox" || ext === "mbx") return "mbox";
  return null;
}

/**
 * `detectFormat` for the first bytes of a file as read (about DETECT_BYTES): UTF-16 with a BOM
 * is decoded as such, everything else as UTF-8.
 */
export function detectFormatOfBytes(head: Uint8Array, fileName?: string): ImportFormat | null {
  const encoding =
    head[0] === 0xff && head[1] === 0xfe
      ? "utf-16le"
      : head[0] === 0xfe && head[1] === 0xff
        ? "utf-16be"
        : "utf-8";
  return detectFormat(new TextDecoder(encoding).decode(head.subarray(0, DETECT_BYTES)), fileName);
}
