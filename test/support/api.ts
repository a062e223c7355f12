// The HTTP app on a fresh SQLite store, with API tokens for the given people, called without a
// socket (app.request).
import type { AppDeps } from "../../src/app/deps.ts";
import { httpApp } from "../../src/http/app.ts";
import { testDeps, tokensFor } from "./app.ts";
import { openTestDb, type TestDb } from "./databases.ts";

export interface ApiHarness {
  db: TestDb;
  deps: AppDeps;
  app: ReturnType<typeof httpApp>;
  tok: Record<string, string>;
  /** Calls as a named person (or with a raw token, or anonymously with null). */
  call(
    who: string | null,
    method: string,
    path: string,
    body?: unknown,
    // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON
  ): Promise<{ status: number; json: any }>;
}

export async function apiHarness(people: Record<string, string>): Promise<ApiHarness> {
  const db = await openTestDb("sqlite");
  const deps = testDeps(db.store);
  const app = httpApp(deps, { log: () => {} });
  const tok = await tokensFor(deps, people);
  const call: ApiHarness["call"] = async (who, method, path, body) => {
    const headers: Record<string, string> = {};
    if (who) headers.authorization = `Bearer ${tok[who] ?? who}`;
    if (body !== undefined) headers["content-type"] = "application/json";
    const res = await app.request(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, json: await res.json() };
  };
  return { db, deps, app, tok, call };
}
