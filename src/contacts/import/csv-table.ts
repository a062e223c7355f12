import { Readable } from "node:stream";
import { parse } from "csv-parse";
import { parse as parseSync } from "csv-parse/sync";
import type { ImportItem, SkippedLine } from "../types.ts";
import { type ContactFields, contactItems } from "./clean.ts";
import { ByteCount, type ImportInput, notFormat, textChunks } from "./text-stream.ts";

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

/** The options every CSV is read with, in the header search and in the stream. */
const CSV_OPTIONS = {
  bom: true,
  info: true,
  relax_column_count: true,
  relax_quotes: true,
  skip_empty_lines: true,
  skip_records_with_error: true,
} as const;

/** The first `count` records of a CSV's beginning, each with the csv-parse line it ends on. */
export function firstRecords(text: string, count: number): { record: string[]; lines: number }[] {
  try {
    const rows = parseSync(text, { ...CSV_OPTIONS, to: count }) as unknown as {
      record: string[];
      info: { lines: number };
    }[];
    return rows.map((r) => ({ record: r.record, lines: r.info.lines }));
  } catch {
    return [];
  }
}

/** How much of a file is read ahead to find its header row. */
const HEAD_BYTES = 64 * 1024;

/**
 * Where the layout's header row is among the first records of `text` (complete lines only,
 * unless it is the whole file): its csv-parse line, and the CRLFs quoted in the preamble above it
 * (csv-parse counts each as two lines). Null when it is not there.
 */
function findHeader(
  text: string,
  whole: boolean,
  layout: CsvLayout,
): { line: number; crlf: number } | null {
  const complete = whole ? text : text.slice(0, text.lastIndexOf("\n") + 1);
  let crlf = 0;
  for (const r of firstRecords(complete, layout.maxPreamble + 1)) {
    if (isHeaderOf(layout, r.record)) return { line: r.lines, crlf };
    crlf += breaksIn(r.record).crlf;
  }
  return null;
}

/**
 * Streams a CSV export through csv-parse: finds the header row in the first 64 KiB (after a
 * preamble if the layout allows one), then yields, in file order, each row's contact or skips
 * (with the 1-based line the row starts on) and a progress item every 64 KiB or so. A file whose
 * header is not the layout's, or a quote that is never closed (which would swallow every row
 * after it), throws `notFormat` before or instead of anything being stored.
 *
 * The stream starts at the header row (`from_line`) rather than at the file's first line: given
 * LinkedIn's one-cell "Notes:" line first, csv-parse builds an inconsistent-column error for
 * every later row, even with relax_column_count, which makes it 5x slower.
 */
export async function* readCsv(input: ImportInput, layout: CsvLayout): AsyncGenerator<ImportItem> {
  const count = new ByteCount();
  const chunks = textChunks(input, layout.format, count)[Symbol.asyncIterator]();
  const head: (Buffer | string)[] = [];
  let headText = "";
  let whole = false;
  while (headText.length < HEAD_BYTES) {
    const next = await chunks.next();
    if (next.done) {
      whole = true;
      break;
    }
    head.push(next.value);
    headText += typeof next.value === "string" ? next.value : next.value.toString("utf8");
  }
  const header = findHeader(headText, whole, layout);
  if (!header) {
    throw notFormat(
      layout.format,
      count.bytes === 0
        ? "it is empty"
        : `its header row should have the columns ${expected(layout)}`,
    );
  }
  const replay = async function* (): AsyncGenerator<Buffer | string> {
    yield* head;
    for (let next = await chunks.next(); !next.done; next = await chunks.next()) yield next.value;
  };

  const parser = parse({ ...CSV_OPTIONS, from_line: header.line });
  const errors: { line: number; code: string; message: string }[] = [];
  parser.on("skip", (e: Error & { code?: string; lines?: number }) => {
    errors.push({ line: e.lines ?? 0, code: e.code ?? "", message: e.message });
  });
  const source = Readable.from(replay(), { objectMode: false });
  source.on("error", (e) => parser.destroy(e));
  source.pipe(parser);

  let columns: Map<string, number> | null = null;
  let lastLine = 0;
  let extraLines = header.crlf;
  const pending: SkippedLine[] = [];
  const collectErrors = (): void => {
    for (const e of errors.splice(0)) {
      if (e.code === "CSV_QUOTE_NOT_CLOSED") {
        throw notFormat(
          layout.format,
          `a quoted field that starts after line ${lastLine} is never closed, so the rows after it cannot be read`,
        );
      }
      pending.push({
        line: e.line - extraLines,
        reason: `This row could not be read: ${e.message}`,
      });
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
    if (!columns) {
      // The first record is the header row found above.
      columns = new Map();
      for (const [i, cell] of record.entries()) {
        const k = headerKey(cell);
        if (!columns.has(k)) columns.set(k, i);
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
  for (const skip of pending) yield { kind: "skip", skip };
  const p = count.last();
  if (p) yield p;
}

function expected(layout: CsvLayout): string {
  const names = [...layout.required, ...(layout.anyOf ? [layout.anyOf.join(" or ")] : [])];
  return names.map((n) => `"${n.replace(/\b\p{L}/gu, (c) => c.toUpperCase())}"`).join(", ");
}
