// `npm run demo`: a throwaway Vouch holding the seed's story at every stage. It makes a fresh
// data dir (SQLite, the built-in mailbox), runs the story into it, starts the server on free
// ports (or VOUCH_HTTP_PORT / VOUCH_SMTP_PORT when given), prints a sign-in link for Alice, Jane
// and Maya, and serves until Ctrl-C (or SIGTERM), then deletes the data dir.
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadConfig } from "../config.ts";
import { startServer } from "../server.ts";
import { setupDemo } from "./setup.ts";

/** A free TCP port on `host` (the kernel's choice). */
function freePort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, host, () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

const dataDir = mkdtempSync(join(tmpdir(), "vouch-demo-"));
// Whatever ends the process (the server's own SIGINT/SIGTERM handling exits), the data goes.
process.on("exit", () => rmSync(dataDir, { recursive: true, force: true }));

const host = process.env.VOUCH_HTTP_HOST || "127.0.0.1";
const env: Record<string, string> = {
  VOUCH_DATA_DIR: dataDir,
  VOUCH_HTTP_HOST: host,
  VOUCH_HTTP_PORT: process.env.VOUCH_HTTP_PORT || String(await freePort(host)),
  VOUCH_SMTP_HOST: "127.0.0.1",
  VOUCH_SMTP_PORT: process.env.VOUCH_SMTP_PORT || String(await freePort("127.0.0.1")),
  VOUCH_LOG_LEVEL: process.env.VOUCH_LOG_LEVEL || "warn",
};
try {
  const demo = await setupDemo(loadConfig(env));
  const server = await startServer(env);
  const lines = [
    "",
    `Vouch demo running at ${server.config.publicUrl} (data in ${dataDir}, deleted on exit)`,
    "",
    `${demo.intros.length} intros, one in every status of the lifecycle. Sign in as (each link works once):`,
    ...demo.links.map((l) => `  ${`${l.name}:`.padEnd(7)}${l.url}`),
    "",
    `Every email Vouch sent is in the built-in mailbox: ${server.config.publicUrl}/dev/mail`,
    `Sign in again at ${server.config.publicUrl}/sign-in (the link lands in that mailbox).`,
    "Press Ctrl-C to stop.",
    "",
  ];
  process.stdout.write(lines.join("\n"));
} catch (e) {
  process.stderr.write(`vouch demo: ${(e as Error).message ?? e}\n`);
  process.exit(1);
}
