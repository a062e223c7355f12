/**
 * Shared printing for `npm run bench`: every figure is shown next to a baseline measured in the
 * same run, as a ratio, because absolute numbers on a noisy 2-core machine mean little.
 */
export interface Figure {
  /** What was measured, e.g. "committed transitions/s (sqlite)". */
  name: string;
  value: number;
  unit: string;
  /** The raw library doing the same work, measured in the same run. */
  baseline?: { name: string; value: number };
  /** The goal for value / baseline (or for value alone when there is no baseline). */
  goal?: string;
}

export function printFigure(f: Figure): void {
  const fmt = (n: number) => (n >= 100 ? n.toFixed(0) : n >= 1 ? n.toFixed(2) : n.toFixed(4));
  let line = `${f.name}: ${fmt(f.value)} ${f.unit}`;
  if (f.baseline) {
    const ratio = f.value / f.baseline.value;
    line += ` | baseline ${f.baseline.name}: ${fmt(f.baseline.value)} ${f.unit} | ratio ${ratio.toFixed(2)}`;
  }
  if (f.goal) line += ` | goal ${f.goal}`;
  console.log(line);
}

/** Runs fn repeatedly for about `ms` milliseconds and returns operations per second. */
export async function opsPerSecond(fn: () => unknown, ms = 1000): Promise<number> {
  const start = performance.now();
  let n = 0;
  while (performance.now() - start < ms) {
    await fn();
    n++;
  }
  return (n * 1000) / (performance.now() - start);
}

/** The p-th percentile (0-100) of a list of numbers. */
export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const i = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, i)] ?? Number.NaN;
}
