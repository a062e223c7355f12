// The `vouch` CLI as INTERFACES.md specifies it, on both databases, run in this process (runCli
// with its own streams and environment, as bin/vouch runs it). What only a real process shows
// (exit codes, output flushed at exit) is in cli-process.test.ts and cli-pipe.test.ts.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { DateTime } from "luxon";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { introCreateArgs, vouch } from "./support/cli.ts";
import { DB_KINDS, openTestDb, type TestDb } from "./support/databases.ts";
import { SEED_FILE } from "./support/seed.ts";

for (const kind of DB_KINDS) {
  describe(`vouch CLI on ${kind}`, () => {
    let db: TestDb;
    let env: Record<string, string | undefined>;
    const run = (...args: string[]) => vouch(args, env);

    beforeAll(async () => {
      db = await openTestDb(kind);
      // No server has run on this database: commands that queue mail need the links' address.
      env = {
        VOUCH_DATA_DIR: db.dataDir,
        VOUCH_DATABASE_URL: db.databaseUrl,
        VOUCH_PUBLIC_URL: "http://localhost:3000",
      };
    });
    afterAll(() => db.drop());

    it("migrates", async () => {
      const r = await run("migrate", "--json");
      expect(r.code).toBe(0);
      expect(JSON.parse(r.stdout)).toEqual({ database: kind, ran: [] });
    });

    it("creates, lists and shows an intro with --json alone on stdout", async () => {
      const c = await run(...introCreateArgs());
      expect(c.stderr).toBe("");
      expect(c.code).toBe(0);
      const intro = JSON.parse(c.stdout);
      expect(intro).toMatchObject({
        status: "requested",
        requester: { name: "Alice", email: "alice@example.com" },
        introducer: { name: "Jane", email: "jane@example.com" },
        target: { name: "Maya", email: "maya@example.com" },
        subject: "REQUEST: intro Maya <> Alice",
        introducerMovedToBcc: false,
        events: [{ type: "submit", actor: "requester", channel: "cli" }],
      });
      for (const k of ["id", "threadAddress", "nextTimerAt", "createdAt", "updatedAt"])
        expect(intro[k]).toBeTruthy();

      const list = await run("intro", "list", "--status", "requested", "--json");
      expect(list.code).toBe(0);
      expect(JSON.parse(list.stdout).map((i: { id: string }) => i.id)).toContain(intro.id);
      expect(
        JSON.parse((await run("intro", "list", "--status", "completed", "--json")).stdout),
      ).toEqual([]);

      const show = await run("intro", "show", intro.id, "--json");
      expect(JSON.parse(show.stdout)).toMatchObject({ id: intro.id, status: "requested" });
      const human = await run("intro", "show", intro.id);
      expect(human.stdout).toContain("REQUEST: intro Maya <> Alice");
    });

    it("reads a time the request proposes in --time-zone, else in the machine's zone", async () => {
      // The seed's next step, on a day three weeks ahead (a fixed weekday could fall today).
      const day = DateTime.now().plus({ days: 21 }).setLocale("en");
      const file = join(db.dataDir, "request-with-time.txt");
      writeFileSync(
        file,
        readFileSync(SEED_FILE, "utf8").replace(
          "this Friday afternoon at your office at, say, 3pm",
          `at your office on ${day.toFormat("cccc, LLLL d")} at 3pm`,
        ),
      );
      const create = (extra: string[], tz: string) =>
        vouch(
          [
            "intro",
            "create",
            "--requester",
            `Zed <zed-${tz.replace("/", "-").toLowerCase()}-${extra.length}@example.com>`,
            "--introducer",
            "Jane <jane@example.com>",
            "--target",
            "Maya <maya@example.com>",
            "--request-file",
            file,
            "--json",
            ...extra,
          ],
          { ...env, TZ: tz },
        );
      // That day at 15:00 where the requester is.
      const at3pm = (r: Awaited<ReturnType<typeof create>>, zone: string) => {
        expect(r.stderr).toBe("");
        const times: string[] = JSON.parse(r.stdout).proposedTimes;
        expect(times).toHaveLength(1);
        const local = DateTime.fromISO(times[0] ?? "", { zone });
        expect([local.month, local.day, local.hour, local.minute]).toEqual([
          day.month,
          day.day,
          15,
          0,
        ]);
      };
      // In-process, TZ is the run's own environment: this process's zone is left as it is.
      at3pm(await create(["--time-zone", "America/New_York"], "Asia/Tokyo"), "America/New_York");
      at3pm(await create([], "Asia/Tokyo"), "Asia/Tokyo");
      const bad = await create(["--time-zone", "Mars/Olympus"], "UTC");
      expect(bad.code).toBe(1);
      expect(bad.stderr).toMatch(/^vouch: --time-zone "Mars\/Olympus" is not a time zone/);
    });

    it("creates an intro whose target address is not known yet", async () => {
      const c = await run(
        "intro",
        "create",
        "--requester",
        "alice@example.com",
        "--introducer",
        "Jane <jane@example.com>",
        "--target",
        "Maya",
        "--request-file",
        SEED_FILE,
        "--json",
      );
      expect(c.stderr).toBe("");
      expect(c.code).toBe(0);
      expect(JSON.parse(c.stdout).target).toEqual({ name: "Maya", email: null });
    });

    it("prints an API token", async () => {
      const r = await run("token", "create", "--email", "alice@example.com");
      expect(r.code).toBe(0);
      expect(r.stdout.trim()).toMatch(/^vch_[A-Za-z0-9_-]{43}$/);
    });

    it("lists and revokes API tokens, by the token, by id or all of a person's", async () => {
      const mk = async (label: string) =>
        (
          await run("token", "create", "--email", "omar@example.com", "--label", label)
        ).stdout.trim();
      const [a, b, c] = [await mk("laptop"), await mk("ci"), await mk("phone")];
      const list = async () =>
        JSON.parse(
          (await run("token", "list", "--email", "Omar@Example.com", "--json")).stdout,
        ) as {
          id: string;
          label: string;
          createdAt: string;
          lastUsedAt: string | null;
        }[];
      const labels = async () => (await list()).map((t) => t.label).sort();
      const all = await list();
      expect(all.map((t) => t.label).sort()).toEqual(["ci", "laptop", "phone"]);
      for (const t of all) expect(t.id).toMatch(/^[0-9a-f]{12}$/);
      // A listing never shows a token.
      const text = (await run("token", "list", "--email", "omar@example.com")).stdout;
      for (const tok of [a, b, c]) expect(text).not.toContain(tok.slice(4, 20));
      expect(text).toMatch(/laptop\s+created \d{4}-\d\d-\d\d \d\d:\d\d\s+last used never/);

      const byToken = JSON.parse((await run("token", "revoke", a, "--json")).stdout);
      expect(byToken.revoked).toHaveLength(1);
      expect(await labels()).toEqual(["ci", "phone"]);
      const ci = (await list()).find((t) => t.label === "ci")?.id as string;
      expect((await run("token", "revoke", ci, "--email", "omar@example.com")).stdout).toMatch(
        new RegExp(`revoked 1 token\\(s\\): ${ci}`),
      );
      const all2 = await run("token", "revoke", "--all", "--email", "omar@example.com", "--json");
      expect(all2.code).toBe(0);
      expect(await list()).toEqual([]);
      expect((await run("token", "list", "--email", "omar@example.com")).stdout.trim()).toBe(
        "no API tokens for omar@example.com",
      );
      // Revoking what is gone is an error, never a silent success.
      expect((await run("token", "revoke", b)).stderr.trim()).toBe(
        "vouch: No such API token (already revoked?)",
      );
    });

    it.each([
      [["token", "revoke"], /Say which token/],
      [["token", "revoke", "abc123abc123"], /Say which token/],
      [["token", "revoke", "zz", "--email", "omar@example.com"], /A token id is the 12 characters/],
      [["token", "revoke", "--all"], /Say which token/],
      [["token", "list"], /required option/],
      [["intro", "show", "in_nope", "--json"], /No intro in_nope/],
      [
        [
          "intro",
          "create",
          "--requester",
          "Alice",
          "--introducer",
          "Jane <jane@example.com>",
          "--target",
          "Maya",
          "--request-file",
          SEED_FILE,
        ],
        /--requester needs an email address/,
      ],
      [
        [
          "intro",
          "create",
          "--requester",
          "a@example.com",
          "--introducer",
          "j@example.com",
          "--target",
          "Maya",
          "--request-file",
          "/nonexistent",
        ],
        /Cannot read --request-file \/nonexistent/,
      ],
      [
        [
          "intro",
          "create",
          "--requester",
          "a@example.com",
          "--introducer",
          "a@example.com",
          "--target",
          "Maya",
          "--request-file",
          SEED_FILE,
        ],
        /three different people/,
      ],
      [["intro", "list", "--status", "happy"], /--status must be one of/],
      [["intro", "frobnicate"], /unknown command/],
      [["intro", "create"], /required option/],
      [["timers", "run", "--as-of", "next tuesday"], /--as-of must be an ISO-8601 time/],
      [["token", "create", "--email", "nope"], /not a valid email address/],
    ])("refuses %j with a one-line error", async (args, message) => {
      const r = await run(...(args as string[]));
      expect(r.code).not.toBe(0);
      expect(r.stdout).toBe("");
      expect(r.stderr).toMatch(message);
      expect(r.stderr.trim().split("\n")).toHaveLength(1);
      expect(r.stderr).toMatch(/^vouch: /);
    });

    it("runs due timers once as of an instant", async () => {
      const first = JSON.parse(
        (await run("timers", "run", "--as-of", "2099-01-01T00:00:00Z", "--json")).stdout,
      );
      expect(first.fired).toBeGreaterThan(0);
      const again = JSON.parse(
        (await run("timers", "run", "--as-of", "2099-01-01T00:00:00Z", "--json")).stdout,
      );
      expect(again.fired).toBe(0);
      const expired = JSON.parse(
        (await run("intro", "list", "--status", "expired", "--json")).stdout,
      );
      expect(expired.length).toBeGreaterThan(0);
    });
  });
}
