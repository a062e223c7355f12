// The entry point of `vouch` and `npm start`.
import { runCli } from "./cli/main.ts";

const code = await runCli(process.argv.slice(2));
// serve keeps running on its own handles; everything else exits with its code, once what it
// wrote has reached stdout and stderr: process.exit() drops output still queued for a pipe.
if (process.argv[2] !== "serve" || code !== 0) {
  process.exitCode = code;
  await Promise.all([process.stdout, process.stderr].map(flushed));
  process.exit(code);
}

/** Resolves once everything written to the stream so far is handed to the OS. */
function flushed(stream: NodeJS.WriteStream): Promise<void> {
  return new Promise((resolve) => {
    if (stream.destroyed || !stream.writable) return resolve();
    stream.write("", () => resolve());
  });
}
