import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

// The code map in docs/architecture.md, checked: imports (type-only ones too) form no cycle, and
// each layer imports only the layers below it.

const SRC = resolve(import.meta.dirname, "../src");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return e.name.endsWith(".ts") && !e.name.endsWith(".test.ts") ? [p] : [];
  });
}

/** Each source file (relative to src/) and the project files it imports. */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of sourceFiles(SRC)) {
    const info = ts.preProcessFile(readFileSync(file, "utf8"), true, true);
    const deps = info.importedFiles
      .map((f) => f.fileName)
      .filter((f) => f.startsWith("."))
      .map((f) => relative(SRC, resolve(dirname(file), f)));
    graph.set(relative(SRC, file), deps);
  }
  return graph;
}

/** Every cycle found by a depth-first walk, each as the files along it. */
function cycles(graph: Map<string, string[]>): string[][] {
  const found: string[][] = [];
  const state = new Map<string, "open" | "done">();
  const path: string[] = [];
  const visit = (f: string) => {
    state.set(f, "open");
    path.push(f);
    for (const d of graph.get(f) ?? []) {
      if (state.get(d) === "open") found.push([...path.slice(path.indexOf(d)), d]);
      else if (!state.has(d)) visit(d);
    }
    path.pop();
    state.set(f, "done");
  };
  for (const f of graph.keys()) if (!state.has(f)) visit(f);
  return found;
}

const layer = (f: string) => f.split("/")[0] ?? f;

/** What each layer may import, besides itself. */
const ALLOWED: Record<string, string[]> = {
  domain: [],
  contacts: ["domain"],
  store: ["domain", "contacts"],
  mail: ["domain", "store", "config.ts", "log.ts"],
};

describe("the import graph", () => {
  const graph = importGraph();

  it("covers the source tree", () => {
    expect(graph.size).toBeGreaterThan(100);
    expect(graph.get("app/receive-mail.ts")).toContain("app/sender-auth.ts");
  });

  it("has no cycles, type-only imports included", () => {
    expect(cycles(graph).map((c) => c.join(" → "))).toEqual([]);
  });

  it("finds a cycle when there is one", () => {
    const g = new Map([
      ["a.ts", ["b.ts"]],
      ["b.ts", ["c.ts"]],
      ["c.ts", ["a.ts"]],
    ]);
    expect(cycles(g)).toEqual([["a.ts", "b.ts", "c.ts", "a.ts"]]);
  });

  it("keeps each lower layer free of the layers above it", () => {
    const wrong: string[] = [];
    for (const [file, deps] of graph) {
      const allowed = ALLOWED[layer(file)];
      if (!allowed) continue;
      for (const d of deps) {
        if (layer(d) !== layer(file) && !allowed.includes(layer(d))) wrong.push(`${file} → ${d}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});
