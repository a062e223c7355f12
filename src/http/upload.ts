import { Readable } from "node:stream";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import { Busboy, type BusboyInstance } from "@fastify/busboy";
import { isVouchError, VouchError } from "../domain/errors.ts";

/** The largest contacts file an upload may carry (an mbox can be big; it is read as it streams). */
export const IMPORT_MAX_BYTES = 512 * 1024 * 1024;

/** An uploaded file as it streams in, with the form fields sent before it. */
export interface Upload {
  input: AsyncIterable<Uint8Array>;
  fileName: string | undefined;
  /** Multipart fields that came before the file (put them first in the form). */
  fields: Record<string, string>;
}

/**
 * The file of an upload, without holding it in memory: a multipart form's first file (streamed
 * by busboy; the fields before it are read first, so a CSRF token can be checked before a byte of
 * the file is), or else the raw body itself.
 */
export function readUpload(req: Request): Promise<Upload> {
  const type = req.headers.get("content-type") ?? "";
  const body = req.body as WebReadableStream<Uint8Array> | null;
  if (!/^multipart\/form-data/i.test(type))
    return Promise.resolve({
      input: body ? whole(body) : emptyBody(),
      fileName: undefined,
      fields: {},
    });
  if (!body) return Promise.reject(noFile());
  return new Promise<Upload>((resolve, reject) => {
    const fields: Record<string, string> = {};
    let bb: BusboyInstance;
    try {
      bb = Busboy({
        headers: { "content-type": type },
        limits: { files: 1, fields: 20, fieldSize: 16 * 1024, fileSize: IMPORT_MAX_BYTES },
      });
    } catch {
      reject(new VouchError("INVALID_INPUT", "The form could not be read: send it again"));
      return;
    }
    let settled = false;
    // A body cut short (a dropped connection, a multipart body without its end) fails the file
    // being read, so the import keeps nothing rather than half a file.
    let current: (NodeJS.ReadableStream & { destroy(e?: Error): void }) | null = null;
    const broken = () =>
      new VouchError("INVALID_INPUT", "The upload broke off: send the file again");
    bb.on("field", (name, value) => {
      fields[name] = value;
    });
    bb.on("file", (_field, file, fileName) => {
      file.on("limit", () =>
        file.destroy(
          new VouchError("TOO_LARGE", `the file is over ${IMPORT_MAX_BYTES} bytes`, {
            limit: IMPORT_MAX_BYTES,
          }),
        ),
      );
      if (settled) {
        file.resume();
        return;
      }
      settled = true;
      current = file;
      file.on("end", () => {
        current = null;
      });
      resolve({ input: whole(file), fileName: fileName || undefined, fields });
    });
    bb.on("error", () => {
      current?.destroy(broken());
      if (!settled) {
        settled = true;
        reject(new VouchError("INVALID_INPUT", "The form could not be read: send it again"));
      }
    });
    bb.on("finish", () => {
      if (!settled) {
        settled = true;
        reject(noFile());
      }
    });
    const source = Readable.fromWeb(body);
    source.on("error", () => {
      current?.destroy(broken());
      bb.destroy();
    });
    source.pipe(bb);
  });
}

const broken = () =>
  new VouchError("INVALID_INPUT", "The upload broke off: send the file again", { field: "file" });

/** The file's bytes; a body that ends in an error ends the import in a coded one. */
async function* whole(body: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  try {
    yield* body;
  } catch (e) {
    throw isVouchError(e) ? e : broken();
  }
}

const noFile = () => new VouchError("INVALID_INPUT", "Choose a file to import", { field: "file" });

async function* emptyBody(): AsyncGenerator<Uint8Array> {}
