// The target across introducers, in Chromium against a real `vouch serve`: Jane's triage says
// who else asked Maya this month (names only), and Alice's composer warns her, as she types,
// that she already asked to meet Maya, without stopping her. Screenshots go to
// test-artifacts/triage-asked-through.png and composer-open-request.png.
import { describe, expect, it } from "vitest";
import { servedTab, snap } from "./browser-support.ts";
import { seedFields } from "./web-fixtures.ts";

const tab = servedTab();

const through = (name: string) =>
  seedFields({ introducerName: name, introducerEmail: `${name.toLowerCase()}@example.com` });

describe("the target across introducers in Chromium", { timeout: 180_000 }, () => {
  it("shows Jane, at triage, that Maya was asked twice this month through Bob and Carol", async () => {
    await tab.signInAs("alice@example.com");
    await tab.page.goto(`${tab.vouch.url}/requests/new`);
    const asked: Record<string, string> = {};
    for (const name of ["Bob", "Carol", "Jane"])
      asked[name] = await tab.postForm("/requests/new", { do: "send", ...through(name) });
    for (const name of ["Bob", "Carol"]) {
      await tab.signInAs(`${name.toLowerCase()}@example.com`);
      await tab.page.goto(`${tab.vouch.url}${asked[name]}`);
      await tab.postForm(`${asked[name]}/act`, { event: "forward" });
    }
    await tab.signInAs("jane@example.com");
    await tab.page.goto(`${tab.vouch.url}/inbox`);
    const line = tab.page.locator("[data-asked-through]");
    expect(await line.innerText()).toBe("Maya was asked twice this month, through Bob and Carol.");
    await snap(tab.page, "triage-asked-through");
  });

  it("warns Alice as she types Maya's address that she already asked to meet her, and still sends", async () => {
    await tab.signInAs("alice@example.com");
    await tab.page.goto(`${tab.vouch.url}/requests/new`);
    const fields = through("Omar");
    for (const [name, value] of Object.entries(fields)) await tab.page.fill(`#c-${name}`, value);
    const warning = tab.page.locator("#coach-panel #open-request");
    await warning.waitFor();
    expect(await warning.innerText()).toContain("You already asked to meet maya@example.com");
    expect(await warning.getByRole("link").allInnerTexts()).toEqual([
      "Through Jane",
      "Through Carol",
      "Through Bob",
    ]);
    await snap(tab.page, "composer-open-request");
    await tab.page.getByRole("button", { name: "Send to the introducer" }).click();
    await tab.page.waitForURL(/\/intros\//);
    expect(await tab.page.getByRole("heading", { level: 1 }).innerText()).toContain("Maya");
  });
});
