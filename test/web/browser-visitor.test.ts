// The visitor's page in Chromium (issue 15), at a phone's width (390 px) and a desktop's
// (1280 px), light and dark: the story beside the sign-in form on a desktop, above it on a
// phone, nothing wider than the screen, the logo in the header and as the tab's icon, and axe
// finds no serious or critical violation. Screenshots go to test-artifacts/visitor-*.png.
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openBrowser, type Served, snap, startVouch } from "./browser-support.ts";

let vouch: Served;
let browser: Awaited<ReturnType<typeof openBrowser>>;
let page: Page;

beforeAll(async () => {
  vouch = await startVouch();
  browser = await openBrowser();
  page = await browser.context.newPage();
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await vouch?.stop();
});

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

async function box(selector: string): Promise<Box> {
  const b = await page.locator(selector).boundingBox();
  if (!b) throw new Error(`${selector} is not shown`);
  return b;
}

describe("the visitor's page in Chromium", { timeout: 120_000 }, () => {
  for (const width of [390, 1280] as const)
    for (const colorScheme of ["light", "dark"] as const)
      it(`at ${width} px, ${colorScheme}`, async () => {
        await page.setViewportSize({ width, height: 900 });
        await page.emulateMedia({ colorScheme });
        await page.goto(`${vouch.url}/`);
        const steps = page.getByRole("list", { name: "How an introduction works" });
        expect(await steps.getByRole("listitem").count()).toBe(5);
        await page.getByLabel("Email address").waitFor();
        expect(await page.locator("header.brand").innerText()).toBe("Vouch");
        // The first Tab goes straight to the email field (the logo is not a stop on the way).
        await page.keyboard.press("Tab");
        expect(
          await page.evaluate(
            () =>
              (globalThis as unknown as { document: { activeElement: { id: string } | null } })
                .document.activeElement?.id,
          ),
        ).toBe("email");

        const wide = await page.evaluate(() => {
          const d = (
            globalThis as unknown as {
              document: { documentElement: { scrollWidth: number; clientWidth: number } };
            }
          ).document.documentElement;
          return d.scrollWidth - d.clientWidth;
        });
        expect(wide, "sideways scrolling").toBeLessThanOrEqual(0);

        const story = await box('section[aria-labelledby="about"]');
        const form = await box('section[aria-labelledby="sign-in"]');
        if (width === 1280) {
          // Side by side: the form to the right of the story, their tops level.
          expect(form.x).toBeGreaterThanOrEqual(story.x + story.width);
          expect(Math.abs(form.y - story.y)).toBeLessThan(2);
        } else {
          // Stacked: the form below the story, both the screen's width.
          expect(form.y).toBeGreaterThanOrEqual(story.y + story.height);
          expect(form.width).toBeLessThanOrEqual(width);
        }

        // The tab's icon is the served SVG.
        const icon = await page.locator('head link[rel="icon"]').getAttribute("href");
        const r = await page.request.get(`${vouch.url}${icon}`);
        expect(r.headers()["content-type"]).toBe("image/svg+xml");

        await snap(page, `visitor-${width}-${colorScheme}`);
      });
});
