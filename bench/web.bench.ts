// The web app's figure (issue 6): requests/s for the home page ("What needs you" and the first
// 50 of "Your intros") of a person with 1,000 intros, over a real socket, next to GET /health
// measured in the same run. BENCH_INTROS=n changes the count.
import { serve } from "@hono/node-server";
import { createIntro } from "../src/app/create-intro.ts";
import { httpApp } from "../src/http/app.ts";
import { openStore } from "../src/store/open-store.ts";
import { printFigure } from "./report.ts";
import {
  benchDeps,
  benchTempDir,
  personName,
  requestText,
  TARGET_PROFILE,
} from "./support/databases.ts";
import { sessionCookie } from "./support/session-cookie.ts";

const INTROS = Number(process.env.BENCH_INTROS ?? 1000);
const tmp = benchTempDir();
const store = openStore({ dataDir: tmp.dir });
await store.migrate();
const deps = benchDeps(store);
const me = "alice@example.com";
const started = performance.now();
for (let n = 0; n < INTROS; n++) {
  const introducer = personName(n + 1);
  const target = personName(n + 2);
  await createIntro(
    deps,
    {
      requester: { name: "Alice Martin", email: me },
      introducer: { name: introducer, email: `introducer${n % 50}@example.com` },
      target: { name: target, email: `target${n}@example.com` },
      requestText: requestText("Alice Martin", introducer, target),
      targetProfile: TARGET_PROFILE,
      submit: true,
    },
    "web",
  );
}
console.log(`seeded ${INTROS} intros in ${((performance.now() - started) / 1000).toFixed(1)} s`);

// A session, as a magic link opens it: through the sign-in page, so the cookie is really signed.
const cookie = await sessionCookie(deps, me);
const app = httpApp(deps, { log: () => {} });

const server = serve({ fetch: app.fetch, hostname: "127.0.0.1", port: 0 });
await new Promise((r) => server.once("listening", r));
const { port } = server.address() as { port: number };

async function rate(path: string, ms: number, concurrency = 4): Promise<number> {
  let n = 0;
  const end = performance.now() + ms;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < end) {
        const res = await fetch(`http://127.0.0.1:${port}${path}`, { headers: { cookie } });
        const body = await res.text();
        if (res.status !== 200) throw new Error(`${path}: ${res.status}`);
        if (path === "/" && !body.includes("Your intros")) throw new Error("not the dashboard");
        n++;
      }
    }),
  );
  return (n * 1000) / (performance.now() - t0);
}

await rate("/", 500);
const health = await rate("/health", 3000);
const dashboard = await rate("/", 3000);
printFigure({
  name: `requester dashboard (${INTROS} intros) requests/s`,
  value: dashboard,
  unit: "req/s",
  baseline: { name: "GET /health", value: health },
});
server.close();
await store.close();
tmp.remove();
