import type { Command } from "commander";
import { retryStored } from "../app/receive-mail.ts";
import { inboundDeps } from "../app/sender-auth.ts";
import { VouchError } from "../domain/errors.ts";
import { out, withDeps } from "./context.ts";
import { mailCommand } from "./mail-outbox.ts";

const STATUSES = [
  "received",
  "processed",
  "ignored",
  "quarantined",
  "duplicate",
  "rejected",
  "held",
  "failed",
] as const;

export function registerMailInbound(program: Command): void {
  const mail = mailCommand(program);
  mail
    .command("inbound")
    .description("received messages and what was done with each")
    .option("--status <status>", `only this status (${STATUSES.join(", ")})`)
    .option("--limit <n>", "at most this many", "100")
    .option("--json", "print JSON")
    .action(async (o) => {
      if (o.status && !STATUSES.includes(o.status)) {
        throw new VouchError("INVALID_INPUT", `--status must be one of ${STATUSES.join(", ")}`);
      }
      await withDeps(async (deps) => {
        const list = (
          await deps.store.listInbound({ status: o.status, limit: Number(o.limit) || 100 })
        ).map(({ raw, ...m }) => ({ ...m, size: raw.length }));
        out(
          o.json,
          list,
          list
            .map(
              (m) =>
                `${m.id}  ${m.receivedAt}  ${m.status.padEnd(11)} ${m.mailFrom} → ${m.rcptTo.join(", ")}${m.error ? `  (${m.error.split("\n")[0]})` : ""}`,
            )
            .join("\n") || "nothing received",
        );
      });
    });
  mail
    .command("retry <id>")
    .description("process a stored received message again (after a failure)")
    .option("--json", "print JSON")
    .action(async (id: string, o) => {
      await withDeps(async (deps, config) => {
        const r = await retryStored(inboundDeps(deps, config), id);
        out(o.json, r, `${r.id}: ${r.status}`);
      });
    });
}
