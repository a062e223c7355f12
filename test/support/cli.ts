// Runs the `vouch` CLI as a user or script would: in this process (runCli with its own streams
// and environment, as src/main.ts runs it), or, for the few tests about the process itself
// (exit codes, pipes, signals), in a child process.
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { runCli } from "../../src/cli/main.ts";
import { SEED_FILE } from "./seed.ts";

export const MAIN = fileURLToPath(new URL("../../src/main.ts", import.meta.url));

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `vouch ARGS` in this process, with `env` as its whole environment. */
export async function vouch(
  args: string[],
  env: Record<string, string | undefined>,
): Promise<CliResult> {
  let stdout = "";
  let stderr = "";
  const code = await runCli(args, {
    env: { ...env },
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
  });
  return { code, stdout, stderr };
}

/** `vouch ARGS` in a child Node, with `env` (and PATH and HOME) as its environment. */
export function vouchProcess(
  args: string[],
  env: Record<string, string | undefined>,
): Promise<CliResult> {
  const child = spawn(process.execPath, [MAIN, ...args], {
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
  child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("close", (code) => resolve({ code, stdout, stderr }));
  });
}

/** `intro create … --json` for the seed request from `requester` to Jane, about Maya. */
export function introCreateArgs(requester = "Alice <alice@example.com>"): string[] {
  return [
    "intro",
    "create",
    "--requester",
    requester,
    "--introducer",
    "Jane <jane@example.com>",
    "--target",
    "Maya <maya@example.com>",
    "--request-file",
    SEED_FILE,
    "--json",
  ];
}
