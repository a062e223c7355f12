// The API reference (/api/docs) in Chromium: Swagger UI, served by Vouch itself, renders every
// operation of /api/openapi.json, and the page asks nothing of any other host (an offline install
// must show it just the same).
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ARTIFACTS, openBrowser, type Served, startVouch } from "./browser-support.ts";

let vouch: Served;
let browser: Awaited<ReturnType<typeof openBrowser>>;

beforeAll(async () => {
  vouch = await startVouch();
  browser = await openBrowser();
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await vouch?.stop();
});

// Chromium on a shared 2-core machine: give each step room.
describe("the API reference in Chromium", { timeout: 120_000 }, () => {
  it("lists the operations, loading only from Vouch", async () => {
    const page = await browser.context.newPage();
    const origin = new URL(vouch.url).origin;
    const elsewhere: string[] = [];
    const loaded: string[] = [];
    // Anything off this origin is refused (as it would fail offline) and remembered.
    await page.route("**/*", (route) => {
      const url = route.request().url();
      if (new URL(url).origin !== origin) {
        elsewhere.push(url);
        return route.abort();
      }
      loaded.push(new URL(url).pathname);
      return route.continue();
    });
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));

    await page.goto(`${vouch.url}/api/docs`);
    // Each operation's block shows its method and path (relative to the /api server).
    const op = (method: string, path: string) =>
      page.locator(`.opblock-${method.toLowerCase()}`).filter({
        has: page.locator(".opblock-summary-path", { hasText: new RegExp(`^${path}$`) }),
      });
    await op("POST", "/intros").first().waitFor({ timeout: 60_000 });
    for (const [method, path] of [
      ["POST", "/intros"],
      ["GET", "/intros"],
      ["GET", "/intros/{id}"],
      ["POST", "/intros/{id}/events"],
      ["POST", "/requests/check"],
      ["GET", "/me/preferences"],
    ] as const) {
      expect(await op(method, path).count(), `${method} ${path}`).toBe(1);
    }
    await expect
      .poll(() => page.getByText("Create a request (and submit it unless draft)").count())
      .toBeGreaterThan(0);

    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, "api-docs.png"), fullPage: true });
    expect(elsewhere).toEqual([]);
    expect(errors).toEqual([]);
    expect(loaded).toEqual(
      expect.arrayContaining([
        "/api/docs",
        "/api/docs/assets/swagger-ui-dist/swagger-ui.css",
        "/api/docs/assets/swagger-ui-dist/swagger-ui-bundle.js",
        "/api/openapi.json",
      ]),
    );
    await page.close();
  });
});
