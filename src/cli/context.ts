import { readFileSync } from "node:fs";
import type { AppDeps } from "../app/deps.ts";
import { type Config, loadConfig } from "../config.ts";
import { VouchError } from "../domain/errors.ts";
import type { KyselyStore } from "../store/kysely-store.ts";
import { linkSecret, openStore } from "../store/open-store.ts";

/** Opens the configured store (bringing its schema up to date) for one CLI command. */
export async function withDeps<T>(
  fn: (deps: AppDeps, config: Config, store: KyselyStore) => Promise<T>,
  opts: { now?: Date } = {},
): Promise<T> {
  const config = loadConfig();
  const store = openStore(config, { poolSize: 2 });
  try {
    await store.migrate();
    const deps: AppDeps = {
      store,
      secret: await linkSecret(store),
      mailDomain: config.mailDomain,
      publicUrl: config.publicUrl,
      timerPolicy: config.timerPolicy,
      now: () => opts.now ?? new Date(),
    };
    return await fn(deps, config, store);
  } finally {
    await store.close();
  }
}

/** Prints JSON alone on stdout (for scripts) or a human line. */
export function out(json: boolean, value: unknown, human: string): void {
  process.stdout.write(json ? `${JSON.stringify(value, null, 2)}\n` : `${human}\n`);
}

/** Reads a text file named on the command line; a missing or unreadable one is INVALID_INPUT. */
export function readTextFile(path: string, what: string): string {
  try {
    return readFileSync(path, "utf8").replace(/^\uFEFF/, "");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new VouchError(
      "INVALID_INPUT",
      `cannot read ${what} ${path}${code ? ` (${code})` : ""}`,
      {
        field: what,
      },
    );
  }
}
