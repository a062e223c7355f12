// The CLI given random arguments, random files and environments, run in-process (runCli, as
// bin/vouch does, with its own streams and environment):
// whatever it is given, it never prints a stack trace, and a failure is one line
// `vouch: <message>` on stderr with a non-zero exit.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Command } from "commander";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildProgram } from "../src/cli/main.ts";
import { vouch } from "./support/cli.ts";
import { SEED_FILE } from "./support/seed.ts";

let dir: string;
let dataDir: string;
const files: string[] = [];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "vouch-cli-fuzz-"));
  dataDir = join(dir, "data");
  mkdirSync(join(dir, "a-directory"));
  const fixed: [string, string | Buffer][] = [
    ["empty.txt", ""],
    ["binary.bin", Buffer.from([0, 255, 254, 0x80, 0x0d, 0x0a, 0x1b, 0])],
    ["profile.json", JSON.stringify({ name: "Maya", companies: ["Snapchat"] })],
    ["bad.json", "{ not json"],
    ["array.json", "[1, 2, 3]"],
    ["huge.txt", `Subject: ${"s".repeat(500)}\n\n${"word ".repeat(5000)}`],
    ["reply.eml", "From: Maya <maya@example.com>\r\nSubject: Re: x\r\n\r\nSure, happy to!\r\n"],
  ];
  for (const [name, content] of fixed) {
    writeFileSync(join(dir, name), content);
    files.push(join(dir, name));
  }
  files.push(SEED_FILE, join(dir, "a-directory"), join(dir, "missing.txt"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Every command but serve (which keeps running), with its options and arguments. */
function commands() {
  const out: { path: string[]; options: { flag: string; takesValue: boolean }[]; args: number }[] =
    [];
  const walk = (c: Command, prefix: string[]) => {
    for (const s of c.commands) {
      const path = [...prefix, s.name()];
      if (path[0] === "serve") continue;
      out.push({
        path,
        options: s.options.map((o) => ({
          flag: o.long ?? o.short ?? "",
          takesValue: o.required || o.optional,
        })),
        args: s.registeredArguments.length,
      });
      walk(s, path);
    }
  };
  walk(buildProgram(), []);
  return out;
}

const hostile = fc.oneof(
  fc.string({ unit: "grapheme", maxLength: 30 }),
  fc.string({ unit: "binary", maxLength: 30 }),
  fc.constantFrom(
    "",
    "-",
    "--",
    "--json",
    "--help",
    "-x",
    "--nope",
    "Alice <alice@example.com>",
    "Jane <jane@example.com>",
    "Maya",
    "alice@example.com",
    "Al\u202Eice <alice@example.com>",
    "x\r\nBcc: eve@evil.test",
    "vch_nope",
    "0123456789ab",
    "2026-12-08T10:00:00Z",
    "9999-99-99",
    "requested",
    "-1",
    "1e9",
    "in_nope",
  ),
);

describe("the CLI, fuzzed", () => {
  it("never prints a stack trace; a failure is one line and a non-zero exit", async () => {
    const all = commands();
    const token = fc.oneof(
      hostile,
      fc.nat().map((i) => files[i % files.length] as string),
    );
    // Each file argument may also be a fresh random file.
    const randomFile = fc
      .oneof(fc.string({ unit: "grapheme", maxLength: 400 }), fc.string({ unit: "binary" }))
      .map((content) => {
        const f = join(dir, `random-${files.length}-${Math.random().toString(36).slice(2)}.txt`);
        writeFileSync(f, content);
        return f;
      });
    const invocation = fc
      .record({
        command: fc.nat(),
        picks: fc.array(
          fc.record({ option: fc.nat(), value: fc.oneof(token, randomFile), valued: fc.boolean() }),
          { maxLength: 5 },
        ),
        positional: fc.array(fc.oneof(token, randomFile), { maxLength: 2 }),
        env: fc.oneof(
          { weight: 5, arbitrary: fc.constant({}) },
          fc.constantFrom<Record<string, string>>(
            { VOUCH_HTTP_PORT: "eighty" },
            { VOUCH_DEV_MAIL: "maybe" },
            { VOUCH_DATABASE_URL: "mysql://nope" },
            { VOUCH_SMTP_RELAY_URL: "smtp://127.0.0.1:9" },
          ),
        ),
      })
      .map(({ command, picks, positional, env }) => {
        const c = all[command % all.length] as (typeof all)[number];
        const argv = [...c.path];
        for (const p of picks) {
          const o = c.options[p.option % Math.max(1, c.options.length)];
          if (o && p.valued) argv.push(o.flag, ...(o.takesValue ? [p.value] : []));
          else argv.push(p.value);
        }
        argv.push(...positional);
        return { argv, env: { VOUCH_DATA_DIR: dataDir, ...env } };
      });

    await fc.assert(
      fc.asyncProperty(invocation, async ({ argv, env }) => {
        const r = await vouch(argv, env);
        const where = `vouch ${JSON.stringify(argv)} → ${r.code}: ${r.stderr.slice(0, 300)}`;
        for (const text of [r.stdout, r.stderr])
          expect(text, where).not.toMatch(/\n\s+at .+:\d+:\d+|unexpected error/);
        if (r.code !== 0) expect(r.stderr, where).toMatch(/^vouch: [^\n]+\n$/);
        else expect(r.stderr, where).toBe("");
      }),
      { numRuns: Number(process.env.FUZZ_RUNS) || 300 },
    );
  }, 180_000);
});
