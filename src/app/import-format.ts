import { DETECT_BYTES, detectFormat, type ImportInput } from "../contacts/import/index.ts";
import { IMPORT_FORMATS, type ImportFormat } from "../contacts/types.ts";
import { VouchError } from "../domain/errors.ts";

/** A format named by a person (CLI flag, query, form): one of IMPORT_FORMATS, or a coded error. */
export function importFormat(name: string | undefined | null): ImportFormat | undefined {
  if (name === undefined || name === null || name === "") return undefined;
  const f = name.trim().toLowerCase();
  if ((IMPORT_FORMATS as readonly string[]).includes(f)) return f as ImportFormat;
  throw new VouchError(
    "INVALID_INPUT",
    `format must be one of ${IMPORT_FORMATS.join(", ")} (got "${name.slice(0, 40)}")`,
    { field: "format" },
  );
}

/**
 * The format of an import: the one given, else found from the file's first bytes (and its
 * name). The bytes looked at are handed on with the rest, so the parser reads the whole file.
 */
export async function detectImportFormat(
  input: ImportInput,
  given: ImportFormat | undefined,
  fileName: string | undefined,
): Promise<{ format: ImportFormat; input: ImportInput }> {
  if (given) return { format: given, input };
  const it = (
    Symbol.asyncIterator in input ? input[Symbol.asyncIterator]() : toAsync(input)
  ) as AsyncIterator<Uint8Array | string>;
  const head: (Uint8Array | string)[] = [];
  let size = 0;
  let done = false;
  while (size < DETECT_BYTES) {
    const next = await it.next();
    if (next.done) {
      done = true;
      break;
    }
    head.push(next.value);
    size += typeof next.value === "string" ? next.value.length : next.value.byteLength;
  }
  const decoder = new TextDecoder("utf-8");
  const text = head
    .map((c) => (typeof c === "string" ? c : decoder.decode(c, { stream: true })))
    .join("")
    .slice(0, DETECT_BYTES);
  const format = detectFormat(text, fileName);
  if (!format)
    throw new VouchError(
      "INVALID_INPUT",
      `Cannot tell which export this file is: give its format (${IMPORT_FORMATS.join(", ")})`,
      { field: "format" },
    );
  async function* rest(): AsyncGenerator<Uint8Array | string> {
    yield* head;
    if (done) return;
    for (;;) {
      const next = await it.next();
      if (next.done) return;
      yield next.value;
    }
  }
  return { format, input: rest() };
}

async function* toAsync<T>(it: Iterable<T>): AsyncGenerator<T> {
  yield* it;
}
