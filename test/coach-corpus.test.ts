// Measures the request coach on the hand-labelled corpus in test/fixtures/requests (see its
// README for the labelling conventions): per-rule precision and recall, printed, each >= 0.9.
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  checkRequest,
  RULE_IDS,
  type RuleId,
  type TargetProfile,
} from "../src/domain/coach/index.ts";

type Labelled = {
  file: string;
  expect: Set<RuleId>;
  text: string;
  profile?: TargetProfile;
  targetName?: string;
  requesterName?: string;
  introducerName?: string;
};

const DIR = new URL("./fixtures/requests/", import.meta.url);
/** A fixed "today", so that the corpus never depends on when the suite runs. */
const NOW = new Date("2026-01-05T10:00:00Z");

function load(): Labelled[] {
  return readdirSync(DIR)
    .filter((f) => f.endsWith(".txt"))
    .sort()
    .map((file) => {
      const raw = readFileSync(new URL(file, DIR), "utf8");
      const cut = raw.indexOf("\n---\n");
      if (cut < 0) throw new Error(`${file}: no "---" line between header and request`);
      const header: Record<string, string> = {};
      for (const line of raw.slice(0, cut).split("\n")) {
        const m = /^(expect|profile|target|requester|introducer):\s*(.*)$/.exec(line);
        if (m) header[m[1]!] = m[2]!.trim();
      }
      if (header.expect === undefined) throw new Error(`${file}: no "expect:" line`);
      const expected =
        header.expect === "none" ? [] : header.expect.split(",").map((s) => s.trim());
      for (const r of expected) {
        if (!(RULE_IDS as readonly string[]).includes(r))
          throw new Error(`${file}: unknown rule ${r}`);
      }
      return {
        file,
        expect: new Set(expected as RuleId[]),
        text: raw.slice(cut + 5),
        profile: header.profile ? (JSON.parse(header.profile) as TargetProfile) : undefined,
        targetName: header.target,
        requesterName: header.requester,
        introducerName: header.introducer,
      };
    });
}

describe("request coach on the labelled corpus", () => {
  const corpus = load();
  const counts = Object.fromEntries(RULE_IDS.map((r) => [r, { tp: 0, fp: 0, fn: 0 }])) as Record<
    RuleId,
    { tp: number; fp: number; fn: number }
  >;
  const mismatches: string[] = [];
  for (const item of corpus) {
    const report = checkRequest({
      text: item.text,
      profile: item.profile,
      targetName: item.targetName,
      requesterName: item.requesterName,
      introducerName: item.introducerName,
      now: NOW,
    });
    const got = new Set(report.findings.map((f) => f.rule));
    for (const r of RULE_IDS) {
      if (got.has(r) && item.expect.has(r)) counts[r].tp++;
      else if (got.has(r)) counts[r].fp++;
      else if (item.expect.has(r)) counts[r].fn++;
    }
    const extra = [...got].filter((r) => !item.expect.has(r));
    const missing = [...item.expect].filter((r) => !got.has(r));
    if (extra.length || missing.length) {
      mismatches.push(`${item.file}: extra [${extra.join(", ")}] missing [${missing.join(", ")}]`);
    }
  }
  const rows = RULE_IDS.map((rule) => {
    const { tp, fp, fn } = counts[rule];
    return {
      rule,
      positives: tp + fn,
      tp,
      fp,
      fn,
      precision: tp + fp === 0 ? 0 : tp / (tp + fp),
      recall: tp + fn === 0 ? 0 : tp / (tp + fn),
    };
  });
  const f = (n: number) => n.toFixed(2);
  console.log(
    [
      `request coach on ${corpus.length} labelled requests (${corpus.filter((c) => c.expect.size === 0).length} clean):`,
      `${"rule".padEnd(16)} ${"pos".padStart(4)} ${"tp".padStart(4)} ${"fp".padStart(4)} ${"fn".padStart(4)} precision recall`,
      ...rows.map(
        (r) =>
          `${r.rule.padEnd(16)} ${String(r.positives).padStart(4)} ${String(r.tp).padStart(4)} ${String(r.fp).padStart(4)} ${String(r.fn).padStart(4)} ${f(r.precision).padStart(9)} ${f(r.recall).padStart(6)}`,
      ),
      ...(mismatches.length ? ["mismatches:", ...mismatches] : []),
    ].join("\n"),
  );

  it("has at least 80 varied requests: clean ones and some breaking each rule", () => {
    expect(corpus.length).toBeGreaterThanOrEqual(80);
    expect(corpus.filter((c) => c.expect.size === 0).length).toBeGreaterThanOrEqual(15);
    expect(corpus.filter((c) => c.expect.size >= 3).length).toBeGreaterThanOrEqual(10);
    for (const r of rows) expect(r.positives, r.rule).toBeGreaterThanOrEqual(8);
  });

  it.each(rows.map((r) => [r.rule, r] as const))(
    "%s: precision and recall are at least 0.9",
    (_rule, row) => {
      expect(row.precision).toBeGreaterThanOrEqual(0.9);
      expect(row.recall).toBeGreaterThanOrEqual(0.9);
    },
  );
});
