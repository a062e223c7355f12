import type { Command } from "commander";
import { z } from "zod";
import {
  type CoachReport,
  checkRequest,
  type Finding,
  type TargetProfile,
} from "../domain/coach/index.ts";
import { VouchError } from "../domain/errors.ts";
import { cliIo, readTextFile } from "./context.ts";

/** The research notes about the target; unknown keys are ignored. */
const TargetProfileSchema = z.object({
  name: z.string().optional(),
  role: z.string().optional(),
  companies: z.array(z.string()).optional(),
  interests: z.array(z.string()).optional(),
  notes: z.string().optional(),
});

export type RequestCheckDeps = {
  /** Where output goes; stdout by default. */
  write?: (s: string) => void;
  /** The reference date for "this Friday"; the current time by default. */
  now?: () => Date;
};

function readProfile(path: string): TargetProfile {
  const raw = readTextFile(path, "target profile");
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (e) {
    throw new VouchError(
      "INVALID_INPUT",
      `invalid target profile ${path}: not JSON (${(e as Error).message})`,
      { field: "target-profile" },
    );
  }
  const parsed = TargetProfileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? `${issue.path.join(".")}: ` : "";
    throw new VouchError(
      "INVALID_INPUT",
      `invalid target profile ${path}: ${where}${issue?.message ?? "invalid"}`,
      { field: "target-profile" },
    );
  }
  return parsed.data;
}

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text[i] === "\n") line++;
  return line;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/** The readable report printed without --json. */
export function formatReport(report: CoachReport, text: string): string {
  const count = (s: Finding["severity"]) => report.findings.filter((f) => f.severity === s).length;
  const out = [
    `Score: ${report.score}/100 (${plural(count("error"), "error")}, ${plural(count("warning"), "warning")}, ${plural(count("tip"), "tip")})`,
  ];
  if (report.findings.length === 0) {
    out.push("", "Nothing to fix: this request is specific, tailored and ready to forward.");
  }
  for (const f of report.findings) {
    out.push("", `${f.severity.padEnd(7)} ${f.rule}: ${f.message}`);
    if (f.span) {
      const quoted = text.slice(f.span.start, f.span.end).replace(/\s+/g, " ").trim();
      const short = quoted.length > 80 ? `${quoted.slice(0, 79)}…` : quoted;
      out.push(`        at line ${lineOf(text, f.span.start)}: "${short}"`);
    }
    out.push(`        fix: ${f.fix}`);
  }
  if (count("error") > 0) out.push("", "A request with an error cannot be submitted.");
  return `${out.join("\n")}\n`;
}

/** Adds `vouch request check FILE [--target-profile PROFILE.json] [--json]`. */
export function registerRequestCheck(program: Command, deps: RequestCheckDeps = {}): void {
  const write = deps.write ?? ((s: string) => void cliIo().stdout.write(s));
  const request =
    program.commands.find((c) => c.name() === "request") ??
    program.command("request").description("write and check intro requests");
  request
    .command("check")
    .description("run the request quality coach on a plain-text request")
    .argument("<file>", "the request; its first line may be 'Subject: …'")
    .option(
      "--target-profile <file>",
      "JSON research notes: name, role, companies, interests, notes",
    )
    .option("--json", "print { score, findings } as JSON")
    .action((file: string, opts: { targetProfile?: string; json?: boolean }) => {
      const text = readTextFile(file, "request file");
      if (text.trim() === "") {
        throw new VouchError("INVALID_INPUT", `request file ${file} is empty`, { field: "file" });
      }
      const profile = opts.targetProfile ? readProfile(opts.targetProfile) : undefined;
      const report = checkRequest({ text, profile, now: deps.now?.() ?? new Date() });
      write(opts.json ? `${JSON.stringify(report, null, 2)}\n` : formatReport(report, text));
    });
}
