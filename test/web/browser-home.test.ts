// The home page and an intro page in Chromium, at a phone's width (390 px) and a desktop's
// (1280 px), in light and dark: nothing wider than the screen, and axe finds no serious or
// critical violation. Screenshots go to test-artifacts/home-*.png and intro-*.png.
import { describe, expect, it } from "vitest";
import { servedTab, snap } from "./browser-support.ts";
import { seedFields } from "./web-fixtures.ts";

const tab = servedTab();

const WIDTHS = [390, 1280] as const;
const SCHEMES = ["light", "dark"] as const;

/** Each width and scheme: no sideways scrolling, a screenshot, and axe. */
async function everyWay(name: string) {
  for (const width of WIDTHS)
    for (const colorScheme of SCHEMES) {
      await tab.page.setViewportSize({ width, height: 900 });
      await tab.page.emulateMedia({ colorScheme });
      await tab.page.reload();
      const wide = await tab.page.evaluate(() => {
        const d = (
          globalThis as unknown as {
            document: { documentElement: { scrollWidth: number; clientWidth: number } };
          }
        ).document.documentElement;
        return d.scrollWidth - d.clientWidth;
      });
      expect(wide, `${name} at ${width} px, ${colorScheme}`).toBeLessThanOrEqual(0);
      await snap(tab.page, `${name}-${width}-${colorScheme}`);
    }
  await tab.page.emulateMedia({ colorScheme: "light" });
}

let asked = "";

describe("the home page and the intro page in Chromium", { timeout: 180_000 }, () => {
  it("Jane's home lists what needs her, every way", async () => {
    await tab.signInAs("alice@example.com");
    await tab.page.goto(`${tab.vouch.url}/requests/new`);
    asked = await tab.postForm("/requests/new", { do: "send", ...seedFields() });
    await tab.page.goto(`${tab.vouch.url}/requests/new`);
    await tab.postForm("/requests/new", {
      do: "send",
      ...seedFields({ targetName: "Sam Okafor", targetEmail: "sam@example.com" }),
    });

    await tab.signInAs("jane@example.com");
    await tab.page.goto(`${tab.vouch.url}${asked}`);
    await tab.postForm(`${asked}/act`, { event: "forward" });
    await tab.page.goto(`${tab.vouch.url}/`);
    await tab.page.locator('[data-need="triage"]').waitFor();
    expect(await tab.page.locator('[data-need="triage"]').count()).toBe(1);
    expect(await tab.page.getByRole("navigation", { name: "Main" }).innerText()).toContain(
      "To triage",
    );
    expect(await tab.page.getByRole("navigation", { name: "Main" }).innerText()).not.toContain(
      "Offered to me",
    );
    await everyWay("home-jane");
  });

  it("Maya's home asks her, and the intro page tells the story, every way", async () => {
    await tab.signInAs("maya@example.com");
    const need = tab.page.locator('[data-need="consent"]');
    await need.waitFor();
    expect(await need.getByRole("link").count()).toBe(1);
    await everyWay("home-maya");
    await need.getByRole("link", { name: "Answer Jane" }).click();
    const current = tab.page.locator('ol.story [aria-current="step"]');
    expect(await current.innerText()).toContain("Jane asked Maya");
    await everyWay("intro-maya");
    await tab.page.getByRole("button", { name: "Not now" }).click();
    await tab.page.getByRole("status").filter({ hasText: "Sent to Jane: not now." }).waitFor();
    expect(await tab.page.locator('[data-exit="deferred"]').innerText()).toContain(
      "Maya said not now",
    );
    await everyWay("intro-maya-deferred");
  });
});
