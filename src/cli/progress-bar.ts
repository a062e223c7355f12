/** A progress bar on a terminal: one line, redrawn in place, at most every 100 ms. */

const WIDTH = 30;

function size(bytes: number): string {
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** The bar's text for `done` bytes of `total` (pure, for tests). */
export function progressLine(label: string, done: number, total: number): string {
  const share = total > 0 ? Math.min(1, Math.max(0, done / total)) : 0;
  const filled = Math.round(share * WIDTH);
  const pct = `${Math.floor(share * 100)}`.padStart(3);
  return `${label} [${"#".repeat(filled)}${"-".repeat(WIDTH - filled)}] ${pct}%  ${size(done)} of ${size(total)}`;
}

export interface ProgressBar {
  update(done: number): void;
  /** Draws 100% (when it got there) and ends the line. */
  finish(ok: boolean): void;
}

/**
 * A bar on `stream` when it is a terminal; otherwise (a pipe, a file, --json) nothing at all, so
 * scripts read clean output.
 */
export function progressBar(
  stream: NodeJS.WriteStream,
  label: string,
  total: number,
  enabled: boolean,
): ProgressBar {
  if (!enabled || !stream.isTTY) return { update() {}, finish() {} };
  let last = 0;
  let shown = false;
  const draw = (done: number) => {
    stream.write(`\r${progressLine(label, done, total)}`);
    shown = true;
  };
  return {
    update(done) {
      const now = Date.now();
      if (now - last < 100) return;
      last = now;
      draw(done);
    },
    finish(ok) {
      if (ok) draw(total);
      if (shown) stream.write("\n");
    },
  };
}
