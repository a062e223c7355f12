// `npm run demo`: the story it builds reaches every status through the real use cases, its
// printed links sign Alice, Jane and Maya in, and the process serves until SIGTERM, then exits 0
// and deletes its data dir.
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { loadConfig } from "../src/config.ts";
import { setupDemo } from "../src/demo/setup.ts";
import { STATUSES } from "../src/domain/types.ts";
import { openStore } from "../src/store/open-store.ts";
import { testDeps } from "./support/app.ts";
import { freePort } from "./support/ports.ts";
import { WebClient, webTestApp } from "./web/support.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const dirs: string[] = [];
const children: ChildProcess[] = [];
afterAll(() => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill("SIGKILL");
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe("the demo's story", () => {
  it("holds an intro in every status, and its links sign each person in once", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "vouch-demo-test-"));
    dirs.push(dataDir);
    const config = loadConfig({ VOUCH_DATA_DIR: dataDir });
    const demo = await setupDemo(config);

    const seed = demo.intros.filter((i) => i.people === "Alice → Jane → Maya");
    expect(seed.map((i) => i.status).sort()).toEqual([...STATUSES].sort());
    // Jane has a history beyond Alice's intros: other requesters and targets.
    const janes = demo.intros.filter((i) => i.people.includes("→ Jane →"));
    expect(new Set(janes.map((i) => i.people)).size).toBeGreaterThan(3);

    const store = openStore({ dataDir });
    try {
      // Each intro was built by use cases: its history is in the store, and it is as reported.
      for (const i of demo.intros) {
        const stored = await store.getIntro(i.id);
        expect(stored?.status).toBe(i.status);
      }
      const secret = (await store.getSetting("link_secret")) as string;
      const app = webTestApp({ ...testDeps(store), secret, publicUrl: config.publicUrl });
      expect(demo.links.map((l) => l.name)).toEqual(["Alice", "Jane", "Maya"]);
      for (const link of demo.links) {
        const path = new URL(link.url).pathname;
        expect(link.url.startsWith(`${config.publicUrl}/sign-in/`)).toBe(true);
        const c = new WebClient(app);
        expect((await c.get(path)).status).toBe(200);
        const done = await c.post(path);
        expect(done.status).toBe(303);
        const home = await c.get("/");
        expect(home.status).toBe(200);
        expect(home.text).toContain(link.email);
        expect(home.text).toContain("Sign out");
        // Single use: a second click signs nobody in.
        const again = new WebClient(app);
        await again.get(path);
        expect((await again.post(path)).status).toBe(410);
      }
    } finally {
      await store.close();
    }
  }, 120_000);
});

describe("npm run demo", () => {
  it("serves the story with working links until SIGTERM, then exits 0 and deletes its data", async () => {
    const port = await freePort();
    const child = spawn(process.execPath, [join(ROOT, "src/demo/main.ts")], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        VOUCH_HTTP_PORT: String(port),
        VOUCH_SMTP_PORT: String(await freePort()),
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    children.push(child);
    let out = "";
    let err = "";
    child.stdout?.on("data", (d) => {
      out += d;
    });
    child.stderr?.on("data", (d) => {
      err += d;
    });
    const exited = new Promise<number | null>((r) => child.once("exit", (code) => r(code)));
    for (let i = 0; i < 900 && !out.includes("Ctrl-C"); i++) {
      if (child.exitCode !== null) throw new Error(`the demo exited: ${err}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(out).toContain("Ctrl-C");
    const dataDir = /data in (\S+),/.exec(out)?.[1] as string;
    expect(existsSync(join(dataDir, "vouch.db"))).toBe(true);
    const links = [...out.matchAll(/^\s+(Alice|Jane|Maya):\s+(\S+)$/gm)];
    expect(links.map((m) => m[1])).toEqual(["Alice", "Jane", "Maya"]);

    // Jane's link, opened over a real socket as a browser would: the page, then its button.
    const url = links[1]?.[2] as string;
    expect(new URL(url).port).toBe(String(port));
    const page = await fetch(url);
    expect(page.status).toBe(200);
    const cookie = page.headers
      .getSetCookie()
      .map((c) => c.split(";")[0])
      .join("; ");
    const csrf = /name="_csrf" value="([^"]+)"/.exec(await page.text())?.[1] as string;
    const signedIn = await fetch(url, {
      method: "POST",
      headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ _csrf: csrf }).toString(),
      redirect: "manual",
    });
    expect(signedIn.status).toBe(303);
    const session = signedIn.headers
      .getSetCookie()
      .map((c) => c.split(";")[0])
      .join("; ");
    const insights = await fetch(new URL("/insights", url), {
      headers: { cookie: `${cookie}; ${session}` },
    });
    expect(insights.status).toBe(200);
    expect(await insights.text()).toContain("jane@example.com");

    child.kill("SIGTERM");
    expect(await exited).toBe(0);
    expect(existsSync(dataDir)).toBe(false);
  }, 180_000);
});
