// A load generator runs in a child process of its own (so its CPU and memory are not the
// server's): the spec goes in on stdin, the result comes back as the last line of stdout.
import { spawn } from "node:child_process";

/** Runs `script` with `spec` on stdin; killed `graceMs` after the spec's duration. */
export function runInChild<R>(
  script: string,
  spec: { base: string; durationMs: number },
  graceMs: number,
): Promise<R> {
  if (new URL(spec.base).hostname !== "127.0.0.1") throw new Error("load only 127.0.0.1");
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script], { stdio: ["pipe", "pipe", "inherit"] });
    child.stdin.end(JSON.stringify(spec));
    let out = "";
    child.stdout.on("data", (d) => {
      out += d;
    });
    const kill = setTimeout(() => child.kill("SIGKILL"), spec.durationMs + graceMs);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(kill);
      if (code !== 0) return reject(new Error(`load generator exited with ${code}`));
      resolve(JSON.parse(out.trim().split("\n").at(-1) ?? "{}") as R);
    });
  });
}
