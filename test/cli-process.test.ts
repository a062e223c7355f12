// `vouch` as a script sees it, in a child process: what only a real process shows. A JSON
// command's output is whole on stdout and the process exits 0 once its database connections are
// closed (on both databases); a refusal is one line on stderr and exit status 1 (bad input or
// configuration) or 2 (bad usage). Everything else about the CLI runs in-process (cli.test.ts).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { introCreateArgs, vouch, vouchProcess } from "./support/cli.ts";
import { DB_KINDS, openTestDb, type TestDb } from "./support/databases.ts";

// A process start can take many seconds on a loaded machine.
describe("vouch as a process", { timeout: 120_000 }, () => {
  for (const kind of DB_KINDS) {
    describe(`on ${kind}`, () => {
      let db: TestDb;
      let env: Record<string, string | undefined>;
      beforeAll(async () => {
        db = await openTestDb(kind);
        env = {
          VOUCH_DATA_DIR: db.dataDir,
          VOUCH_DATABASE_URL: db.databaseUrl,
          VOUCH_PUBLIC_URL: "http://localhost:3000",
        };
        expect((await vouch(introCreateArgs(), env)).code).toBe(0);
      });
      afterAll(() => db.drop());

      it("prints JSON alone on stdout and exits 0", async () => {
        const r = await vouchProcess(["intro", "list", "--status", "requested", "--json"], env);
        expect(r.stderr).toBe("");
        expect(r.code).toBe(0);
        const listed = JSON.parse(r.stdout) as { status: string }[];
        expect(listed.map((i) => i.status)).toEqual(["requested"]);
      });
    });
  }

  describe("refusing", () => {
    const dataDir = mkdtempSync(join(tmpdir(), "vouch-cli-exit-"));
    afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

    it("stops on bad configuration, naming the variable, and exits 1", async () => {
      const r = await vouchProcess(["intro", "list", "--json"], {
        VOUCH_DATA_DIR: dataDir,
        VOUCH_HTTP_PORT: "http",
      });
      expect(r.code).toBe(1);
      expect(r.stdout).toBe("");
      expect(r.stderr).toBe('vouch: VOUCH_HTTP_PORT must be a port number (got "http")\n');
    });

    it("exits 2 on a usage error, in one line", async () => {
      const r = await vouchProcess(["intro", "list", "--stauts", "x"], { VOUCH_DATA_DIR: dataDir });
      expect(r.code).toBe(2);
      expect(r.stdout).toBe("");
      expect(r.stderr).toBe("vouch: unknown option '--stauts' (Did you mean --status?)\n");
    });
  });
});
