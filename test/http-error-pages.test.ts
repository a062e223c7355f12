// A browser that lands on a page that does not exist, or on a failure, gets a page in the app's
// layout; the API and /inbound keep their coded JSON whatever the Accept header says.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppDeps } from "../src/app/deps.ts";
import { httpApp } from "../src/http/app.ts";
import { testDeps } from "./support/app.ts";
import { openTestDb, type TestDb } from "./support/databases.ts";

const BROWSER = {
  accept: "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
};
let db: TestDb;
let deps: AppDeps;
let app: ReturnType<typeof httpApp>;

beforeAll(async () => {
  db = await openTestDb("sqlite");
  deps = testDeps(db.store);
  app = httpApp(deps, { log: () => {} });
  // A page that fails, as any bug would.
  app.get("/boom", () => {
    throw new Error("the database said <script>alert(1)</script>");
  });
  app.get("/api/boom", () => {
    throw new Error("boom");
  });
});
afterAll(() => db.drop());

describe("error pages", () => {
  it("answers a browser's unknown page with an HTML 404 in the layout, escaping the path", async () => {
    const res = await app.request("/no/such/<script>alert(1)</script>", { headers: BROWSER });
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toMatch(/^text\/html/);
    const text = await res.text();
    expect(text).toContain("<title>Not found · Vouch</title>");
    expect(text).toContain('<a href="/">');
    expect(text).not.toContain("<script>alert");
  });

  it("answers a browser's failure with an HTML 500 that tells nothing of the cause", async () => {
    const res = await app.request("/boom", { headers: BROWSER });
    expect(res.status).toBe(500);
    expect(res.headers.get("content-type")).toMatch(/^text\/html/);
    const text = await res.text();
    expect(text).toContain("<title>Something went wrong · Vouch</title>");
    expect(text).not.toContain("database said");
  });

  it("answers a coded error on a page in HTML with its status", async () => {
    const big = "x".repeat(2 * 1024 * 1024);
    const res = await app.request("/sign-in", {
      method: "POST",
      body: big,
      headers: {
        ...BROWSER,
        "content-type": "application/x-www-form-urlencoded",
        "content-length": String(big.length),
      },
    });
    expect(res.status).toBe(413);
    expect(res.headers.get("content-type")).toMatch(/^text\/html/);
  });

  it.each([
    ["GET", "/api/nope", 404, "NOT_FOUND"],
    ["GET", "/api/boom", 500, "INTERNAL"],
    ["POST", "/inbound/nope", 404, "NOT_FOUND"],
  ])("keeps coded JSON for %s %s even for a browser", async (method, path, status, code) => {
    const res = await app.request(path, { method, headers: BROWSER });
    expect(res.status).toBe(status);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe(code);
  });

  it("keeps coded JSON for a client that does not ask for HTML", async () => {
    const res = await app.request("/no/such/page", { headers: { accept: "application/json" } });
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("NOT_FOUND");
    expect((await app.request("/boom")).status).toBe(500);
  });
});
