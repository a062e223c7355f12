// Builds a SQLite data dir holding `count` intros, in a process of its own so that what loading
// costs in memory never shows in the RSS of the server measured afterwards.
// TEMPLATES intros go through the app (createIntro; every 3rd is also forwarded to its target and
// every 6th accepted, so histories, rendered emails, link tokens and statuses vary as in real
// use); the rest are SQL copies of those (copy-intros.ts). Committing 100,000 intros one by one
// takes minutes on a small machine, and commit throughput is another bench's subject.
//
// Usage: node build-intros-db.ts <dataDir> <count>  → prints one JSON BuiltDb line.
import { join } from "node:path";
import { applyEvent } from "../../src/app/apply-event.ts";
import { createIntro } from "../../src/app/create-intro.ts";
import { openStore } from "../../src/store/open-store.ts";
import { copyIntros } from "./copy-intros.ts";
import { benchDeps, personName, requestText, TARGET_PROFILE } from "./databases.ts";

export interface BuiltDb {
  count: number;
  /** Template intros: the id and the requester's email; copy k of each is `${id}${copySuffix(k)}`. */
  templates: { id: string; requester: string }[];
  seconds: number;
  /** CPU seconds (user + system) of the app part and of the SQL copy. */
  cpu: { app: number; copy: number };
}

export const TEMPLATES = 500;
/** 2,000 people (a multiple of 20); each intro has three different ones. */
const PEOPLE = 2000;
export const personEmail = (p: number) => `person${String(p).padStart(4, "0")}@example.com`;

/** Three people with different first names (personName's first name is p mod 20). */
function participants(t: number) {
  const r = t % PEOPLE;
  return [r, (r + 1 + (t % 9)) % PEOPLE, (r + 10 + (t % 9)) % PEOPLE] as const;
}

async function build(dataDir: string, count: number): Promise<BuiltDb> {
  if (count % TEMPLATES) throw new Error(`count must be a multiple of ${TEMPLATES}`);
  const start = performance.now();
  const store = openStore({ dataDir });
  const templates: BuiltDb["templates"] = [];
  try {
    await store.migrate();
    const deps = benchDeps(store);
    for (let t = 0; t < TEMPLATES; t++) {
      const [r, n, g] = participants(t);
      const intro = await createIntro(
        deps,
        {
          requester: { name: personName(r), email: personEmail(r) },
          introducer: { name: personName(n), email: personEmail(n) },
          target: { name: personName(g), email: personEmail(g) },
          requestText: requestText(personName(r), personName(n), personName(g)),
          targetProfile: TARGET_PROFILE,
          submit: true,
        },
        "api",
      );
      templates.push({ id: intro.id, requester: personEmail(r) });
      if (t % 3 === 0) {
        await applyEvent(
          deps,
          intro.id,
          { type: "forward_for_consent", actor: "introducer" },
          "api",
        );
      }
      if (t % 6 === 0) {
        const evidence = { via: "api", confidence: 1, authenticated: true } as const;
        await applyEvent(deps, intro.id, { type: "accept", actor: "target", evidence }, "api");
      }
    }
  } finally {
    await store.close();
  }
  const cpuApp = process.cpuUsage();
  copyIntros(join(dataDir, "vouch.db"), count / TEMPLATES - 1);
  const cpuCopy = process.cpuUsage(cpuApp);
  const s = (c: NodeJS.CpuUsage) => (c.user + c.system) / 1e6;
  return {
    count,
    templates,
    seconds: (performance.now() - start) / 1000,
    cpu: { app: s(cpuApp), copy: s(cpuCopy) },
  };
}

const [dir, n] = process.argv.slice(2);
if (dir && n) process.stdout.write(`${JSON.stringify(await build(dir, Number(n)))}\n`);
