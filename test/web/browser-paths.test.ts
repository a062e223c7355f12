// Warm paths in Chromium against a real `vouch serve`: Jane imports a LinkedIn export and a vCard
// through the page (the upload's progress bar), agrees to be shown as a path; Alice finds Maya by
// company and opens the composer with Jane and Maya filled in. Screenshots at 390 and 1280 px go
// to test-artifacts/paths-*.png, and axe finds no serious or critical violation on any page.
import { join } from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { linkInMail, openBrowser, type Served, snap, startVouch } from "./browser-support.ts";

const FIXTURES = join(import.meta.dirname, "..", "fixtures", "contacts");

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

/** Screenshots at a phone's and a desktop's width, with nothing wider than the screen. */
async function atBothWidths(name: string) {
  for (const width of [390, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    const wide = await page.evaluate(() => {
      const d = (
        globalThis as unknown as {
          document: { documentElement: { scrollWidth: number; clientWidth: number } };
        }
      ).document.documentElement;
      return d.scrollWidth - d.clientWidth;
    });
    expect(wide, `${name} at ${width} px`).toBeLessThanOrEqual(0);
    await snap(page, `paths-${name}-${width}`);
  }
}

async function importFile(file: string) {
  await page.goto(`${vouch.url}/contacts/import`);
  await page.getByLabel("The file").setInputFiles(join(FIXTURES, file));
  await page.getByRole("button", { name: "Import" }).click();
  // The page's script sent it with XMLHttpRequest: the bar shows, then the summary.
  await page.locator("#i-result .ok").waitFor();
  expect(await page.locator("#i-progress").isVisible()).toBe(true);
  expect(await page.locator("#i-bar").getAttribute("value")).toBe("100");
  return (await page.locator("#i-result").innerText()).trim();
}

describe("warm paths in Chromium", { timeout: 240_000 }, () => {
  it("Jane imports her LinkedIn export and her cards, and agrees to be shown as a path", async () => {
    await signInAs("jane@example.com");
    const linkedin = await importFile("linkedin-connections.csv");
    expect(linkedin).toMatch(/^Imported 6 new, updated 0, 3 line\(s\) skipped or partly read\./);
    expect(linkedin).toContain("Line 8:");
    await atBothWidths("import");
    const cards = await importFile("apple-contacts.vcf");
    expect(cards).toMatch(/^Imported 1 new, updated 2/);

    await page.getByRole("link", { name: "See your contacts" }).click();
    await page.getByRole("heading", { name: "My contacts" }).waitFor();
    expect(await page.getByText("Maya Okafor").count()).toBeGreaterThan(0);
    await page.getByRole("button", { name: "Show me as a path" }).click();
    await page.getByText("You are now shown as a path to the people you know.").waitFor();
    await atBothWidths("my-contacts");
  });

  it("Alice finds Maya by company and opens the composer with Jane and Maya filled in", async () => {
    await signInAs("alice@example.com");
    await page.getByRole("link", { name: "Find a path" }).click();
    await page.getByLabel("Company").check();
    await page.getByLabel("Who").fill("Northwind Robotics");
    await page.getByRole("button", { name: "Find a path" }).click();
    await page.getByRole("heading", { name: "One path, best first" }).waitFor();
    const result = page.locator("li.path");
    expect(await result.innerText()).toContain("knows Maya Okafor at Northwind Robotics");
    expect(await result.innerText()).toContain("LinkedIn connection since Mar 2024");
    await atBothWidths("find");

    await page.getByRole("link", { name: "Ask jane for an intro to Maya Okafor" }).click();
    await page.waitForURL(/\/requests\/new\?/);
    expect(await page.locator('input[name="introducerEmail"]').inputValue()).toBe(
      "jane@example.com",
    );
    expect(await page.locator('input[name="introducerName"]').inputValue()).toBe("jane");
    expect(await page.locator('input[name="targetName"]').inputValue()).toBe("Maya Okafor");
    // Maya's address is never handed over by a path.
    expect(await page.locator('input[name="targetEmail"]').inputValue()).toBe("");
    await atBothWidths("composer-prefilled");
  });
});
