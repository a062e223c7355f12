// `npm start` as a new user runs it: a real process on real sockets, on the embedded defaults.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { MAIN } from "./support/cli.ts";
import { freePort } from "./support/ports.ts";

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe("vouch serve", { timeout: 120_000 }, () => {
  it("runs on Node 24", () => {
    expect(process.versions.node.startsWith("24.")).toBe(true);
  });

  // How fast it starts is for a benchmark: on a loaded machine a start can take many seconds.
  it("serves /health on SQLite once started", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "vouch-serve-"));
    dirs.push(dataDir);
    const port = await freePort();
    const child = spawn(process.execPath, [MAIN, "serve"], {
      env: {
        PATH: process.env.PATH,
        VOUCH_DATA_DIR: dataDir,
        VOUCH_HTTP_PORT: String(port),
        VOUCH_SMTP_PORT: String(await freePort()),
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (d) => {
      output += d;
    });
    try {
      let body: unknown;
      // Until it answers, or exits (then there is no answer to wait for).
      while (body === undefined && child.exitCode === null) {
        try {
          const res = await fetch(`http://127.0.0.1:${port}/health`);
          body = await res.json();
        } catch {
          await new Promise((r) => setTimeout(r, 100));
        }
      }
      expect(body).toMatchObject({ ok: true, database: "sqlite" });
      expect(output).toContain("Vouch is running at");
    } finally {
      child.kill("SIGTERM");
      await new Promise((r) => child.once("exit", r));
    }
  });

  it("refuses to start with a bad variable, naming it", async () => {
    const child = spawn(process.execPath, [MAIN, "serve"], {
      env: { PATH: process.env.PATH, VOUCH_PUBLIC_URL: "localhost" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let err = "";
    child.stderr.on("data", (d) => {
      err += d;
    });
    const code = await new Promise((r) => child.once("exit", r));
    expect(code).toBe(1);
    expect(err.trim()).toBe(
      'vouch: VOUCH_PUBLIC_URL must be a URL like https://vouch.example.com (got "localhost")',
    );
  });
});
