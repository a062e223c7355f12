// `vouch token revoke` checks whose token it is on every path: a token given by value with
// someone else's --email, another person's id, --all of someone without tokens. Each is one
// line on stderr, a non-zero exit, and nothing revoked.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { vouch } from "./support/cli.ts";
import { openTestDb, type TestDb } from "./support/databases.ts";

let db: TestDb;
let env: Record<string, string | undefined>;
const run = (...args: string[]) => vouch(args, env);

beforeAll(async () => {
  db = await openTestDb("sqlite");
  await db.store.close();
  env = { VOUCH_DATA_DIR: db.dataDir };
});
afterAll(() => db.drop());

describe("vouch token revoke", () => {
  it("never revokes another person's token", async () => {
    const token = (await run("token", "create", "--email", "alice@example.com")).stdout.trim();
    const [alices] = JSON.parse(
      (await run("token", "list", "--email", "alice@example.com", "--json")).stdout,
    );
    const tries = [
      [
        ["token", "revoke", token, "--email", "eve@example.com"],
        /^vouch: That API token is not one of eve@example.com's: nothing was revoked\n$/,
      ],
      [
        ["token", "revoke", alices.id, "--email", "eve@example.com"],
        /^vouch: eve@example.com has no API token with id [0-9a-f]{12}: nothing was revoked\n$/,
      ],
      [
        ["token", "revoke", "--all", "--email", "eve@example.com"],
        /^vouch: eve@example.com has no API tokens\n$/,
      ],
    ] as const;
    for (const [args, message] of tries) {
      const r = await run(...args);
      expect(r.code, args.join(" ")).not.toBe(0);
      expect(r.stdout).toBe("");
      expect(r.stderr).toMatch(message);
    }
    const after = JSON.parse(
      (await run("token", "list", "--email", "alice@example.com", "--json")).stdout,
    );
    expect(after.map((t: { id: string }) => t.id)).toEqual([alices.id]);
  });
});
