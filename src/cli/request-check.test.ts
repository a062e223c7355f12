import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Command } from "commander";
import { afterAll, describe, expect, it } from "vitest";
import { isVouchError } from "../domain/errors.ts";
import { registerRequestCheck } from "./request-check.ts";

const dir = mkdtempSync(join(tmpdir(), "vouch-request-check-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A corpus request as a user would pass it: without the corpus header. */
function fixture(name: string): string {
  const raw = readFileSync(
    new URL(`../../test/fixtures/requests/${name}`, import.meta.url),
    "utf8",
  );
  const path = join(dir, name);
  writeFileSync(path, raw.slice(raw.indexOf("\n---\n") + 5));
  return path;
}

function file(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

async function run(args: string[]): Promise<string> {
  let out = "";
  const program = new Command("vouch").exitOverride();
  registerRequestCheck(program, {
    write: (s) => {
      out += s;
    },
    now: () => new Date("2026-01-05T10:00:00Z"),
  });
  await program.parseAsync(args, { from: "user" });
  return out;
}

const profile = file(
  "maya.json",
  JSON.stringify({ name: "Maya", companies: ["Snapchat", "Instagram", "SpaceX"] }),
);

describe("vouch request check", () => {
  it("prints { score, findings } alone on stdout with --json", async () => {
    const out = await run([
      "request",
      "check",
      fixture("001-seed-alice-maya.txt"),
      "--target-profile",
      profile,
      "--json",
    ]);
    const json = JSON.parse(out);
    expect(Object.keys(json).sort()).toEqual(["findings", "score"]);
    expect(json.score).toBe(100);
    expect(json.findings).toEqual([]);
  });

  it("reports the seed's anti-pattern as an error, and still exits normally", async () => {
    const out = await run([
      "request",
      "check",
      fixture("002-seed-antipattern-forward-to-people.txt"),
      "--json",
    ]);
    const json = JSON.parse(out) as {
      score: number;
      findings: { rule: string; severity: string; message: string; fix: string }[];
    };
    expect(json.findings.find((f) => f.rule === "no-target")?.severity).toBe("error");
    for (const f of json.findings) {
      expect(typeof f.message).toBe("string");
      expect(["error", "warning", "tip"]).toContain(f.severity);
    }
    expect(json.score).toBeLessThan(100);
  });

  it("prints a readable report without --json", async () => {
    const out = await run(["request", "check", fixture("007-pick-your-brain-coffee.txt")]);
    expect(out).toMatch(/^Score: \d+\/100 \(0 errors, 2 warnings, 2 tips\)/);
    expect(out).toContain("warning vague-ask:");
    expect(out).toContain("fix: ");
    expect(out).toMatch(/at line \d+: "/);
  });

  it("says so when there is nothing to fix", async () => {
    const out = await run([
      "request",
      "check",
      fixture("001-seed-alice-maya.txt"),
      "--target-profile",
      profile,
    ]);
    expect(out).toContain("Score: 100/100");
    expect(out).toContain("Nothing to fix");
  });

  it("joins an existing `request` command instead of adding a second one", async () => {
    const program = new Command("vouch").exitOverride();
    program.command("request").command("other");
    registerRequestCheck(program, { write: () => {} });
    expect(program.commands.filter((c) => c.name() === "request")).toHaveLength(1);
    const request = program.commands.find((c) => c.name() === "request")!;
    expect(request.commands.map((c) => c.name()).sort()).toEqual(["check", "other"]);
  });

  const invalid: [string, () => string[], RegExp][] = [
    [
      "a missing file",
      () => ["request", "check", join(dir, "nope.txt")],
      /Cannot read request file .*nope\.txt \(ENOENT\)/,
    ],
    ["an empty file", () => ["request", "check", file("empty.txt", "  \n")], /is empty/],
    [
      "a profile that is not JSON",
      () => [
        "request",
        "check",
        fixture("003-support-scaling-good.txt"),
        "--target-profile",
        file("bad.json", "{name: Maya"),
      ],
      /Invalid target profile .*bad\.json: not JSON/,
    ],
    [
      "a profile of the wrong shape",
      () => [
        "request",
        "check",
        fixture("003-support-scaling-good.txt"),
        "--target-profile",
        file("shape.json", '{"companies": "Stripe"}'),
      ],
      /Invalid target profile .*shape\.json: companies: /,
    ],
    [
      "a missing profile",
      () => [
        "request",
        "check",
        fixture("003-support-scaling-good.txt"),
        "--target-profile",
        join(dir, "none.json"),
      ],
      /Cannot read target profile/,
    ],
  ];

  it.each(invalid)(
    "rejects %s with INVALID_INPUT and a one-line message",
    async (_what, args, message) => {
      const err = await run(args()).then(
        () => null,
        (e: unknown) => e,
      );
      expect(isVouchError(err)).toBe(true);
      if (!isVouchError(err)) return;
      expect(err.code).toBe("INVALID_INPUT");
      expect(err.message).toMatch(message);
      expect(err.message).not.toContain("\n");
    },
  );
});
