import type { ByteCount, ImportInput } from "./text-stream.ts";
import { notFormat } from "./text-stream.ts";

/** One message of an mbox: where it starts, its "From " line and its header block, never its body. */
export interface MboxMessage {
  /** The 1-based line of its "From " line. */
  line: number;
  /** The "From sender date" line that opens it, without "From ". */
  envelope: string;
  /** The header block as text, or null when it is longer than MAX_HEADER_BYTES. */
  headers: string | null;
}

/** A header block longer than this is not a mail's: the message is reported and passed over. */
export const MAX_HEADER_BYTES = 1024 * 1024;

const NEXT = Buffer.from("\nFrom ");
const START = Buffer.from("From ");
const NL = 10;

function newlines(data: Buffer, from: number, to: number): number {
  let n = 0;
  for (let i = data.indexOf(NL, from); i >= 0 && i < to; i = data.indexOf(NL, i + 1)) n++;
  return n;
}

/** Where the header block that starts at `from` ends: the "\n" before a blank line or the next message. */
function headerEnd(data: Buffer, from: number): number {
  for (let i = data.indexOf(NL, from); i >= 0; i = data.indexOf(NL, i + 1)) {
    const next = data[i + 1];
    if (next === NL || (next === 13 && data[i + 2] === NL)) return i;
    if (next === undefined || (next === 13 && data[i + 2] === undefined)) return -1;
    if (data.subarray(i + 1, i + 6).equals(START)) return i;
    if (
      i + 6 > data.length &&
      START.subarray(0, data.length - i - 1).equals(data.subarray(i + 1))
    ) {
      return -1; // maybe "From " cut at the chunk's end: wait for more
    }
  }
  return -1;
}

/**
 * Splits an mbox (mboxo/mboxrd, as Google Takeout writes it) into messages as it streams: a
 * message starts at a line beginning "From " (body lines that begin so are escaped ">From " by the
 * writer). Only each message's header block is decoded; bodies are scanned for the next
 * "\nFrom " with Buffer.indexOf and dropped chunk by chunk, so memory holds one chunk and one
 * header block. Yields "chunk" after each input chunk so the caller can report progress. A file
 * that does not begin with "From " throws `notFormat`.
 */
export async function* splitMbox(
  input: ImportInput,
  count: ByteCount,
): AsyncGenerator<MboxMessage | "chunk"> {
  let carry: Buffer = Buffer.alloc(0);
  let line = 1; // the line of carry[0]
  let mode: "start" | "headers" | "body" = "start";
  let scanned = 0; // bytes of the current header block already searched for its end
  for await (const chunk of input) {
    const bytes =
      typeof chunk === "string"
        ? Buffer.from(chunk)
        : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    count.bytes += bytes.length;
    const data = carry.length ? Buffer.concat([carry, bytes]) : bytes;
    let pos = 0;
    for (;;) {
      if (mode === "start") {
        if (data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf) pos = 3;
        while (data[pos] === NL || (data[pos] === 13 && data[pos + 1] === NL)) {
          pos += data[pos] === NL ? 1 : 2;
          line++;
        }
        if (data.length - pos < START.length) break;
        if (!data.subarray(pos, pos + START.length).equals(START)) {
          throw notFormat("mbox", 'it does not begin with a "From " line');
        }
        mode = "headers";
      }
      if (mode === "headers") {
        // What was already scanned of this header block (less a margin) is not scanned again.
        const envelopeEnd = data.indexOf(NL, pos);
        const end =
          envelopeEnd < 0 ? -1 : headerEnd(data, Math.max(envelopeEnd, pos + scanned - 8));
        if (end < 0) {
          scanned = data.length - pos;
          if (data.length - pos <= MAX_HEADER_BYTES) break;
          yield { line, envelope: envelopeOf(data, pos, envelopeEnd), headers: null };
          const keep = data.length - NEXT.length;
          line += newlines(data, pos, keep);
          pos = keep;
          scanned = 0;
          mode = "body";
          continue;
        }
        yield {
          line,
          envelope: envelopeOf(data, pos, envelopeEnd),
          headers:
            end - pos > MAX_HEADER_BYTES ? null : data.toString("utf8", envelopeEnd + 1, end + 1),
        };
        line += newlines(data, pos, end);
        pos = end;
        scanned = 0;
        mode = "body";
      }
      // mode === "body": pos is at a "\n"; the next message starts after the next "\nFrom ".
      const next = data.indexOf(NEXT, pos);
      if (next < 0) {
        const keep = Math.max(pos, data.length - NEXT.length);
        line += newlines(data, pos, keep);
        pos = keep;
        break;
      }
      line += newlines(data, pos, next + 1);
      pos = next + 1;
      mode = "headers";
    }
    carry = Buffer.from(data.subarray(pos));
    yield "chunk";
  }
  if (mode === "start") {
    throw notFormat("mbox", count.bytes ? 'it does not begin with a "From " line' : "it is empty");
  }
  if (mode === "headers" && carry.length) {
    const envelopeEnd = carry.indexOf(NL);
    yield {
      line,
      envelope: envelopeOf(carry, 0, envelopeEnd < 0 ? carry.length : envelopeEnd),
      headers: envelopeEnd < 0 ? "" : carry.toString("utf8", envelopeEnd + 1),
    };
  }
}

function envelopeOf(data: Buffer, pos: number, end: number): string {
  const stop = end < 0 ? Math.min(data.length, pos + 1000) : end;
  return data.toString("latin1", pos + START.length, stop).trim();
}
