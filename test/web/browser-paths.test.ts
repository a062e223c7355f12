// Warm paths in Chromium against a real `vouch serve`: Jane imports a LinkedIn export and a vCard
// through the page (the upload's progress bar), agrees to be shown as a path; Alice finds Maya by
// company and opens the composer with Jane and Maya filled in. Screenshots at 390 and 1280 px go
// to test-artifacts/paths-*.png, and axe finds no serious or critical violation on any page.
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { servedWithBrowser, sidewaysScroll, signInThroughMail, snap } from "./browser-support.ts";

const FIXTURES = join(import.meta.dirname, "..", "fixtures", "contacts");

const h = servedWithBrowser();
const signInAs = (email: string) => signInThroughMail(h.page, h.context, h.vouch, email);

/** Screenshots at a phone's and a desktop's width, with nothing wider than the screen. */
async function atBothWidths(name: string) {
  for (const width of [390, 1280]) {
    await h.page.setViewportSize({ width, height: 900 });
    const wide = await sidewaysScroll(h.page);
    expect(wide, `${name} at ${width} px`).toBeLessThanOrEqual(0);
    await snap(h.page, `paths-${name}-${width}`);
  }
}

async function importFile(file: string) {
  await h.page.goto(`${h.vouch.url}/contacts/import`);
  await h.page.getByLabel("The file").setInputFiles(join(FIXTURES, file));
  await h.page.getByRole("button", { name: "Import" }).click();
  // The page's script sent it with XMLHttpRequest: the bar shows, then the summary.
  await h.page.locator("#i-result .ok").waitFor();
  expect(await h.page.locator("#i-progress").isVisible()).toBe(true);
  expect(await h.page.locator("#i-bar").getAttribute("value")).toBe("100");
  return (await h.page.locator("#i-result").innerText()).trim();
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

    await h.page.getByRole("link", { name: "See your contacts" }).click();
    await h.page.getByRole("heading", { name: "My contacts" }).waitFor();
    expect(await h.page.getByText("Maya Okafor").count()).toBeGreaterThan(0);
    await h.page.getByRole("button", { name: "Show me as a path" }).click();
    await h.page.getByText("You are now shown as a path to the people you know.").waitFor();
    await atBothWidths("my-contacts");
  });

  it("Alice finds Maya by company and opens the composer with Jane and Maya filled in", async () => {
    await signInAs("alice@example.com");
    await h.page.getByRole("link", { name: "Find a path" }).click();
    await h.page.getByLabel("Company").check();
    await h.page.getByLabel("Who").fill("Northwind Robotics");
    await h.page.getByRole("button", { name: "Find a path" }).click();
    await h.page.getByRole("heading", { name: "One path, best first" }).waitFor();
    const result = h.page.locator("li.path");
    expect(await result.innerText()).toContain("knows Maya Okafor at Northwind Robotics");
    expect(await result.innerText()).toContain("LinkedIn connection since Mar 2024");
    await atBothWidths("find");

    await h.page.getByRole("link", { name: "Ask jane for an intro to Maya Okafor" }).click();
    await h.page.waitForURL(/\/requests\/new\?/);
    expect(await h.page.locator('input[name="introducerEmail"]').inputValue()).toBe(
      "jane@example.com",
    );
    expect(await h.page.locator('input[name="introducerName"]').inputValue()).toBe("jane");
    expect(await h.page.locator('input[name="targetName"]').inputValue()).toBe("Maya Okafor");
    // Maya's address is never handed over by a path.
    expect(await h.page.locator('input[name="targetEmail"]').inputValue()).toBe("");
    await atBothWidths("composer-prefilled");
  });
});
