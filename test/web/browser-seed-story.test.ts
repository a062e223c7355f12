// The seed story through a real browser, a real server process and the built-in mailbox:
// Alice composes with the coach, Jane triages and asks Maya, Maya says yes with one click,
// Alice replies with Jane in BCC, meets Maya and reports back, and Jane sees it in outcomes.
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  linkInMail,
  mailTo,
  openBrowser,
  type Served,
  snap,
  startVouch,
} from "./browser-support.ts";

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

/** Signs in as `email` from the keyboard alone, through the emailed link. */
async function signInAs(email: string, shot?: string) {
  await context.clearCookies();
  await page.goto(`${vouch.url}/sign-in`);
  await page.keyboard.press("Tab");
  await expect
    .poll(() =>
      page.evaluate(
        () =>
          (globalThis as unknown as { document: { activeElement: { id: string } | null } }).document
            .activeElement?.id,
      ),
    )
    .toBe("email");
  await page.keyboard.type(email);
  await page.keyboard.press("Enter");
  await page.getByRole("heading", { name: "Check your email" }).waitFor();
  const n = signIns[email] ?? 0;
  signIns[email] = n + 1;
  const link = await linkInMail(vouch.dataDir, email, /sign-in link/, "Sign in to Vouch", n);
  await page.goto(link);
  if (shot) await snap(page, shot);
  await page.getByRole("button", { name: "Sign me in" }).click();
  await page.waitForURL(`${vouch.url}/`);
}

const status = () => page.locator("[data-status]").first().getAttribute("data-status");
let introUrl = "";

