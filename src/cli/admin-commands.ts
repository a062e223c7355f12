import type { Command } from "commander";
import { createApiToken } from "../app/api-tokens.ts";
import { VouchError } from "../domain/errors.ts";
import { sweepTimers } from "../jobs/timer-sweep.ts";
import { out, withDeps } from "./context.ts";

export function registerAdminCommands(program: Command): void {
  program
    .command("serve")
    .description(
      "run the web app, the API, the SMTP listener and the workers (what npm start runs)",
    )
    .action(async () => {
      const { startServer } = await import("../server.ts");
      await startServer();
    });

  program
    .command("migrate")
    .description("bring the database schema up to date")
    .option("--json", "print JSON")
    .action(async (o) => {
      await withDeps(async (_deps, config, store) => {
        // withDeps already migrated; run again to report (it is idempotent).
        const ran = await store.migrate();
        out(
          o.json,
          { database: store.kind, ran },
          `${store.kind}${config.databaseUrl ? "" : ` in ${config.dataDir}`}: schema up to date`,
        );
      });
    });

  program
    .command("token")
    .description("personal API tokens")
    .command("create")
    .description("create a personal API token for a person; it is printed once")
    .requiredOption("--email <email>", "whose token")
    .option("--label <label>", "a note to recognise it by", "api")
    .option("--json", "print JSON")
    .action(async (o) => {
      await withDeps(async (deps) => {
        const token = await createApiToken(deps, o.email, o.label);
        out(o.json, { email: o.email.toLowerCase(), token }, token);
      });
    });

  program
    .command("timers")
    .description("timers")
    .command("run")
    .description("run every timer due at an instant, once, then exit")
    .option("--as-of <iso>", "the instant (ISO-8601); default now")
    .option("--json", "print JSON")
    .action(async (o) => {
      const asOf = o.asOf ? new Date(o.asOf) : new Date();
      if (Number.isNaN(asOf.getTime()) || (o.asOf && !/^\d{4}-\d{2}-\d{2}/.test(o.asOf))) {
        throw new VouchError(
          "INVALID_INPUT",
          `--as-of must be an ISO-8601 time like 2026-12-08T10:00:00Z (got "${o.asOf}")`,
        );
      }
      await withDeps(
        async (deps) => {
          const r = await sweepTimers(deps, asOf);
          out(
            o.json,
            { asOf: asOf.toISOString(), ...r },
            `${r.fired} timer(s) fired as of ${asOf.toISOString()}${r.stale ? ` (${r.stale} stale)` : ""}`,
          );
        },
        { now: asOf },
      );
    });
}
