import { createReadStream, statSync } from "node:fs";
import { basename } from "node:path";
import type { Command } from "commander";
import { importContacts, setPathSharing } from "../app/contacts.ts";
import { importFormat } from "../app/import-format.ts";
import { findPaths } from "../app/paths.ts";
import { IMPORT_FORMATS } from "../contacts/types.ts";
import { VouchError } from "../domain/errors.ts";
import { out, withDeps } from "./context.ts";
import { progressBar } from "./progress-bar.ts";

/** The size of a file named on the command line; a missing or unreadable one is INVALID_INPUT. */
function fileSize(path: string): number {
  try {
    const s = statSync(path);
    if (!s.isFile()) throw Object.assign(new Error("not a file"), { code: "EISDIR" });
    return s.size;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new VouchError("INVALID_INPUT", `cannot read FILE ${path}${code ? ` (${code})` : ""}`, {
      field: "file",
    });
  }
}

export function registerContactsCommands(program: Command): void {
  program
    .command("contacts")
    .description("members' contacts, for warm paths")
    .command("import <file>")
    .description(
      "import a member's contacts: a LinkedIn Connections.csv, a Google or Outlook CSV, a vCard file or an mbox (headers only)",
    )
    .requiredOption("--owner <email>", "the member whose contacts these are")
    .option("--format <format>", `${IMPORT_FORMATS.join(" | ")} (default: found from the file)`)
    .option("--json", "print JSON")
    .action(async (file: string, o) => {
      const format = importFormat(o.format);
      const total = fileSize(file);
      // Control characters in a file name are never written raw to the terminal.
      const label = basename(file)
        .replace(/\p{Cc}/gu, "?")
        .slice(0, 40);
      const bar = progressBar(process.stderr, label, total, !o.json);
      await withDeps(async (deps) => {
        let ok = false;
        const input = createReadStream(file);
        try {
          const r = await importContacts(deps, {
            owner: o.owner,
            format,
            fileName: file,
            input,
            onProgress: (bytes) => bar.update(bytes),
          });
          ok = true;
          bar.finish(true);
          const skips = r.skipped.map((s) => `  line ${s.line}: ${s.reason}`).join("\n");
          out(
            o.json,
            r,
            `${r.imported} imported, ${r.updated} updated, ${r.skipped.length} skipped${skips ? `\n${skips}` : ""}`,
          );
        } finally {
          if (!ok) bar.finish(false);
          // Refused before reading it (a bad owner, say): close the file, and let an error of
          // its late open (the file gone meanwhile) end with the command, not after it.
          input.on("error", () => {});
          input.destroy();
        }
      });
    });

  const paths = program.command("paths").description("warm paths: who can introduce whom");
  paths
    .command("share <email> <on-or-off>")
    .description(
      "a member's consent to be shown as a path to the people they know (default off): others then see their name, the one contact found, its company, and why the tie is strong",
    )
    .option("--json", "print JSON")
    .action(async (email: string, onOff: string, o) => {
      const v = onOff.trim().toLowerCase();
      if (v !== "on" && v !== "off")
        throw new VouchError("INVALID_INPUT", `say on or off (got "${onOff.slice(0, 20)}")`, {
          field: "on-or-off",
        });
      await withDeps(async (deps) => {
        await setPathSharing(deps, email, v === "on");
        const e = email.trim().toLowerCase();
        out(
          o.json,
          { email: e, sharing: v === "on" },
          v === "on"
            ? `${e} is now shown as a path to the people they know`
            : `${e} is no longer shown as a path`,
        );
      });
    });

  paths
    .command("find")
    .description("who can introduce the requester to someone: best first, only members who agreed")
    .requiredOption("--requester <email>", "who is asking")
    .option("--target <email>", "the person's email address")
    .option("--name <text>", "the person's name")
    .option("--company <text>", "anyone at this company")
    .option("--limit <n>", "at most this many paths (default 10, at most 50)")
    .option("--json", "print JSON")
    .action(async (o) => {
      const limit = o.limit === undefined ? undefined : Number(o.limit);
      if (limit !== undefined && !(Number.isInteger(limit) && limit >= 1))
        throw new VouchError("INVALID_INPUT", "--limit must be a whole number from 1", {
          field: "--limit",
        });
      await withDeps(async (deps) => {
        const found = await findPaths(deps, {
          requester: o.requester,
          target: o.target,
          name: o.name,
          company: o.company,
          limit,
        });
        out(
          o.json,
          found,
          found.length
            ? found
                .map(
                  (p) =>
                    `${p.strength.toFixed(2)}  ${p.introducer.name} <${p.introducer.email}> knows ${p.contact.name ?? "them"}${p.contact.company ? ` (${p.contact.company})` : ""}\n${p.reasons.map((r) => `      ${r}`).join("\n")}`,
                )
                .join("\n")
            : "no path found among the members who agreed to be shown",
        );
      });
    });
}
