// Builders shared by the contacts tests (not imported by production code).
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { ImportedContact, ImportItem, SkippedLine } from "./types.ts";

const FIXTURES = fileURLToPath(new URL("../../test/fixtures/contacts/", import.meta.url));

/** A fixture file's bytes. */
export function fixture(name: string): Buffer {
  return readFileSync(`${FIXTURES}${name}`);
}

/** Bytes cut into chunks of the given sizes (cycled), as a stream would hand them over. */
export async function* chunked(
  bytes: Uint8Array,
  sizes: number[] = [64 * 1024],
): AsyncGenerator<Uint8Array> {
  let i = 0;
  for (let at = 0; at < bytes.length; i++) {
    const size = Math.max(1, sizes[i % sizes.length] ?? 1);
    yield bytes.subarray(at, at + size);
    at += size;
  }
}

export async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

/** The contacts and skips of a parse, without progress items. */
export function split(items: ImportItem[]): { contacts: ImportedContact[]; skips: SkippedLine[] } {
  return {
    contacts: items.flatMap((i) => (i.kind === "contact" ? [i.contact] : [])),
    skips: items.flatMap((i) => (i.kind === "skip" ? [i.skip] : [])),
  };
}

/** What an async call threw (or a failure when it did not throw). */
export async function thrown(run: () => Promise<unknown>): Promise<unknown> {
  try {
    await run();
  } catch (e) {
    return e;
  }
  throw new Error("expected it to throw");
}

/** Each contact as [line, name, emails, company, position, url], to compare at a glance. */
export function summary(contacts: ImportedContact[]): unknown[][] {
  return contacts.map((c) => [c.line, c.name, c.emails, c.company, c.position, c.url]);
}
