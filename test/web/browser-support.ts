// A real `vouch serve` process and Debian's Chromium driven by playwright-core, for the browser
// tests. Mail is read from the built-in mailbox (data/mailbox/index.jsonl), as a person would.
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type BrowserContext, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, expect } from "vitest";
import type { MailboxEntry } from "../../src/mail/outbound/mailbox.ts";
import { MAIN } from "../support/cli.ts";
import { freePort } from "../support/ports.ts";

export const ARTIFACTS = join(process.cwd(), "test-artifacts");
const AXE = join(process.cwd(), "node_modules/axe-core/axe.min.js");

export interface Served {
  url: string;
  dataDir: string;
  stop(): Promise<void>;
}

export async function startVouch(): Promise<Served> {
  const dataDir = mkdtempSync(join(tmpdir(), "vouch-web-"));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(process.execPath, [MAIN, "serve"], {
    env: {
      PATH: process.env.PATH,
      VOUCH_DATA_DIR: dataDir,
      VOUCH_HTTP_PORT: String(port),
      VOUCH_SMTP_PORT: String(await freePort()),
      VOUCH_PUBLIC_URL: url,
      VOUCH_TIMER_INTERVAL_S: "1",
      VOUCH_LOG_LEVEL: "warn",
    },
    stdio: ["ignore", "inherit", "inherit"],
  });
  const started = Date.now();
  for (;;) {
    try {
      if ((await fetch(`${url}/health`)).ok) break;
    } catch {}
    // Generous: on a loaded 2-core machine a cold start (TypeScript stripping, migrations) can
    // take most of a minute; a server that exits early is reported at once.
    if (child.exitCode !== null) throw new Error(`vouch serve exited with ${child.exitCode}`);
    if (Date.now() - started > 180_000) throw new Error("vouch serve did not start in 3 minutes");
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    dataDir,
    async stop() {
      child.kill("SIGTERM");
      await new Promise((r) => child.once("exit", r));
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A fresh Chromium profile (its own --user-data-dir), headless, with nothing from the network. */
export async function openBrowser(): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  const profile = mkdtempSync(join(tmpdir(), "vouch-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: "/usr/bin/chromium",
    headless: true,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
    viewport: { width: 1200, height: 900 },
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** The messages in the built-in mailbox sent to `to`, oldest first. */
export function mailTo(dataDir: string, to: string): MailboxEntry[] {
  const index = join(dataDir, "mailbox", "index.jsonl");
  if (!existsSync(index)) return [];
  return readFileSync(index, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l) as MailboxEntry)
    .filter((m) => m.to.includes(to));
}

/** Waits for the `n`-th message to `to` whose subject matches, and returns the link after `label:`. */
export async function linkInMail(
  dataDir: string,
  to: string,
  subject: RegExp,
  label: string,
  after = 0,
) {
  const started = Date.now();
  for (;;) {
    const m = mailTo(dataDir, to).filter((x) => subject.test(x.subject))[after];
    if (m) {
      const escaped = label.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      const link = new RegExp(`${escaped}:\\s*(https?://\\S+)`).exec(m.text)?.[1];
      if (!link) throw new Error(`no "${label}" link in ${m.subject}:\n${m.text}`);
      return link;
    }
    if (Date.now() - started > 15_000) throw new Error(`no mail to ${to} matching ${subject}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Runs axe-core in the page and fails on any serious or critical violation. */
export async function expectAccessible(page: Page, name: string) {
  await page.addScriptTag({ path: AXE });
  const violations = await page.evaluate(async () => {
    // biome-ignore lint/suspicious/noExplicitAny: axe is injected at run time
    const g = globalThis as any;
    const r = await g.axe.run(g.document);
    return (r.violations as { id: string; impact: string; nodes: { html: string }[] }[])
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map(
        (v) =>
          `${v.id} (${v.impact}): ${v.nodes
            .map((n) => n.html)
            .join(" | ")
            .slice(0, 300)}`,
      );
  });
  expect(violations, `axe on ${name}`).toEqual([]);
}

/** Saves a full-page screenshot under test-artifacts/ and checks the page with axe. */
export async function snap(page: Page, name: string) {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
  await expectAccessible(page, name);
}

/**
 * A real server and one Chromium tab for a test file (started before its tests, stopped after),
 * with people signed in through the real magic-link flow and forms posted as the page would.
 */
export function servedTab() {
  const t = {} as { vouch: Served; context: BrowserContext; page: Page };
  let browser: Awaited<ReturnType<typeof openBrowser>> | undefined;
  const signIns: Record<string, number> = {};
  beforeAll(async () => {
    t.vouch = await startVouch();
    browser = await openBrowser();
    t.context = browser.context;
    t.page = await t.context.newPage();
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await t.vouch?.stop();
  });
  return {
    get vouch() {
      return t.vouch;
    },
    get page() {
      return t.page;
    },
    async signInAs(email: string) {
      const { page, vouch } = t;
      await t.context.clearCookies();
      await page.goto(`${vouch.url}/sign-in`);
      await page.getByLabel("Email address").fill(email);
      await page.keyboard.press("Enter");
      await page.getByRole("heading", { name: "Check your email" }).waitFor();
      const n = signIns[email] ?? 0;
      signIns[email] = n + 1;
      await page.goto(
        await linkInMail(vouch.dataDir, email, /sign-in link/, "Sign in to Vouch", n),
      );
      await page.getByRole("button", { name: "Sign me in" }).click();
      await page.waitForURL(`${vouch.url}/`);
    },
    /** Posts a form of the page's app the way its own form would (with the page's CSRF token). */
    async postForm(path: string, form: Record<string, string>) {
      const csrf = await t.page.locator('input[name="_csrf"]').first().getAttribute("value");
      const r = await t.page.request.post(`${t.vouch.url}${path}`, {
        form: { _csrf: csrf ?? "", ...form },
        maxRedirects: 0,
      });
      expect(r.status(), path).toBe(303);
      return r.headers().location ?? "";
    },
  };
}

const signedIn = new Map<string, number>();

/** Signs `email` in through the sign-in page and the link in the mail, as a person would. */
export async function signInThroughMail(
  page: Page,
  context: BrowserContext,
  served: Served,
  email: string,
) {
  await context.clearCookies();
  await page.goto(`${served.url}/sign-in`);
  await page.getByLabel("Email address").fill(email);
  await page.keyboard.press("Enter");
  await page.getByRole("heading", { name: "Check your email" }).waitFor();
  const seen = `${served.dataDir} ${email}`;
  const n = signedIn.get(seen) ?? 0;
  signedIn.set(seen, n + 1);
  await page.goto(await linkInMail(served.dataDir, email, /sign-in link/, "Sign in to Vouch", n));
  await page.getByRole("button", { name: "Sign me in" }).click();
  await page.waitForURL(`${served.url}/`);
}

/** How many pixels the page is wider than the window (0 or less: no sideways scrolling). */
export function sidewaysScroll(page: Page): Promise<number> {
  return page.evaluate(() => {
    const d = (
      globalThis as unknown as {
        document: { documentElement: { scrollWidth: number; clientWidth: number } };
      }
    ).document.documentElement;
    return d.scrollWidth - d.clientWidth;
  });
}

/**
 * A `vouch serve` and a Chromium page for one test file, started before its tests and stopped
 * after; read the fields inside tests.
 */
export function servedWithBrowser(): { vouch: Served; context: BrowserContext; page: Page } {
  const h = {} as { vouch: Served; context: BrowserContext; page: Page };
  let browser: Awaited<ReturnType<typeof openBrowser>> | undefined;
  beforeAll(async () => {
    h.vouch = await startVouch();
    browser = await openBrowser();
    h.context = browser.context;
    h.page = await h.context.newPage();
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await h.vouch?.stop();
  });
  return h;
}
