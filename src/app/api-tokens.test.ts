import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDeps } from "../../test/support/app.ts";
import { openTestDb, type TestDb } from "../../test/support/databases.ts";
import { authenticateToken, createApiToken } from "./api-tokens.ts";
import type { AppDeps } from "./deps.ts";

let db: TestDb;
let deps: AppDeps;
beforeAll(async () => {
  db = await openTestDb("sqlite");
  deps = testDeps(db.store);
});
afterAll(() => db.drop());

describe("authenticateToken", () => {
  it("finds the owner, refuses unknown and malformed tokens every time", async () => {
    const token = await createApiToken(deps, "Alice@Example.com");
    expect(await authenticateToken(deps, token)).toBe("alice@example.com");
    for (const bad of [`${token}x`, "vch_nope", "not-a-token", undefined]) {
      for (let i = 0; i < 2; i++)
        await expect(authenticateToken(deps, bad)).rejects.toMatchObject({
          code: "UNAUTHENTICATED",
        });
    }
  });

  it("trusts a token it found for a short while, per store", async () => {
    const token = await createApiToken(deps, "jane@example.com");
    expect(await authenticateToken(deps, token)).toBe("jane@example.com");
    await db.store.kysely.deleteFrom("api_tokens").execute();
    // Remembered: no revocation exists yet, and a row deleted by hand stops working within 30 s.
    expect(await authenticateToken(deps, token)).toBe("jane@example.com");
    // Another store (another database) has its own memory, so it asks its own table.
    const other = await openTestDb("sqlite");
    try {
      await expect(authenticateToken(testDeps(other.store), token)).rejects.toMatchObject({
        code: "UNAUTHENTICATED",
      });
    } finally {
      await other.drop();
    }
  });
});
