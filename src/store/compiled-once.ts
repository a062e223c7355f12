import type { Compilable, CompiledQuery, QueryResult } from "kysely";

/** What runs a compiled query: the root Kysely handle or a transaction. */
export interface QueryRunner {
  executeQuery<R>(query: CompiledQuery<R>): Promise<QueryResult<R>>;
}

/**
 * Queries that Kysely builds and compiles once per dialect, then runs with each call's own
 * parameters. The hot reads (an intro, its history, its emails) are answered by SQLite in a few
 * microseconds, less than building and compiling the query takes. `build` gets the parameters'
 * placeholders and must use each once, in order, as bound parameters.
 */
export class CompiledQueries {
  readonly #cache = new Map<string, CompiledQuery>();
  /** False builds and compiles every query on every call (bench/devices.bench.ts measures it). */
  readonly #reuse: boolean;

  constructor(opts: { reuse?: boolean } = {}) {
    this.#reuse = opts.reuse ?? true;
  }

  async run<R>(
    db: QueryRunner,
    name: string,
    build: (...placeholders: string[]) => Compilable<R>,
    params: readonly unknown[],
  ): Promise<R[]> {
    let compiled = this.#cache.get(name);
    if (!compiled) {
      const marks = params.map((_, i) => `\u0000param${i}`);
      compiled = build(...marks).compile();
      if (
        compiled.parameters.length !== marks.length ||
        compiled.parameters.some((p, i) => p !== marks[i])
      ) {
        throw new Error(
          `compiled query ${name}: its parameters are not the placeholders, in order`,
        );
      }
      if (this.#reuse) this.#cache.set(name, compiled);
    }
    return db.executeQuery<R>({ ...compiled, parameters: params }).then((r) => r.rows);
  }
}
