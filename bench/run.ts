// `npm run bench`: runs every bench/*.bench.ts in turn, each in its own process so that memory
// figures are not polluted by the previous benchmark. Pass names to run only some: npm run bench -- coach
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";

const dir = fileURLToPath(new URL(".", import.meta.url));
const only = process.argv.slice(2);
const files = readdirSync(dir)
  .filter((f) => f.endsWith(".bench.ts"))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();
let failed = 0;
for (const f of files) {
  console.log(`\n## ${f.replace(".bench.ts", "")}`);
  const r = spawnSync(process.execPath, ["--expose-gc", `${dir}${f}`], { stdio: "inherit" });
  if (r.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