// Chromium and axe on a shared 2-core machine: give each step room.
describe("the seed story in Chromium", { timeout: 120_000 }, () => {
  it("1. Alice signs in, the coach flags a vague draft, then passes the fixed one", async () => {
    await signInAs("alice@example.com", "01-sign-in-confirm");
    await snap(page, "02-my-requests-empty");
    await page.getByRole("link", { name: "New request" }).click();
    await page.getByLabel("Your name").fill("Alice Martin");
    await page.getByLabel("Who will introduce you (name)").fill("Jane Doe");
    await page.getByLabel("Their email address", { exact: true }).fill("jane@example.com");
    await page.getByLabel("Who you want to meet (name)").fill("Maya Chen");
    await page.getByLabel("Their email address (optional)").fill("maya@example.com");
    await page.getByLabel("Your ask").fill("Could I pick your brain sometime?");
    // The live coach (client script) flags the vague ask without a page load.
    await page.locator('#coach-panel[data-live] [data-rule="vague-ask"]').waitFor();
    await expect(page.locator('[data-verdict="not-ready"]')).toBeTruthy();
    await snap(page, "03-composer-vague");

    await page.getByLabel("Their role").fill("Engineering manager");
    await page.getByLabel("Companies they worked at").fill("Snapchat, Instagram, SpaceX");
    await page
      .getByLabel("Your ask")
      .fill("I'd greatly appreciate a chance to chat with you about building a career in Tech.");
    await page
      .getByLabel("Why them")
      .fill(
        "I'm currently job hunting for a software engineer position. I'm debating between joining a startup or going the big company route. I'd love for a chance to understand your experiences at Snapchat, Instagram and SpaceX to help me better understand the trade-offs in choosing where to work.",
      );
    await page
      .getByLabel("The next step, with a time")
      .fill(
        "Would a quick 20 min coffee work for you this Friday afternoon at your office at, say, 3pm?",
      );
    await page
      .getByLabel("An alternative")
      .fill("Can also do a phone call / anything you'd prefer.");
    await page
      .getByLabel("About me (one line each)")
      .fill(
        "Excited to join a fast moving company as a full-stack software engineer. I have a background in web and mobile engineering.\nBuilt a note-taking app that has dozens of active users.\nRecent grad from Internet University.",
      );
    await page.getByLabel("Your links (one per line)").fill("https://alicepersonalwebsite.com");
    await page.locator('[data-verdict="ready"]').waitFor();
    expect(await page.locator('[data-rule="vague-ask"]').count()).toBe(0);
    const preview = await page.locator("#preview-text").innerText();
    expect(preview).toContain("Hey Jane, could you introduce me to Maya?");
    expect(await page.locator("#preview-subject").innerText()).toContain(
      "REQUEST: intro Maya Chen <> Alice Martin",
    );
    await snap(page, "04-composer-ready");
    await page.getByRole("button", { name: "Send to the introducer" }).click();
    await page.waitForURL(/\/intros\//);
    introUrl = page.url();
    expect(await status()).toBe("requested");
    await snap(page, "05-intro-requested-alice");
  });

  it("2. Maya says what she welcomes; Jane sees it as she triages, and asks Maya", async () => {
    await signInAs("maya@example.com");
    await page.getByRole("link", { name: "Preferences" }).click();
    await page.getByLabel("Topics you welcome").fill("careers in tech, startups vs big companies");
    await page.getByLabel("Your time zone").selectOption("Europe/Paris");
    await snap(page, "06a-preferences-maya");
    await page.getByRole("button", { name: "Save" }).click();
    await page.getByRole("status").filter({ hasText: "Saved." }).waitFor();

    await signInAs("jane@example.com");
    await page.goto(`${vouch.url}/inbox`);
    const row = page.locator("tr", { hasText: "Alice Martin → Maya Chen" });
    await row.waitFor();
    expect(await row.locator(".welcomes").innerText()).toBe(
      "Maya Chen welcomes intros about: careers in tech, startups vs big companies",
    );
    expect(Number(await row.locator("[data-score]").getAttribute("data-score"))).toBeGreaterThan(
      70,
    );
    expect(await row.innerText()).toContain("0 completed");
    await snap(page, "06-inbox-jane");
    await row.getByRole("link").click();
    await page
      .getByLabel("A note to Maya (optional)")
      .fill("Alice is great: I think you'll enjoy talking to her.");
    await snap(page, "07-intro-triage-jane");
    await page.getByRole("button", { name: "Ask Maya" }).click();
    await page.waitForURL(`${introUrl}?done=forward_for_consent`);
    await page.getByRole("status").filter({ hasText: "Maya has been asked" }).waitFor();
    expect(await status()).toBe("consent_requested");
  });

  it("3. Maya says yes on the one-click confirmation page, from the keyboard", async () => {
    await context.clearCookies();
    const notSignIn = /^(?!.*sign-in link)/;
    const yes = await linkInMail(vouch.dataDir, "maya@example.com", notSignIn, "Yes, introduce us");
    await page.goto(yes);
    await snap(page, "08-consent-yes-confirm");
    await page.keyboard.press("Tab");
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { name: "Done" }).waitFor();
    await snap(page, "09-consent-done");
  });

  it("4. Alice sees `introduced` and uses the ready BCC reply", async () => {
    await signInAs("alice@example.com");
    await snap(page, "10-my-requests-introduced");
    expect(await status()).toBe("introduced");
    await page.goto(introUrl);
    const mailto = await page.locator("#bcc-mailto").getAttribute("href");
    expect(mailto).toMatch(
      /^mailto:maya@example\.com\?bcc=intros%2B[\w-]+@vouch\.localhost&subject=Re%3A%20/,
    );
    expect(await page.locator("#bcc-text").inputValue()).toContain(
      "Thanks for the intro Jane (moved to BCC).",
    );
    // With JavaScript, the copy button appears; it copies the reply and says so.
    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: vouch.url });
    await page.getByRole("button", { name: "Copy the reply" }).click();
    await page.getByRole("status").filter({ hasText: "Copied" }).waitFor();
    const copied = await page.evaluate(() =>
      (
        globalThis as unknown as { navigator: { clipboard: { readText(): Promise<string> } } }
      ).navigator.clipboard.readText(),
    );
    expect(copied).toBe(await page.locator("#bcc-text").inputValue());
    await snap(page, "11-intro-bcc-reply");
    await page.getByRole("button", { name: "I've sent it" }).click();
    await page.waitForURL(`${introUrl}?done=reply_in_thread`);
    await page.getByRole("status").filter({ hasText: "Noted: you replied to Maya" }).waitFor();
    expect(await status()).toBe("connected");

    // Composing another request to Maya, the live coach shows what she welcomes.
    await page.getByRole("link", { name: "New request" }).click();
    await page.getByLabel("Who you want to meet (name)").fill("Maya Chen");
    await page.getByLabel("Their email address (optional)").fill("maya@example.com");
    const welcome = page.locator("#coach-panel[data-live] #welcome");
    await welcome.waitFor();
    expect(await welcome.innerText()).toContain(
      "Maya welcomes intros about: careers in tech, startups vs big companies",
    );
    await snap(page, "11a-composer-welcome");
    await page.goto(introUrl);
  });

  it("4a. Alice proposes a time; Maya gets it in her zone with a one-click confirm", async () => {
    // The day after tomorrow, 15:00 in Alice's zone (UTC: she set none).
    const day = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
    await page.getByLabel("First time").fill(`${day}T15:00`);
    await page.getByLabel("Your scheduling link (optional)").fill("https://cal.com/alice/30");
    await snap(page, "11b-propose-times");
    await page.getByRole("button", { name: "Propose these times" }).click();
    await page.waitForURL(`${introUrl}?done=propose_times`);
    await page
      .getByRole("status")
      .filter({ hasText: "Sent: Maya Chen gets these times" })
      .waitFor();
    // Beside the time her request proposed ("this Friday afternoon at, say, 3pm", read in the
    // browser's zone and offered to Maya with the introduction), the one she just proposed.
    const proposed = page.locator("tr", { hasText: "Times proposed" });
    expect(await proposed.locator(`time[datetime="${day}T15:00:00.000Z"]`).count()).toBe(1);
    const offered = () =>
      mailTo(vouch.dataDir, "maya@example.com").filter((m) => /Confirm /.test(m.text));
    await expect.poll(() => offered().length, { timeout: 15_000 }).toBe(2);
    const offer = offered().find((m) => m.text.includes("https://cal.com/alice/30"));
    // Maya reads it in Paris time, with a link per slot.
    expect(offer?.text).toMatch(/\(Europe\/Paris time\)/);
    expect(offer?.text).toMatch(/^Confirm [^:\n]+:\d\d: http:\/\/127\.0\.0\.1:\d+\/a\/\S+$/m);
  });

  it("5. after the meeting Alice reports back, and Jane sees the outcome", async () => {
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 16);
    // Alice has no time zone set: the form is in UTC, which the select says.
    expect(await page.getByLabel("Time zone", { exact: true }).inputValue()).toBe("UTC");
    await page.getByLabel("Date and time").fill(yesterday);
    await page.getByRole("button", { name: "Record the meeting" }).click();
    await page.waitForURL(`${introUrl}?done=confirm_meeting`);
    // The meeting ended over two hours ago: the server's timer sweep marks it met.
    await expect
      .poll(
        async () => {
          await page.reload();
          return status();
        },
        { timeout: 15_000, interval: 500 },
      )
      .toBe("met");
    await page.getByLabel("It went great").check();
    await page.getByLabel("Anything to add? (optional)").fill("Maya was generous with her time.");
    await page.getByLabel("I've thanked Jane").check();
    await snap(page, "12-report-back");
    await page.getByRole("button", { name: "Send" }).click();
    await page.waitForURL(`${introUrl}?done=report_outcome`);
    await page.getByRole("status").filter({ hasText: "Sent to Jane: your report" }).waitFor();
    expect(await status()).toBe("completed");
    await snap(page, "13-intro-completed-alice");

    await signInAs("jane@example.com");
    await page.goto(`${vouch.url}/insights`);
    expect(await page.locator('[data-stage="thanked"]').innerHTML()).toBe("1");
    await snap(page, "14-insights-jane");
    await page.getByRole("link", { name: "Outcomes", exact: true }).click();
    expect(await page.locator('[data-outcome="great"]').count()).toBe(1);
    expect(await page.locator(".outcomes").innerText()).toContain("thanked you");
    expect(await page.locator(".outcomes").innerText()).toContain(
      "Maya was generous with her time.",
    );
    await snap(page, "14a-outcomes-jane");
    await page.goto(introUrl);
    await snap(page, "15-intro-completed-jane");

    await page.goto(`${vouch.url}/dev/mail`);
    await snap(page, "16-dev-mail");
    const href = await page.locator('a[href^="/intros/"]').first().getAttribute("href");
    expect(introUrl.endsWith(href ?? "none")).toBe(true);
  });

  it("6. on a phone-sized screen, Jane's pages fit the width and read without sideways scrolling", async () => {
    await page.setViewportSize({ width: 375, height: 740 });
    try {
      for (const [path, shot] of [
        ["/", "17-phone-my-requests"],
        ["/inbox", "18-phone-inbox"],
        [new URL(introUrl).pathname, "19-phone-intro"],
        ["/insights", "20-phone-insights"],
        ["/outcomes", "21-phone-outcomes"],
        ["/requests/new", "22-phone-composer"],
      ] as const) {
        await page.goto(`${vouch.url}${path}`);
        const overflow = await page.evaluate(() => {
          const d = (
            globalThis as unknown as {
              document: { documentElement: { scrollWidth: number; clientWidth: number } };
            }
          ).document.documentElement;
          return d.scrollWidth - d.clientWidth;
        });
        expect(overflow, `${path} scrolls sideways by ${overflow}px`).toBeLessThanOrEqual(0);
        await snap(page, shot);
      }
    } finally {
      await page.setViewportSize({ width: 1200, height: 900 });
    }
  });
});
