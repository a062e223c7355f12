// The form a provider posts (Mailgun, SendGrid), read by @fastify/busboy as the body streams in.
// Every field is kept as bytes: a field holding a raw message (SendGrid's `email`, Mailgun's
// `body-mime`) must be stored byte for byte, whatever its charset. So every multipart part is
// read as a file (no decoding at all), and url-encoded values are decoded as Latin-1, which maps
// each byte to one character and back. Hono's parseBody decodes text fields as UTF-8 and turns
// other bytes into U+FFFD, which is why it is not used here.

import { createHash } from "node:crypto";
import { once } from "node:events";
import { Busboy, type BusboyInstance } from "@fastify/busboy";
import { bad } from "./answers.ts";

/** One form field: its bytes, and for a file part its name and type. */
export interface FormValue {
  data: Buffer;
  filename?: string | undefined;
  type?: string | undefined;
}

/** The fields of a form by name, each with every value it was given, in order. */
export type Form = Map<string, FormValue[]>;

export const mediaType = (contentType: string | undefined): string =>
  (contentType ?? "").split(";")[0]!.trim().toLowerCase();

/**
 * The form of a multipart/form-data or application/x-www-form-urlencoded body, and a digest of
 * the body's bytes; null when the body passes `limit` bytes (it is read no further than that).
 */
export async function readForm(
  body: ReadableStream<Uint8Array> | null,
  contentType: string | undefined,
  limit: number,
): Promise<{ form: Form; digest: string } | null> {
  const type = mediaType(contentType);
  if (type !== "multipart/form-data" && type !== "application/x-www-form-urlencoded")
    throw bad("content-type", `must be multipart/form-data (got ${type || "none"})`);
  let parser: BusboyInstance;
  try {
    parser = Busboy({
      headers: { "content-type": contentType ?? "" },
      defCharset: "latin1",
      isPartAFile: () => true,
      limits: { fieldSize: limit },
    });
  } catch {
    throw bad("content-type", "multipart/form-data without a boundary");
  }
  const form: Form = new Map();
  const add = (k: string, v: FormValue) => form.set(k, [...(form.get(k) ?? []), v]);
  const parsed = new Promise<void>((resolve, reject) => {
    let open = 0;
    let finished = false;
    const settle = () => finished && open === 0 && resolve();
    parser.on("file", (name, stream, filename, _encoding, mime) => {
      open++;
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("error", reject);
      stream.on("end", () => {
        add(name, { data: Buffer.concat(chunks), filename, type: mime });
        open--;
        settle();
      });
    });
    parser.on("field", (name, value) => add(name, { data: Buffer.from(value, "latin1") }));
    parser.on("error", reject);
    parser.on("finish", () => {
      finished = true;
      settle();
    });
  });
  let failed = false;
  parsed.catch(() => {
    failed = true; // and the error is thrown below, once the body is no longer read
  });
  const digest = createHash("sha256");
  let n = 0;
  for await (const chunk of body ?? []) {
    n += chunk.byteLength;
    if (n > limit) {
      parser.destroy();
      return null;
    }
    digest.update(chunk);
    if (!parser.write(chunk)) await Promise.race([once(parser, "drain"), parsed.catch(() => {})]);
    if (failed) break;
  }
  if (!failed) parser.end();
  try {
    await parsed;
  } catch (e) {
    throw bad("body", `is not a complete form (${(e as Error).message})`);
  }
  return { form, digest: digest.digest("hex").slice(0, 32) };
}
