import { Command, CommanderError } from "commander";
import { isVouchError } from "../domain/errors.ts";
import { registerAdminCommands } from "./admin-commands.ts";
import { registerIntroCommands } from "./intro-commands.ts";
import { registerMailClassify } from "./mail-classify.ts";
import { registerMailInbound } from "./mail-inbound.ts";
import { registerMailOutbox } from "./mail-outbox.ts";
import { registerRequestCheck } from "./request-check.ts";

/** The `vouch` program; commands register themselves by area. */
export function buildProgram(): Command {
  const program = new Command("vouch")
    .description("Vouch: double opt-in warm introductions")
    .showHelpAfterError(false)
    .exitOverride()
    .configureOutput({
      // Commander's own usage errors become our one-line format.
      writeErr: (s) => {
        if (!s.startsWith("error:")) process.stderr.write(s);
      },
    });
  registerAdminCommands(program);
  registerIntroCommands(program);
  registerMailOutbox(program);
  registerMailClassify(program);
  registerMailInbound(program);
  registerRequestCheck(program);
  return program;
}

/** Runs the CLI; every failure is one line on stderr and a non-zero exit. */
export async function runCli(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv, { from: "user" });
    return 0;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.exitCode === 0) return 0; // --help, --version
      process.stderr.write(`vouch: ${e.message.replace(/^error:\s*/, "")}\n`);
      return 2;
    }
    if (isVouchError(e)) {
      process.stderr.write(`vouch: ${e.message}\n`);
      return 1;
    }
    process.stderr.write(`vouch: unexpected error: ${(e as Error)?.message ?? e}\n`);
    if (process.env.VOUCH_DEBUG) console.error(e);
    return 1;
  }
}
