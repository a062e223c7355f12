import type { Command } from "commander";
import { createIntro, splitSubjectLine } from "../app/create-intro.ts";
import { listIntros, readIntro } from "../app/read-intros.ts";
import { knownZone, timeZonePreference } from "../app/time-zone.ts";
import { VouchError } from "../domain/errors.ts";
import { parseMailbox, parsePerson } from "../domain/person.ts";
import { STATUSES, type Status } from "../domain/types.ts";
import type { IntroView } from "../domain/view.ts";
import { machineZone, out, readTextFile, withDeps } from "./context.ts";

function line(i: IntroView): string {
  return `${i.id}  ${i.status.padEnd(19)} ${i.subject}  (next: ${i.nextTimerAt ?? "—"})`;
}

export function registerIntroCommands(program: Command): void {
  const intro = program.command("intro").description("create, list and show intros");

  intro
    .command("create")
    .description("check and submit a request; the introducer is emailed")
    .requiredOption("--requester <mailbox>", 'the requester, "Alice <alice@example.com>"')
    .requiredOption("--introducer <mailbox>", 'the introducer, "Jane <jane@example.com>"')
    .requiredOption("--target <mailbox>", 'the target, "Maya <maya@example.com>" or just "Maya"')
    .requiredOption(
      "--request-file <file>",
      "the plain-text request (first line may be 'Subject: …')",
    )
    .option("--target-profile <file>", "JSON research notes about the target")
    .option(
      "--time-zone <zone>",
      "the requester's time zone (IANA, e.g. Europe/Paris), to read times the request proposes; default: their setting, else this machine's",
    )
    .option("--draft", "keep it as a draft instead of submitting")
    .option("--json", "print the intro as JSON")
    .action(async (o) => {
      const requester = parsePerson(o.requester, "--requester");
      const introducer = parsePerson(o.introducer, "--introducer");
      const target = parseMailbox(o.target, "--target", { requireEmail: false });
      const { subject, body } = splitSubjectLine(readTextFile(o.requestFile, "--request-file"));
      let targetProfile: Record<string, unknown> | undefined;
      if (o.targetProfile) {
        try {
          targetProfile = JSON.parse(readTextFile(o.targetProfile, "--target-profile"));
        } catch (e) {
          if (e instanceof VouchError) throw e;
          throw new VouchError(
            "INVALID_INPUT",
            `--target-profile ${o.targetProfile} is not valid JSON`,
          );
        }
      }
      if (o.timeZone !== undefined && !knownZone(o.timeZone)) {
        throw new VouchError(
          "INVALID_INPUT",
          `--time-zone "${o.timeZone}" is not a time zone (IANA, like Europe/Paris)`,
          { field: "--time-zone" },
        );
      }
      await withDeps(
        async (deps) => {
          // Times the request proposes are read where the requester is, as the web composer
          // does: the zone given, else their setting, else this machine's.
          const timeZone =
            knownZone(o.timeZone) ??
            (await timeZonePreference(deps.store, requester.email)) ??
            machineZone() ??
            undefined;
          const created = await createIntro(
            deps,
            {
              requester,
              introducer,
              target,
              subject,
              requestText: body,
              targetProfile,
              submit: !o.draft,
              timeZone,
            },
            "cli",
          );
          const view = await readIntro(deps, created.id, { operator: true });
          out(
            o.json,
            view,
            `${line(view)}\n${o.draft ? "saved as a draft" : `sent to ${introducer.name} <${introducer.email}>`}`,
          );
        },
        { mailLinks: !o.draft },
      );
    });

  intro
    .command("list")
    .description("list intros, newest first")
    .option("--status <status>", `only this status (${STATUSES.join(", ")})`)
    .option("--email <email>", "only intros this person takes part in")
    .option("--limit <n>", "at most this many", "100")
    .option("--json", "print JSON")
    .action(async (o) => {
      if (o.status && !STATUSES.includes(o.status)) {
        throw new VouchError("INVALID_INPUT", `--status must be one of ${STATUSES.join(", ")}`);
      }
      const limit = Number(o.limit);
      if (!Number.isInteger(limit) || limit < 1)
        throw new VouchError("INVALID_INPUT", "--limit must be a positive whole number");
      await withDeps(async (deps) => {
        // The operator's list: every intro, unredacted.
        const views = await listIntros(deps, { status: o.status as Status | undefined, limit });
        const filtered = o.email
          ? views.filter((v) =>
              [v.requester.email, v.introducer.email, v.target.email].includes(
                o.email.toLowerCase(),
              ),
            )
          : views;
        out(o.json, filtered, filtered.map(line).join("\n") || "no intros");
      });
    });

  intro
    .command("show <id>")
    .description("one intro with its history")
    .option("--json", "print JSON")
    .action(async (id: string, o) => {
      await withDeps(async (deps) => {
        const v = await readIntro(deps, id, { operator: true });
        const history = v.events.map(
          (e) => `  ${e.at}  ${e.actor.padEnd(10)} ${e.type} (${e.channel})`,
        );
        out(
          o.json,
          v,
          [
            line(v),
            `  requester:  ${v.requester.name} <${v.requester.email}>`,
            `  introducer: ${v.introducer.name} <${v.introducer.email}>`,
            `  target:     ${v.target.name}${v.target.email ? ` <${v.target.email}>` : ""}`,
            `  thread:     ${v.threadAddress}`,
            ...history,
          ].join("\n"),
        );
      });
    });
}
