// Stopping Vouch: `npm start` (npm → sh → node) and `bin/vouch serve`, sent SIGTERM or SIGINT by
// a service manager, a terminal (the whole process group) or a person (npm alone). Vouch drains
// and every process exits: no server is left running without its parent.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { freePort } from "./support/ports.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const dirs: string[] = [];
const started: number[] = [];
afterAll(() => {
  // Whatever a failed test left behind is ended here, by its own pid.
  for (const pid of started) {
    try {
      process.kill(pid, "SIGKILL");
    } catch {}
  }
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function waitFor<T>(what: string, fn: () => T | undefined | Promise<T | undefined>) {
  for (let i = 0; i < 600; i++) {
    const v = await fn();
    if (v !== undefined) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`gave up waiting for ${what}`);
}

/** Starts a command in its own process group; resolves once Vouch answers, with its node pid. */
async function start(command: string, args: string[]) {
  const dataDir = mkdtempSync(join(tmpdir(), "vouch-signals-"));
  dirs.push(dataDir);
  const port = await freePort();
  const child = spawn(command, args, {
    cwd: ROOT,
    detached: true,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      npm_config_update_notifier: "false",
      VOUCH_DATA_DIR: dataDir,
      VOUCH_HTTP_PORT: String(port),
      VOUCH_SMTP_PORT: String(await freePort()),
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  started.push(child.pid as number);
  let log = "";
  child.stdout?.on("data", (d) => {
    log += d;
  });
  child.stderr?.on("data", (d) => {
    log += d;
  });
  const exited = new Promise<number | null>((r) => child.once("exit", (code) => r(code)));
  const serverPid = await waitFor("Vouch to start", () => {
    const m = /"pid":(\d+)[^\n]*Vouch is running/.exec(log);
    return m ? Number(m[1]) : undefined;
  });
  started.push(serverPid);
  const health = await fetch(`http://127.0.0.1:${port}/health`);
  expect(health.status).toBe(200);
  return { child, serverPid, exited, log: () => log };
}

async function expectAllGone(run: {
  child: ChildProcess;
  serverPid: number;
  exited: Promise<unknown>;
}) {
  await run.exited;
  await waitFor("the server to exit", () => (alive(run.serverPid) ? undefined : true));
  expect(alive(run.serverPid)).toBe(false);
}

describe("stopping vouch serve", { timeout: 120_000 }, () => {
  it("npm start: SIGTERM to npm alone stops the server too", async () => {
    const run = await start("npm", ["start"]);
    process.kill(run.child.pid as number, "SIGTERM");
    await expectAllGone(run);
    expect(run.log()).toContain("SIGTERM: shutting down");
  });

  it("npm start: SIGINT to the process group (Ctrl-C) drains and exits", async () => {
    const run = await start("npm", ["start"]);
    process.kill(-(run.child.pid as number), "SIGINT");
    await expectAllGone(run);
    expect(run.log()).toContain("SIGINT: shutting down");
    expect(run.log()).toContain("stopped");
  });

  it("bin/vouch serve: SIGTERM to bin/vouch alone stops the server too, and exits 0", async () => {
    const run = await start(join(ROOT, "bin", "vouch"), ["serve"]);
    process.kill(run.child.pid as number, "SIGTERM");
    expect(await run.exited).toBe(0);
    await expectAllGone(run);
  });

  it("bin/vouch serve: SIGTERM to the process group (a service manager) exits 0", async () => {
    const run = await start(join(ROOT, "bin", "vouch"), ["serve"]);
    process.kill(-(run.child.pid as number), "SIGTERM");
    expect(await run.exited).toBe(0);
    await expectAllGone(run);
  });
});
