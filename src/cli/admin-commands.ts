import type { Command } from "commander";
import { createApiToken, listApiTokens, revokeApiTokens } from "../app/api-tokens.ts";
import { VouchError } from "../domain/errors.ts";
import { sweepTimers } from "../jobs/timer-sweep.ts";
import { cliIo, out, withDeps } from "./context.ts";

export function registerAdminCommands(program: Command): void {
  program
    .command("serve")
    .description(
      "run the web app, the API, the SMTP listener and the workers (what npm start runs)",
    )
    .action(async () => {
      const { startServer } = await import("../server.ts");
      await startServer(cliIo().env);
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

  const token = program.command("token").description("personal API tokens");
  token
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
  token
    .command("list")
    .description("a person's API tokens, newest first: id, label, created, last used")
    .requiredOption("--email <email>", "whose tokens")
    .option("--json", "print JSON")
    .action(async (o) => {
      await withDeps(async (deps) => {
        const list = await listApiTokens(deps, o.email);
        const day = (iso: string | null) => (iso ? iso.slice(0, 16).replace("T", " ") : "never");
        out(
          o.json,
          list,
          list.length
            ? list
                .map(
                  (t) =>
                    `${t.id}  ${t.label}  created ${day(t.createdAt)}  last used ${day(t.lastUsedAt)}`,
                )
                .join("\n")
            : `no API tokens for ${o.email}`,
        );
      });
    });
  token
    .command("revoke [id-or-token]")
    .description(
      "revoke an API token at once: the token itself, or its id from 'token list' with --email; or --all of a person's",
    )
    .option("--email <email>", "whose token (needed with an id or --all; checked with a token)")
    .option("--all", "every token of --email")
    .option("--json", "print JSON")
    .action(async (which: string | undefined, o) => {
      const usage =
        "say which token: vouch token revoke vch_…, vouch token revoke ID --email E, or vouch token revoke --all --email E";
      let target: Parameters<typeof revokeApiTokens>[1];
      if (o.all) {
        if (!o.email || which) throw new VouchError("INVALID_INPUT", usage);
        target = { allOf: o.email };
      } else if (which?.startsWith("vch_")) {
        // With --email, the token must be that person's (checked before anything is revoked).
        target = { token: which, email: o.email };
      } else if (which && o.email) {
        target = { id: which, email: o.email };
      } else {
        throw new VouchError("INVALID_INPUT", usage);
      }
      await withDeps(async (deps) => {
        const ids = await revokeApiTokens(deps, target);
        out(o.json, { revoked: ids }, `revoked ${ids.length} token(s): ${ids.join(", ")}`);
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
        { now: asOf, mailLinks: true },
      );
    });
}
