import { Readable } from "node:stream";
import { parse } from "csv-parse";
import type { ImportItem, SkippedLine } from "../types.ts";
import { type ContactFields, contactItems } from "./clean.ts";
import { ByteCount, decodeText, type ImportInput, notFormat } from "./text-stream.ts";

/** One data row, its cells found by header name (case and spaces around it do not matter). */
export class CsvRow {
  readonly #columns: Map<string, number>;
  readonly cells: string[];

  constructor(columns: Map<string, number>, cells: string[]) {
    this.#columns = columns;
    this.cells = cells;
  }

  /** The cell under `header`, trimmed; null when the column is missing or the cell empty. */
  get(header: string): string | null {
    const i = this.#columns.get(header.toLowerCase());
    const v = i === undefined ? undefined : this.cells[i]?.trim();
    return v ? v : null;
  }

  /** Is there a column named `header`? */
  has(header: string): boolean {
    return this.#columns.has(header.toLowerCase());
  }

  /** The first non-empty cell among several headers (a layout's alternatives). */
  first(...headers: string[]): string | null {
    for (const h of headers) {
      const v = this.get(h);
      if (v) return v;
    }
    return null;
  }
}

/** What tells one CSV export from another, and how its row becomes a contact. */
export interface CsvLayout {
  format: "linkedin" | "google" | "outlook";
  /** Lowercased header names that must all be on the header row. */
  required: string[];
  /** Lowercased header names of which at least one must be there (a name column). */
  anyOf?: string[];
  /** Records that may come before the header row (LinkedIn's "Notes:" preamble). */
  maxPreamble: number;
  toContact(row: CsvRow): ContactFields;
}

export function headerKey(cell: string): string {
  return cell
    .replace(/^\uFEFF/, "")
    .trim()
    .toLowerCase();
}

/** Is this record the header row of `layout`? */
export function isHeaderOf(layout: CsvLayout, cells: string[]): boolean {
  const keys = new Set(cells.map(headerKey));
  return (
    layout.required.every((h) => keys.has(h)) &&
    (!layout.anyOf || layout.anyOf.some((h) => keys.has(h)))
  );
}

const LINE_BREAKS = /\r\n|\r|\n/g;

/** Line breaks inside a record's cells: a CRLF is one, as in an editor. */
function breaksIn(cells: string[]): { lines: number; crlf: number } {
  let lines = 0;
  let crlf = 0;
  for (const c of cells) {
    if (!c.includes("\n") && !c.includes("\r")) continue;
    for (const m of c.matchAll(LINE_BREAKS)) {
      lines++;
      if (m[0].length === 2) crlf++;
    }
  }
  return { lines, crlf };
}

/**
 * Streams a CSV export through csv-parse: finds the header row (after a preamble if the layout
 * allows one), then yields, in file order, each row's contact or skips (with the 1-based line the
 * row starts on) and a progress item every 64 KiB or so. A file whose header is not the layout's,
 * or a quote that is never closed (which would swallow every row after it), throws `notFormat`
 * before or instead of anything being stored.
 */
export async function* readCsv(input: ImportInput, layout: CsvLayout): AsyncGenerator<ImportItem> {
  const count = new ByteCount();
  const parser = parse({
    bom: true,
    info: true,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
  });
  const errors: { line: number; code: string; message: string }[] = [];
  parser.on("skip", (e: Error & { code?: string; lines?: number }) => {
    errors.push({ line: e.lines ?? 0, code: e.code ?? "", message: e.message });
  });
  const source = Readable.from(decodeText(input, layout.format, count), { objectMode: false });
  source.on("error", (e) => parser.destroy(e));
  source.pipe(parser);

  let columns: Map<string, number> | null = null;
  let records = 0;
  let lastLine = 0;
  let extraLines = 0;
  const pending: SkippedLine[] = [];
  const collectErrors = (): void => {
    for (const e of errors.splice(0)) {
      if (e.code === "CSV_QUOTE_NOT_CLOSED") {
        throw notFormat(
          layout.format,
          `a quoted field that starts after line ${lastLine} is never closed, so the rows after it cannot be read`,
        );
      }
      pending.push({ line: e.line, reason: `This row could not be read: ${e.message}` });
    }
  };

  for await (const { record, info } of parser as AsyncIterable<{
    record: string[];
    info: { lines: number };
  }>) {
    collectErrors();
    // csv-parse counts a CRLF inside a quoted cell as two lines; an editor shows one.
    const breaks = breaksIn(record);
    extraLines += breaks.crlf;
    const line = info.lines - extraLines - breaks.lines;
    lastLine = info.lines - extraLines;
    records++;
    if (!columns) {
      if (isHeaderOf(layout, record)) {
        columns = new Map();
        for (const [i, cell] of record.entries()) {
          const k = headerKey(cell);
          if (!columns.has(k)) columns.set(k, i);
        }
      } else if (records > layout.maxPreamble) {
        throw notFormat(
          layout.format,
          `its header row should have the columns ${expected(layout)}`,
        );
      }
      continue;
    }
    while (pending.length && (pending[0]?.line ?? 0) <= line) {
      yield { kind: "skip", skip: pending.shift() as SkippedLine };
    }
    yield* contactItems(line, layout.format, layout.toContact(new CsvRow(columns, record)));
    const p = count.due();
    if (p) yield p;
  }
  collectErrors();
  if (!columns) {
    throw notFormat(
      layout.format,
      count.bytes === 0
        ? "it is empty"
        : `it has no header row with the columns ${expected(layout)}`,
    );
  }
  for (const skip of pending) yield { kind: "skip", skip };
  const p = count.last();
  if (p) yield p;
}

function expected(layout: CsvLayout): string {
  const names = [...layout.required, ...(layout.anyOf ? [layout.anyOf.join(" or ")] : [])];
  return names.map((n) => `"${n.replace(/\b\p{L}/gu, (c) => c.toUpperCase())}"`).join(", ");
}
