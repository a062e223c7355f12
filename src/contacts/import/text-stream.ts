import { isUtf8 } from "node:buffer";
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

/** How many leading bytes of `b` end on a whole UTF-8 character (a cut one waits for the next chunk). */
function wholeUtf8(b: Buffer): number {
  for (let back = 1; back <= Math.min(3, b.length); back++) {
    const byte = b[b.length - back] as number;
    if ((byte & 0xc0) === 0x80) continue; // a continuation byte: look further back
    const need = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return need > back ? b.length - back : b.length;
  }
  return b.length;
}

/**
 * The chunks of a file as it streams, checked and made text-ready: valid UTF-8 is passed on as
 * bytes (csv-parse reads bytes faster than strings), anything else as decoded text: UTF-16 with
 * its BOM (Outlook on Windows), and Windows-1252 from the first chunk that is not valid UTF-8 on
 * (older exports). A UTF-8 BOM is left for the reader (csv-parse's `bom`, or `decodeText`). A
 * binary file throws `notFormat`. `count` is advanced by each chunk's bytes.
 */
export async function* textChunks(
  input: ImportInput,
  format: ImportFormat,
  count: ByteCount,
): AsyncGenerator<Buffer | string> {
  let decoder: TextDecoder | "utf-8" | null = null;
  let cut: Buffer = Buffer.alloc(0); // the start of a UTF-8 character cut by the chunk's end
  for await (const chunk of input) {
    if (typeof chunk === "string") {
      count.bytes += Buffer.byteLength(chunk);
      if (!decoder && chunk.slice(0, 8192).includes("\u0000")) {
        throw notFormat(format, "it is a binary file, not text");
      }
      decoder ??= "utf-8";
      if (chunk) yield chunk;
      continue;
    }
    count.bytes += chunk.byteLength;
    if (!decoder) {
      if (chunk[0] === 0xff && chunk[1] === 0xfe) decoder = new TextDecoder("utf-16le");
      else if (chunk[0] === 0xfe && chunk[1] === 0xff) decoder = new TextDecoder("utf-16be");
      else if (looksBinary(chunk)) throw notFormat(format, "it is a binary file, not text");
      else decoder = "utf-8";
    }
    if (decoder !== "utf-8") {
      const text = decoder.decode(chunk, { stream: true });
      if (text) yield text;
      continue;
    }
    const bytes = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    const all = cut.length ? Buffer.concat([cut, bytes]) : bytes;
    const whole = wholeUtf8(all);
    if (isUtf8(all.subarray(0, whole))) {
      cut = Buffer.from(all.subarray(whole));
      if (whole) yield all.subarray(0, whole);
      continue;
    }
    // Not UTF-8 after all: this chunk and the rest are read as Windows-1252.
    decoder = new TextDecoder("windows-1252");
    cut = Buffer.alloc(0);
    const text = decoder.decode(all, { stream: true });
    if (text) yield text;
  }
  if (cut.length) yield cut; // a character cut by the end of the file: the reader shows U+FFFD
  const tail = decoder && decoder !== "utf-8" ? decoder.decode() : "";
  if (tail) yield tail;
}

/** `textChunks` as text only, without a BOM: for readers that work on strings (vCard). */
export async function* decodeText(
  input: ImportInput,
  format: ImportFormat,
  count: ByteCount,
): AsyncGenerator<string> {
  let first = true;
  for await (const chunk of textChunks(input, format, count)) {
    let text = typeof chunk === "string" ? chunk : chunk.toString("utf8");
    if (first && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    first = false;
    if (text) yield text;
  }
}
