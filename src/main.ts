// The entry point of `vouch` and `npm start`.
import { runCli } from "./cli/main.ts";

const code = await runCli(process.argv.slice(2));
// serve keeps running on its own handles; everything else exits with its code.
if (process.argv[2] !== "serve" || code !== 0) process.exit(code);
