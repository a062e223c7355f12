import { type Kysely, sql } from "kysely";
import type { KyselyStore } from "./kysely-store.ts";
import type { Database } from "./schema.ts";
import type { Store } from "./store.ts";

/** Row types of the web app's own tables (migration 0003_web_sessions). */
interface WebTables {
  web_sessions: {
    hash: string;
    email: string;
    csrf: string;
    expires_at: number;
    created_at: string;
  };
  magic_links: {
    hash: string;
    email: string;
    expires_at: number;
    used_at: string | null;
    created_at: string;
  };
  rate_limits: { key: string; window_start: number; count: number };
}
type Db = Kysely<Database & WebTables>;

/** A signed-in browser. */
export interface WebSession {
  email: string;
  csrf: string;
  expiresAt: number;
}

/** Why a magic link cannot sign anyone in. */
export type MagicLinkProblem = "unknown" | "used" | "expired";

/** What the web app stores beside the intros: sessions, sign-in links and rate limits. */
export interface WebStore {
  createSession(s: {
    hash: string;
    email: string;
    csrf: string;
    expiresAt: number;
    at: Date;
  }): Promise<void>;
  /** The live session with this (hashed) id, or null. */
  findSession(hash: string, now: number): Promise<WebSession | null>;
  deleteSession(hash: string): Promise<void>;
  insertMagicLink(l: { hash: string; email: string; expiresAt: number; at: Date }): Promise<void>;
  /** Spends a magic link once: the email it signs in, or why not (race-free). */
  useMagicLink(hash: string, at: Date): Promise<{ email: string } | { problem: MagicLinkProblem }>;
  /** Counts one attempt in a fixed window and returns the count so far in that window. */
  hit(key: string, windowMs: number, now: number): Promise<number>;
}

/** The WebStore on the same Kysely handle (and database) as the main store. */
export class KyselyWebStore implements WebStore {
  readonly #db: Db;

  constructor(db: Kysely<Database>) {
    this.#db = db as unknown as Db;
  }

  async createSession(s: {
    hash: string;
    email: string;
    csrf: string;
    expiresAt: number;
    at: Date;
  }) {
    await this.#db
      .insertInto("web_sessions")
      .values({
        hash: s.hash,
        email: s.email,
        csrf: s.csrf,
        expires_at: s.expiresAt,
        created_at: s.at.toISOString(),
      })
      .execute();
  }

  async findSession(hash: string, now: number): Promise<WebSession | null> {
    const r = await this.#db
      .selectFrom("web_sessions")
      .select(["email", "csrf", "expires_at"])
      .where("hash", "=", hash)
      .where("expires_at", ">", now)
      .executeTakeFirst();
    return r ? { email: r.email, csrf: r.csrf, expiresAt: Number(r.expires_at) } : null;
  }

  async deleteSession(hash: string) {
    await this.#db.deleteFrom("web_sessions").where("hash", "=", hash).execute();
  }

  async insertMagicLink(l: { hash: string; email: string; expiresAt: number; at: Date }) {
    await this.#db
      .insertInto("magic_links")
      .values({
        hash: l.hash,
        email: l.email,
        expires_at: l.expiresAt,
        created_at: l.at.toISOString(),
      })
      .execute();
  }

  async useMagicLink(hash: string, at: Date) {
    const row = await this.#db
      .selectFrom("magic_links")
      .select(["email", "expires_at", "used_at"])
      .where("hash", "=", hash)
      .executeTakeFirst();
    if (!row) return { problem: "unknown" as const };
    if (row.used_at) return { problem: "used" as const };
    if (Number(row.expires_at) <= at.getTime()) return { problem: "expired" as const };
    // The conditional update is the single use: of two racing clicks, one updates the row.
    const r = await this.#db
      .updateTable("magic_links")
      .set({ used_at: at.toISOString() })
      .where("hash", "=", hash)
      .where("used_at", "is", null)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1 ? { email: row.email } : { problem: "used" as const };
  }

  async hit(key: string, windowMs: number, now: number): Promise<number> {
    // One statement, so attempts made at the same moment each count: a read then a write would
    // let two of them read the same count and both write it plus one.
    const expired = sql<boolean>`rate_limits.window_start + ${windowMs} <= ${now}`;
    const row = await this.#db
      .insertInto("rate_limits")
      .values({ key, window_start: now, count: 1 })
      .onConflict((oc) =>
        oc.column("key").doUpdateSet({
          window_start: sql<number>`case when ${expired} then ${now} else rate_limits.window_start end`,
          count: sql<number>`case when ${expired} then 1 else rate_limits.count + 1 end`,
        }),
      )
      .returning("count")
      .executeTakeFirstOrThrow();
    return Number(row.count);
  }
}

/** The web store of a Kysely-backed Store (the only kind there is). */
export function webStoreFor(store: Store): WebStore {
  const kysely = (store as Partial<KyselyStore>).kysely;
  if (!kysely) throw new Error("the web app needs a Kysely-backed store");
  return new KyselyWebStore(kysely);
}
