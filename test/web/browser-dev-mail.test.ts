// The built-in mailbox (/dev/mail) as a newcomer uses it: the README says to sign in by pressing
// the button in the email shown there, so that must work in a real browser; and a mailbox with a
// few dozen messages must stay a readable list.
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BuiltInMailbox } from "../../src/mail/outbound/mailbox.ts";
import { mailTo, openBrowser, type Served, snap, startVouch } from "./browser-support.ts";

let vouch: Served;
let browser: Awaited<ReturnType<typeof openBrowser>>;
let context: BrowserContext;
let page: Page;

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

// Chromium on a shared 2-core machine: give each step room.
describe("the built-in mailbox in Chromium", { timeout: 120_000 }, () => {
  it("signs in by pressing the button of the email shown in /dev/mail", async () => {
    await page.goto(`${vouch.url}/sign-in`);
    await page.getByLabel("Email address").fill("newcomer@example.com");
    await page.getByRole("button", { name: "Email me a sign-in link" }).click();
    await page.getByRole("heading", { name: "Check your email" }).waitFor();
    await expect
      .poll(() => mailTo(vouch.dataDir, "newcomer@example.com").length, { timeout: 20_000 })
      .toBe(1);

    await page.goto(`${vouch.url}/dev/mail`);
    await page.getByRole("link", { name: "Your Vouch sign-in link" }).click();
    await page.getByRole("heading", { name: "Your Vouch sign-in link" }).waitFor();
    await snap(page, "dev-mail-message");
    // The HTML part, as shown: its button must take the whole window to the confirm page.
    const email = page.frameLocator('iframe[title="HTML part of the message"]');
    await email.getByRole("link", { name: "Sign in to Vouch" }).click();
    await page.waitForURL(/\/sign-in\/[^/]+$/);
    await page.getByRole("button", { name: "Sign me in" }).click();
    await page.waitForURL(`${vouch.url}/`);
    expect(await page.getByRole("link", { name: "New request" }).count()).toBeGreaterThan(0);
  });

  it("lists twenty messages as a readable table at 1280 px", async () => {
    const box = new BuiltInMailbox(vouch.dataDir);
    for (let n = 0; n < 20; n++) {
      const subject = `${n ? "Re: " : ""}REQUEST: intro Maya Chen <> Alice Martin`;
      box.deliver(
        {
          messageId: `<m${n}@vouch.localhost>`,
          from: `"Jane Doe via Vouch" <intros+k7qw2xlongthreadtoken${n}@vouch.localhost>`,
          to: [n % 2 ? "maya.chen@example.com" : "alice.martin@example.com"],
          cc: n % 3 ? [] : ["jane.doe@example.com"],
          envelopeTo: ["maya.chen@example.com"],
          subject,
          text: "Hello",
          html: "<p>Hello</p>",
          sentAt: new Date(Date.UTC(2026, 11, 1, 10, n)).toISOString(),
          introId: "in_manymessages",
          outboxId: `in_manymessages.${String(n).padStart(6, "0")}.0`,
        },
        Buffer.from(`Subject: ${subject}\r\n\r\nHello\r\n`),
      );
    }
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`${vouch.url}/dev/mail`);
    await snap(page, "dev-mail-list");
    const height = await page.evaluate(
      () =>
        (globalThis as unknown as { document: { documentElement: { scrollHeight: number } } })
          .document.documentElement.scrollHeight,
    );
    // Twenty-one one-line rows and two headings: far below the 8,564 px of one letter per line.
    expect(height).toBeLessThan(2_500);
    // Every subject keeps a readable width.
    const widths = await page
      .locator('a[href^="/dev/mail/in_manymessages"]')
      .evaluateAll((links) =>
        links.map(
          (a) =>
            (a as unknown as { getBoundingClientRect(): { width: number } }).getBoundingClientRect()
              .width,
        ),
      );
    expect(widths).toHaveLength(20);
    for (const w of widths) expect(w).toBeGreaterThan(150);
  });
});
