// Reading a post's body: bounded by a byte limit (read no further), then JSON or a form.

import { createHash } from "node:crypto";
import type { Context } from "hono";
import type { z } from "zod";
import { fromZodError } from "../error-map.ts";
import { bad } from "./answers.ts";
import { readForm } from "./form.ts";

/** The posted size, when the client declared one over `limit` (refused before reading). */
const declaredOver = (c: Context, limit: number) => {
  const declared = Number(c.req.header("content-length"));
  return Number.isFinite(declared) && declared > limit;
};

/** The body, or null when it is over `limit` bytes (read no further than that). */
export async function readBody(c: Context, limit: number): Promise<Buffer | null> {
  if (declaredOver(c, limit)) return null;
  const chunks: Buffer[] = [];
  let n = 0;
  for await (const chunk of c.req.raw.body ?? []) {
    n += chunk.byteLength;
    if (n > limit) return null;
    chunks.push(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
  }
  return Buffer.concat(chunks, n);
}

/** A posted form, or null when the body is over `limit` bytes (read no further than that). */
export async function readPost(c: Context, limit: number) {
  if (declaredOver(c, limit)) return null;
  return readForm(c.req.raw.body, c.req.header("content-type"), limit);
}

/** A JSON body by its schema; a wrong field is named as the schema names it. */
export function parseJson<T>(body: Buffer, schema: z.ZodType<T>): T {
  let value: unknown;
  try {
    value = JSON.parse(body.toString("utf8"));
  } catch {
    throw bad("body", "is not valid JSON");
  }
  const r = schema.safeParse(value);
  if (!r.success) throw fromZodError(r.error, "body");
  return r.data;
}

/** JSON inside a form field by its schema; a wrong part is named under the field's name. */
export function parseJsonField<T>(field: string, text: string, schema: z.ZodType<T>): T {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw bad(field, "is not valid JSON");
  }
  const r = schema.safeParse(value);
  if (!r.success) {
    const e = fromZodError(r.error, field);
    const sub = String(e.details.field);
    throw bad(sub === field ? field : `${field}.${sub}`, r.error.issues[0]?.message ?? "invalid");
  }
  return r.data;
}

/** Base64 with nothing else in it (whitespace aside). */
export function base64Strict(field: string, s: string): Buffer {
  const clean = s.replace(/\s+/g, "");
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(clean) || clean.length % 4 === 1)
    throw bad(field, "is not base64");
  return Buffer.from(clean, "base64");
}

/** A short digest of a post: the same post always gives the same one. */
export const digestOf = (b: Buffer) => createHash("sha256").update(b).digest("hex").slice(0, 32);
