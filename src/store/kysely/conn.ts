import { type Compilable, type Kysely, sql, type Transaction } from "kysely";
import type { CompiledQueries } from "../compiled-once.ts";
import type { Database } from "../schema.ts";
import type { Store } from "../store.ts";

/** The root Kysely handle, or a transaction on it. */
export type Db = Kysely<Database> | Transaction<Database>;
export type Kind = Store["kind"];

/** Where a record kind's queries run: a handle (root or transaction), its dialect, and the
 *  store's queries compiled once. */
export interface Conn {
  readonly db: Db;
  readonly kind: Kind;
  readonly queries: CompiledQueries;
}

/** A query built and compiled once for this store (compiled-once.ts), run here with `params`. */
export function runCompiled<R>(
  c: Conn,
  name: string,
  build: (...placeholders: string[]) => Compilable<R>,
  params: readonly unknown[],
): Promise<R[]> {
  return c.queries.run(c.db, name, build, params);
}

/** Rows aggregated in SQL as one JSON array: PostgreSQL's json arrives parsed, SQLite's as text. */
export type JsonRows = string | unknown[];

/** A JSON array of each row's `cols`, as arrays in that order, sorted by `order`; `[]` for none. */
export function jsonRowsAgg(kind: Kind, cols: readonly string[], order: string) {
  return kind === "postgres"
    ? sql.raw(`coalesce(json_agg(json_build_array(${cols.join(", ")}) order by ${order}), '[]')`)
    : sql.raw(`json_group_array(json_array(${cols.join(", ")}) order by ${order})`);
}

/** Back to row objects, so rows read as JSON and by one-table queries share one path. */
export function rowsOfJson<R>(v: JsonRows, cols: readonly string[]): R[] {
  return ((typeof v === "string" ? JSON.parse(v) : v) as unknown[][]).map(
    (a) => Object.fromEntries(cols.map((c, i) => [c, a[i]])) as R,
  );
}
