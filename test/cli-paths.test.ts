// `vouch contacts import`, `vouch paths share` and `vouch paths find` as INTERFACES.md specifies
// them, run in a child process on both databases, with real-looking exports.
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAIN, vouch } from "./support/cli.ts";
import { DB_KINDS, openTestDb, type TestDb } from "./support/databases.ts";

const FIXTURES = join(import.meta.dirname, "fixtures", "contacts");
const LINKEDIN = join(FIXTURES, "linkedin-connections.csv");
const VCARD = join(FIXTURES, "apple-contacts.vcf");
const MBOX = join(FIXTURES, "takeout.mbox");

for (const kind of DB_KINDS) {
  describe(`warm paths from the CLI on ${kind}`, { timeout: 240_000 }, () => {
    let db: TestDb;
    let env: Record<string, string | undefined>;
    const run = (...args: string[]) => vouch(args, env);
    const json = async (...args: string[]) => {
      const r = await run(...args, "--json");
      expect(r.stderr).toBe("");
      expect(r.code).toBe(0);
      return JSON.parse(r.stdout);
    };

    beforeAll(async () => {
      db = await openTestDb(kind);
      env = { VOUCH_DATA_DIR: db.dataDir, VOUCH_DATABASE_URL: db.databaseUrl };
    });
    afterAll(() => db.drop());

    it("imports a LinkedIn export, reporting each line it skipped, and updates on a second import", async () => {
      const first = await json("contacts", "import", LINKEDIN, "--owner", "jane@example.com");
      expect(first.imported).toBe(6);
      expect(first.updated).toBe(0);
      expect(first.skipped.map((s: { line: number }) => s.line)).toEqual([8, 10, 11]);
      for (const s of first.skipped) expect(Object.keys(s).sort()).toEqual(["line", "reason"]);
      const again = await json(
        "contacts",
        "import",
        LINKEDIN,
        "--owner",
        "jane@example.com",
        "--format",
        "linkedin",
      );
      expect(again).toMatchObject({ imported: 0, updated: 6 });
    });

    it("finds the format of a vCard itself, and folds Maya's LinkedIn row into her card", async () => {
      const r = await json("contacts", "import", VCARD, "--owner", "jane@example.com");
      expect(r).toMatchObject({ imported: 1, updated: 2 });
    });

    it("reads an mbox's headers as the owner's mail", async () => {
      const r = await json("contacts", "import", MBOX, "--owner", "alice@alice.example");
      expect(r.imported).toBeGreaterThan(0);
      expect(r.updated).toBe(0);
    });

    it("shows nobody until they share, then finds Maya by company, name and email", async () => {
      const find = async (...by: string[]) =>
        await json("paths", "find", "--requester", "alice@example.com", ...by);
      expect(await find("--company", "Northwind Robotics")).toEqual([]);
      expect(await json("paths", "share", "jane@example.com", "on")).toEqual({
        email: "jane@example.com",
        sharing: true,
      });
      const [path, ...rest] = await find("--company", "northwind robotics");
      expect(rest).toEqual([]);
      expect(path).toEqual({
        introducer: { name: "jane", email: "jane@example.com" },
        strength: expect.any(Number),
        reasons: [
          expect.stringMatching(/^jane knows Maya Okafor: .*LinkedIn connection since Mar 2024/),
          "You have no tie to jane in Vouch yet",
          "jane has not made an intro through Vouch yet",
        ],
        contact: { name: "Maya Okafor", company: "Northwind Robotics" },
      });
      expect(path.strength).toBeGreaterThan(0);
      expect(path.strength).toBeLessThanOrEqual(1);
      expect(await find("--name", "MAYA okafor")).toEqual([path]);
      expect(await find("--target", "Maya@Northwind.example")).toEqual([path]);
      // The requester is never their own path.
      expect(
        await json("paths", "find", "--requester", "jane@example.com", "--name", "Maya Okafor"),
      ).toEqual([]);
      await json("paths", "share", "jane@example.com", "off");
      expect(await find("--company", "Northwind Robotics")).toEqual([]);
    });

    it("says what is wrong in one line and exits non-zero", async () => {
      const dir = mkdtempSync(join(tmpdir(), "vouch-cli-paths-"));
      const binary = join(dir, "photo.csv");
      writeFileSync(binary, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 1, 2, 3]));
      const bad: string[][] = [
        ["contacts", "import", join(dir, "missing.csv"), "--owner", "jane@example.com"],
        ["contacts", "import", LINKEDIN, "--owner", "not an address"],
        ["contacts", "import", LINKEDIN, "--owner", "jane@example.com", "--format", "excel"],
        ["contacts", "import", binary, "--owner", "jane@example.com", "--format", "google"],
        ["contacts", "import", LINKEDIN],
        ["paths", "share", "jane@example.com", "maybe"],
        ["paths", "find", "--requester", "alice@example.com"],
        ["paths", "find", "--requester", "alice@example.com", "--name", "A", "--company", "B"],
        ["paths", "find", "--requester", "alice@example.com", "--name", "A", "--limit", "0"],
      ];
      for (const args of bad) {
        const r = await run(...args, "--json");
        expect(r.code, args.join(" ")).not.toBe(0);
        expect(r.stdout, args.join(" ")).toBe("");
        expect(r.stderr, args.join(" ")).toMatch(/^vouch: [^\n]+\n$/);
      }
    });

    it("draws no progress bar when stderr is not a terminal", async () => {
      const r = await run("contacts", "import", LINKEDIN, "--owner", "kim@example.com");
      expect(r.code).toBe(0);
      expect(r.stderr).toBe("");
      expect(r.stdout).toMatch(/^6 imported, 0 updated, 3 skipped\n {2}line 8: /);
    });
  });
}

describe("the import's progress bar", { timeout: 120_000 }, () => {
  let db: TestDb;
  beforeAll(async () => {
    db = await openTestDb("sqlite");
  });
  afterAll(() => db.drop());

  // `script` runs the command on a pseudo-terminal, as a person at a terminal would.
  const onTerminal = (args: string[]) =>
    spawnSync(
      "script",
      ["-qec", [process.execPath, MAIN, ...args].map((a) => `'${a}'`).join(" "), "/dev/null"],
      {
        env: { PATH: process.env.PATH, HOME: process.env.HOME, VOUCH_DATA_DIR: db.dataDir },
        encoding: "utf8",
        timeout: 60_000,
      },
    );

  it("is drawn on a terminal, and never with --json", async () => {
    const shown = onTerminal(["contacts", "import", LINKEDIN, "--owner", "lee@example.com"]);
    expect(shown.status).toBe(0);
    expect(shown.stdout).toMatch(
      /\rlinkedin-connections\.csv \[#{30}\] 100% {2}\d+ KB of \d+ KB\r?\n/,
    );
    const quiet = onTerminal([
      "contacts",
      "import",
      LINKEDIN,
      "--owner",
      "lee@example.com",
      "--json",
    ]);
    expect(quiet.status).toBe(0);
    expect(quiet.stdout).not.toContain("[#");
    expect(JSON.parse(quiet.stdout)).toMatchObject({ imported: 0, updated: 6 });
  });
});
