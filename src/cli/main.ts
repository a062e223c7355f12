import { Command, CommanderError } from "commander";
import { isVouchError } from "../domain/errors.ts";
import { registerAdminCommands } from "./admin-commands.ts";
import { registerContactsCommands } from "./contacts-commands.ts";
import { type CliIo, cliIo, processIo, withIo } from "./context.ts";
import { registerIntroCommands } from "./intro-commands.ts";
import { registerMailClassify } from "./mail-classify.ts";
import { registerMailInbound } from "./mail-inbound.ts";
import { registerMailOutbox } from "./mail-outbox.ts";
import { registerRequestCheck } from "./request-check.ts";

/**
 * The `vouch` program, new for each run (commander keeps parsed options on it); commands
 * register themselves by area. Help goes to the run's stdout; nothing calls process.exit.
 */
export function buildProgram(): Command {
  const program = new Command("vouch")
    .description("Vouch: double opt-in warm introductions")
    .showHelpAfterError(false)
    .exitOverride()
    .configureOutput({
      writeOut: (text) => void cliIo().stdout.write(text),
      // Commander's own errors (and the help it shows on one) become our one-line format:
      // runCli prints the line.
      writeErr: () => {},
    });
  registerAdminCommands(program);
  registerIntroCommands(program);
  registerMailOutbox(program);
  registerMailClassify(program);
  registerMailInbound(program);
  registerRequestCheck(program);
  registerContactsCommands(program);
  return program;
}

/**
 * Runs the CLI and resolves to its exit code; every failure is one line on stderr. `io` replaces
 * the process's streams and environment (tests run commands in-process this way); src/main.ts
 * passes none. A run leaves nothing behind: its store is closed and process.env is only read.
 */
export function runCli(argv: string[], io: Partial<CliIo> = {}): Promise<number> {
  return withIo(processIo(io), () => run(argv));
}

async function run(argv: string[]): Promise<number> {
  const { stderr, env } = cliIo();
  const program = buildProgram();
  try {
    await program.parseAsync(argv, { from: "user" });
    return 0;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.exitCode === 0) return 0; // --help, --version
      const message =
        e.code === "commander.help"
          ? missingCommand(program, argv)
          : e.message.replace(/^error:\s*/, "");
      stderr.write(`vouch: ${oneLine(message)}\n`);
      return 2;
    }
    if (isVouchError(e)) {
      stderr.write(`vouch: ${oneLine(e.message)}\n`);
      return 1;
    }
    stderr.write(`vouch: unexpected error: ${oneLine(String((e as Error)?.message ?? e))}\n`);
    if (env.VOUCH_DEBUG) stderr.write(`${(e as Error)?.stack ?? e}\n`);
    return 1;
  }
}

/** A group named without one of its commands (`vouch timers`): which ones there are. */
function missingCommand(program: Command, argv: string[]): string {
  let c = program;
  const path = ["vouch"];
  for (const word of argv) {
    const next = c.commands.find((s) => s.name() === word);
    if (!next) break;
    c = next;
    path.push(word);
  }
  const names = c.commands.map((s) => s.name());
  return names.length
    ? `say which command: ${path.join(" ")} ${names.join(" | ")} (--help for more)`
    : `see ${path.join(" ")} --help`;
}

/**
 * An error is one line whatever it quotes: line breaks become spaces, and other control
 * characters (a terminal escape in a file name, say) are shown escaped, never sent raw.
 */
function oneLine(message: string): string {
  return message
    .replace(/\s*[\r\n]+\s*/g, " ")
    .replace(/\p{Cc}/gu, (ch) => `\\u${(ch.codePointAt(0) ?? 0).toString(16).padStart(4, "0")}`)
    .trim();
}
