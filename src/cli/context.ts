import { AsyncLocalStorage } from "node:async_hooks";
import { readFileSync } from "node:fs";
import type { AppDeps } from "../app/deps.ts";
import { knownZone } from "../app/time-zone.ts";
import { type Config, loadConfig } from "../config.ts";
import { VouchError } from "../domain/errors.ts";
import type { KyselyStore } from "../store/kysely-store.ts";
import { linkSecret, openStore, rememberedPublicUrl } from "../store/open-store.ts";

/** Where one CLI run reads and writes: the process's own streams, or a caller's (tests). */
export interface CliIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  /** The environment the run's configuration is read from (never process.env when injected). */
  env: Record<string, string | undefined>;
  /** What a command reads from standard input (process.stdin, made only when first asked for). */
  readonly stdin: NodeJS.ReadableStream;
}

const running = new AsyncLocalStorage<CliIo>();

/**
 * The process's own streams and environment (what `vouch` uses when run as a command), each
 * replaced by the one `given` has.
 */
export function processIo(given: Partial<CliIo> = {}): CliIo {
  return {
    stdout: given.stdout ?? process.stdout,
    stderr: given.stderr ?? process.stderr,
    env: given.env ?? process.env,
    get stdin() {
      return given.stdin ?? process.stdin;
    },
  };
}

/** Runs `fn` with `io` as the CLI's streams and environment, for it and all it awaits. */
export function withIo<T>(io: CliIo, fn: () => Promise<T>): Promise<T> {
  return running.run(io, fn);
}

/** The streams and environment of the CLI run in progress (the process's outside a run). */
export function cliIo(): CliIo {
  return running.getStore() ?? processIo();
}

/** The configuration of the run in progress, from its environment. */
export function cliConfig(): Config {
  return loadConfig(cliIo().env);
}

/** The run's time zone: its TZ when that names a zone, else this machine's. */
export function machineZone(): string | null {
  return knownZone(cliIo().env.TZ) ?? knownZone(Intl.DateTimeFormat().resolvedOptions().timeZone);
}

/**
 * The base of links in the mail a command queues: VOUCH_PUBLIC_URL, else the one the server
 * last started with (kept in the database), so a command run without the server's environment
 * links where the server serves. With neither, a command that queues mail (`mailLinks`) refuses
 * rather than link to a guess; the others get the address this environment would serve.
 */
async function publicUrlFor(config: Config, store: KyselyStore, mailLinks: boolean) {
  if (config.publicUrlSet) return config.publicUrl;
  const remembered = await rememberedPublicUrl(store);
  if (remembered) return remembered;
  if (mailLinks) {
    throw new VouchError(
      "INVALID_CONFIG",
      "No address is known for the links in emails: set VOUCH_PUBLIC_URL, or start the server once (vouch serve)",
      { variable: "VOUCH_PUBLIC_URL" },
    );
  }
  return config.publicUrl;
}

/**
 * Opens the configured store (bringing its schema up to date) for one CLI command. A command
 * that queues mail says so (`mailLinks`), so its links point where the server serves.
 */
export async function withDeps<T>(
  fn: (deps: AppDeps, config: Config, store: KyselyStore) => Promise<T>,
  opts: { now?: Date; mailLinks?: boolean } = {},
): Promise<T> {
  const config = cliConfig();
  const store = openStore(config, { poolSize: 2 });
  try {
    await store.migrate();
    const deps: AppDeps = {
      store,
      secret: await linkSecret(store),
      mailDomain: config.mailDomain,
      publicUrl: await publicUrlFor(config, store, opts.mailLinks ?? false),
      timerPolicy: config.timerPolicy,
      targetAsksPer30Days: config.targetAsksPer30Days,
      now: () => opts.now ?? new Date(),
    };
    return await fn(deps, config, store);
  } finally {
    await store.close();
  }
}

/** Prints JSON alone on stdout (for scripts) or a human line. */
export function out(json: boolean, value: unknown, human: string): void {
  cliIo().stdout.write(json ? `${JSON.stringify(value, null, 2)}\n` : `${human}\n`);
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
