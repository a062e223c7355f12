import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDeps } from "../../test/support/app.ts";
import { openTestDb, type TestDb } from "../../test/support/databases.ts";
import { httpApp } from "../http/app.ts";
import { authenticateToken, createApiToken, listApiTokens, revokeApiTokens } from "./api-tokens.ts";
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

  it("stops a revoked token at once, even one this process has just accepted", async () => {
    const token = await createApiToken(deps, "jane@example.com");
    const api = httpApp(deps);
    const get = () => api.request("/api/intros", { headers: { authorization: `Bearer ${token}` } });
    expect((await get()).status).toBe(200);
    expect(await revokeApiTokens(deps, { token })).toHaveLength(1);
    const refused = await get();
    expect(refused.status).toBe(401);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe(
      "UNAUTHENTICATED",
    );
    await expect(authenticateToken(deps, token)).rejects.toMatchObject({
      code: "UNAUTHENTICATED",
    });
  });

  it("records when a token was last used, to the hour", async () => {
    const clock = { now: new Date("2026-12-01T10:00:00Z") };
    const d = testDeps(db.store, clock);
    const token = await createApiToken(d, "lena@example.com", "script");
    expect((await listApiTokens(d, "lena@example.com"))[0]?.lastUsedAt).toBeNull();
    await authenticateToken(d, token);
    clock.now = new Date("2026-12-01T10:20:00Z");
    await authenticateToken(d, token);
    const [t] = await listApiTokens(d, "lena@example.com");
    expect(t).toMatchObject({ label: "script", lastUsedAt: "2026-12-01T10:00:00.000Z" });
  });
});

describe("revokeApiTokens", () => {
  it("revokes only the named person's token by id, and says so when there is none", async () => {
    await createApiToken(deps, "a@example.com", "one");
    const b = await createApiToken(deps, "b@example.com", "two");
    const [mine] = await listApiTokens(deps, "a@example.com");
    // Another person's token id does not reach a's tokens.
    const [theirs] = await listApiTokens(deps, "b@example.com");
    await expect(
      revokeApiTokens(deps, { id: theirs?.id as string, email: "a@example.com" }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await authenticateToken(deps, b)).toBe("b@example.com");
    expect(await revokeApiTokens(deps, { id: mine?.id as string, email: "a@example.com" })).toEqual(
      [mine?.id],
    );
    await expect(revokeApiTokens(deps, { allOf: "a@example.com" })).rejects.toMatchObject({
      code: "NOT_FOUND",
      message: "a@example.com has no API tokens",
    });
    await expect(revokeApiTokens(deps, { token: "nope" })).rejects.toMatchObject({
      code: "INVALID_INPUT",
    });
  });

  it("revokes a token given by value only when it belongs to the person named", async () => {
    const alices = await createApiToken(deps, "alice.owner@example.com");
    await expect(
      revokeApiTokens(deps, { token: alices, email: "eve@example.com" }),
    ).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: "That API token is not one of eve@example.com's: nothing was revoked",
    });
    expect(await authenticateToken(deps, alices)).toBe("alice.owner@example.com");
    expect(
      await revokeApiTokens(deps, { token: alices, email: "Alice.Owner@example.com" }),
    ).toHaveLength(1);
    await expect(authenticateToken(deps, alices)).rejects.toMatchObject({
      code: "UNAUTHENTICATED",
    });
  });
});
