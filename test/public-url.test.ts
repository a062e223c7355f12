// Links in emails point at the address Vouch serves, with no VOUCH_PUBLIC_URL: a server on a
// port other than 3000 links to its own port, and a CLI command run afterwards without the
// server's environment queues links to that same port. Real processes on real sockets.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { BuiltInMailbox } from "../src/mail/outbound/mailbox.ts";
import { introCreateArgs, MAIN, vouch } from "./support/cli.ts";
import { freePort } from "./support/ports.ts";

const dirs: string[] = [];
const children: ChildProcess[] = [];
afterAll(async () => {
  for (const c of children) {
    if (c.exitCode === null) {
      c.kill("SIGTERM");
      await new Promise((r) => c.once("exit", r));
    }
  }
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), "vouch-public-url-"));
  dirs.push(d);
  return d;
}

/** Polls until `get` returns something, for up to a minute (a loaded machine is slow). */
async function eventually<T>(get: () => T | undefined, what: string): Promise<T> {
  const started = Date.now();
  for (;;) {
    const v = get();
    if (v !== undefined) return v;
    if (Date.now() - started > 60_000) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

const CREATE = introCreateArgs();

describe("links in emails without VOUCH_PUBLIC_URL", { timeout: 180_000 }, () => {
  it("point at the server's own port, from the server and from the CLI afterwards", async () => {
    const dataDir = tempDir();
    const port = await freePort();
    const child = spawn(process.execPath, [MAIN, "serve"], {
      env: {
        PATH: process.env.PATH,
        VOUCH_DATA_DIR: dataDir,
        VOUCH_HTTP_PORT: String(port),
        VOUCH_SMTP_PORT: String(await freePort()),
        VOUCH_TIMER_INTERVAL_S: "1",
        VOUCH_LOG_LEVEL: "warn",
      },
      stdio: ["ignore", "inherit", "inherit"],
    });
    children.push(child);
    const url = `http://127.0.0.1:${port}`;
    const signInForm = await (async () => {
      const started = Date.now();
      for (;;) {
        try {
          const res = await fetch(`${url}/sign-in`);
          if (res.ok) return res;
        } catch {}
        if (Date.now() - started > 60_000) throw new Error("vouch serve did not start");
        await new Promise((r) => setTimeout(r, 200));
      }
    })();
    // Ask for a sign-in link as a browser would: the pre-session cookie and its CSRF token.
    const cookie = (signInForm.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
    const csrf = /name="_csrf" value="([^"]+)"/.exec(await signInForm.text())?.[1] ?? "";
    const asked = await fetch(`${url}/sign-in`, {
      method: "POST",
      headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ _csrf: csrf, email: "alice@example.com" }),
      redirect: "manual",
    });
    expect(asked.status).toBeLessThan(400);
    const mailbox = new BuiltInMailbox(dataDir);
    const signIn = await eventually(
      () => mailbox.list({ to: "alice@example.com" })[0],
      "the sign-in email",
    );
    expect(signIn.text).toContain(`http://localhost:${port}/sign-in/`);
    expect(signIn.text).not.toContain("localhost:3000");

    // The CLI, without the server's port: its queued mail links to the server's address too.
    const created = await vouch(CREATE, { VOUCH_DATA_DIR: dataDir });
    expect(created.stderr).toBe("");
    expect(created.code).toBe(0);
    const request = await eventually(
      () => mailbox.list({ to: "jane@example.com" })[0],
      "the request to Jane",
    );
    expect(request.text).toContain(`http://localhost:${port}/a/`);
    expect(request.text).not.toContain("localhost:3000");
    expect(request.html).not.toContain("localhost:3000");
  });

  it("refuses, in one line, to queue mail from the CLI when no address is known", async () => {
    const dataDir = tempDir();
    const r = await vouch(CREATE, { VOUCH_DATA_DIR: dataDir });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(/^vouch: .*VOUCH_PUBLIC_URL/);
    // Nothing was created.
    const list = await vouch(["intro", "list", "--json"], { VOUCH_DATA_DIR: dataDir });
    expect(JSON.parse(list.stdout)).toEqual([]);
  });
});
