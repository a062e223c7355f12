// The home page and an intro page in Chromium, at a phone's width (390 px) and a desktop's
// (1280 px), in light and dark: nothing wider than the screen, and axe finds no serious or
// critical violation. Screenshots go to test-artifacts/home-*.png and intro-*.png.
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { linkInMail, openBrowser, type Served, snap, startVouch } from "./browser-support.ts";
import { seedFields } from "./web-fixtures.ts";

let vouch: Served;
let browser: Awaited<ReturnType<typeof openBrowser>>;
let context: BrowserContext;
let page: Page;
const signIns: Record<string, number> = {};

beforeAll(async () => {
  vouch = await startVouch();
  browser = await openBrowser();
  context = browser.context;
  page = await context.newPage();
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await vouch?.stop();
});

async function signInAs(email: string) {
  await context.clearCookies();
  await page.goto(`${vouch.url}/sign-in`);
  await page.getByLabel("Email address").fill(email);
  await page.keyboard.press("Enter");
  await page.getByRole("heading", { name: "Check your email" }).waitFor();
  const n = signIns[email] ?? 0;
  signIns[email] = n + 1;
  await page.goto(await linkInMail(vouch.dataDir, email, /sign-in link/, "Sign in to Vouch", n));
  await page.getByRole("button", { name: "Sign me in" }).click();
  await page.waitForURL(`${vouch.url}/`);
}

/** Posts a form of the page's app the way its own form would (with the page's CSRF token). */
async function postForm(path: string, form: Record<string, string>) {
  const csrf = await page.locator('input[name="_csrf"]').first().getAttribute("value");
  const r = await page.request.post(`${vouch.url}${path}`, {
    form: { _csrf: csrf ?? "", ...form },
    maxRedirects: 0,
  });
  expect(r.status(), path).toBe(303);
  return r.headers().location ?? "";
}

const WIDTHS = [390, 1280] as const;
const SCHEMES = ["light", "dark"] as const;

/** Each width and scheme: no sideways scrolling, a screenshot, and axe. */
async function everyWay(name: string) {
  for (const width of WIDTHS)
    for (const colorScheme of SCHEMES) {
      await page.setViewportSize({ width, height: 900 });
      await page.emulateMedia({ colorScheme });
      await page.reload();
      const wide = await page.evaluate(() => {
        const d = (
          globalThis as unknown as {
            document: { documentElement: { scrollWidth: number; clientWidth: number } };
          }
        ).document.documentElement;
        return d.scrollWidth - d.clientWidth;
      });
      expect(wide, `${name} at ${width} px, ${colorScheme}`).toBeLessThanOrEqual(0);
      await snap(page, `${name}-${width}-${colorScheme}`);
    }
  await page.emulateMedia({ colorScheme: "light" });
}

let asked = "";

describe("the home page and the intro page in Chromium", { timeout: 180_000 }, () => {
  it("Jane's home lists what needs her, every way", async () => {
    await signInAs("alice@example.com");
    await page.goto(`${vouch.url}/requests/new`);
    asked = await postForm("/requests/new", { do: "send", ...seedFields() });
    await page.goto(`${vouch.url}/requests/new`);
    await postForm("/requests/new", {
      do: "send",
      ...seedFields({ targetName: "Sam Okafor", targetEmail: "sam@example.com" }),
    });

    await signInAs("jane@example.com");
    await page.goto(`${vouch.url}${asked}`);
    await postForm(`${asked}/act`, { event: "forward" });
    await page.goto(`${vouch.url}/`);
    await page.locator('[data-need="triage"]').waitFor();
    expect(await page.locator('[data-need="triage"]').count()).toBe(1);
    expect(await page.getByRole("navigation", { name: "Main" }).innerText()).toContain("To triage");
    expect(await page.getByRole("navigation", { name: "Main" }).innerText()).not.toContain(
      "Offered to me",
    );
    await everyWay("home-jane");
  });

  it("Maya's home asks her, and the intro page tells the story, every way", async () => {
    await signInAs("maya@example.com");
    const need = page.locator('[data-need="consent"]');
    await need.waitFor();
    expect(await need.getByRole("link").count()).toBe(1);
    await everyWay("home-maya");
    await need.getByRole("link", { name: "Answer Jane" }).click();
    const current = page.locator('ol.story [aria-current="step"]');
    expect(await current.innerText()).toContain("Jane asked Maya");
    await everyWay("intro-maya");
    await page.getByRole("button", { name: "Not now" }).click();
    await page.getByRole("status").filter({ hasText: "Sent to Jane: not now." }).waitFor();
    expect(await page.locator('[data-exit="deferred"]').innerText()).toContain("Maya said not now");
    await everyWay("intro-maya-deferred");
  });
});
