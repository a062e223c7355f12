import { TextDecoder } from "node:util";
import { VouchError } from "../../domain/errors.ts";
import type { ImportFormat, ImportItem } from "../types.ts";

/** What every parser reads: chunks of a file, as bytes (from disk or an upload) or as text. */
export type ImportInput = AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>;

/** How often a parser reports how far it got, in bytes read. */
export const PROGRESS_EVERY = 64 * 1024;

/** Counts the bytes a parser has read, and says when a progress item is due. */
export class ByteCount {
  bytes = 0;
  #reported = 0;

  /** A progress item when at least PROGRESS_EVERY bytes were read since the last one. */
  due(): ImportItem | null {
    if (this.bytes - this.#reported < PROGRESS_EVERY) return null;
    this.#reported = this.bytes;
    return { kind: "progress", bytes: this.bytes };
  }

  /** The last progress item, at the end of the file, if any bytes were not yet reported. */
  last(): ImportItem | null {
    if (this.bytes === this.#reported) return null;
    this.#reported = this.bytes;
    return { kind: "progress", bytes: this.bytes };
  }
}

/** The error for a file that is not the format it was read as: the caller stores nothing. */
export function notFormat(format: ImportFormat, why: string): VouchError {
  return new VouchError(
    "INVALID_INPUT",
    `This file cannot be read as ${FORMAT_NAMES[format]}: ${why}`,
    {
      field: "file",
      format,
    },
  );
}

export const FORMAT_NAMES: Record<ImportFormat, string> = {
  linkedin: "a LinkedIn Connections.csv",
  google: "a Google Contacts CSV",
  outlook: "an Outlook contacts CSV",
  vcard: "a vCard file",
  mbox: "an mbox",
};

/** A NUL byte in text is the mark of a binary file (a zip, an image, a spreadsheet). */
function looksBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 8192);
  for (let i = 0; i < n; i++) if (bytes[i] === 0) return true;
  return false;
}

/**
 * The chunks of a file as text, decoded as it streams: UTF-8 (with or without a BOM, which is
 * dropped), UTF-16 with its BOM (Outlook on Windows), and Windows-1252 for older exports that are
 * not valid UTF-8. A binary file throws `notFormat`. `count` is advanced by each chunk's bytes.
 */
export async function* decodeText(
  input: ImportInput,
  format: ImportFormat,
  count: ByteCount,
): AsyncGenerator<string> {
  let decoder: TextDecoder | null = null;
  let first = true;
  for await (const chunk of input) {
    if (typeof chunk === "string") {
      count.bytes += Buffer.byteLength(chunk);
      if (first && chunk.slice(0, 8192).includes("\u0000")) {
        throw notFormat(format, "it is a binary file, not text");
      }
      const text = first && chunk.charCodeAt(0) === 0xfeff ? chunk.slice(1) : chunk;
      first = false;
      if (text) yield text;
      continue;
    }
    count.bytes += chunk.length;
    if (!decoder) {
      decoder = pickDecoder(chunk);
      if (!decoder) throw notFormat(format, "it is a binary file, not text");
    }
    first = false;
    let text: string;
    try {
      text = decoder.decode(chunk, { stream: true });
    } catch {
      // Not UTF-8 after all, deep in the file: the rest is read as Windows-1252.
      decoder = new TextDecoder("windows-1252");
      text = decoder.decode(chunk, { stream: true });
    }
    if (text) yield text;
  }
  const tail = decoder?.decode() ?? "";
  if (tail) yield tail;
}

function pickDecoder(head: Uint8Array): TextDecoder | null {
  if (head[0] === 0xff && head[1] === 0xfe) return new TextDecoder("utf-16le");
  if (head[0] === 0xfe && head[1] === 0xff) return new TextDecoder("utf-16be");
  if (looksBinary(head)) return null;
  // ignoreBOM: false (the default) drops a UTF-8 BOM.
  const utf8 = new TextDecoder("utf-8", { fatal: true });
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(head, { stream: true });
    return utf8;
  } catch {
    return new TextDecoder("windows-1252");
  }
}
