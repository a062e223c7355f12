import { createHash } from "node:crypto";
import type { PostgresPool, PostgresPoolClient } from "kysely";
import type pg from "pg";

/**
 * How many statements one connection keeps prepared. The app has a few dozen query shapes; a
 * list whose length varies (IN lists, multi-row inserts) adds a few more. Past the cap a
 * statement runs unnamed, as pg does by default, so a connection's server memory stays bounded.
 */
export const MAX_PREPARED_PER_CONNECTION = 128;

interface Prepared {
  names: Map<string, string>;
  /** Bumped when the server refuses a kept plan, so each statement is prepared afresh. */
  generation: number;
}

const preparedOf = new WeakMap<pg.PoolClient, Prepared>();

// "cached plan must not change result type": a table a prepared `select *` reads has changed
// shape (another instance ran a migration).
const STALE_PLAN = "0A000";

function nameFor(p: Prepared, text: string): string | undefined {
  let name = p.names.get(text);
  if (!name && p.names.size < MAX_PREPARED_PER_CONNECTION) {
    const hash = createHash("sha1").update(text).digest("base64url").slice(0, 22);
    name = `vouch_${p.generation}_${hash}`;
    p.names.set(text, name);
  }
  return name;
}

/**
 * A pg pool for Kysely whose connections prepare each parameterized statement once and then only
 * bind and execute it. pg otherwise sends every parameterized query unnamed, so PostgreSQL parses
 * and plans it again on every call; for the one-statement commit of a change (six data-modifying
 * CTEs) planning cost more than executing. Statements without parameters (BEGIN, COMMIT, DDL) are
 * sent as they are.
 */
export function preparingPool(pool: pg.Pool): PostgresPool {
  return {
    async connect(): Promise<PostgresPoolClient> {
      const client = await pool.connect();
      let p = preparedOf.get(client);
      if (!p) {
        p = { names: new Map(), generation: 0 };
        preparedOf.set(client, p);
      }
      const prepared = p;
      const query = (text: unknown, values?: readonly unknown[]) => {
        if (typeof text !== "string" || !values?.length) {
          return client.query(text as string, values as unknown[]);
        }
        const name = nameFor(prepared, text);
        if (!name) return client.query(text, values as unknown[]);
        return client.query({ name, text, values: values as unknown[] }).catch((e: unknown) => {
          if ((e as { code?: string }).code === STALE_PLAN) {
            prepared.generation++;
            prepared.names.clear();
          }
          throw e;
        });
      };
      return {
        query: query as unknown as PostgresPoolClient["query"],
        release: (destroy?: boolean) => client.release(destroy),
      };
    },
    end: () => pool.end(),
  };
}
