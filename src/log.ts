import { Writable } from "node:stream";
import pino, { type Logger } from "pino";

const LEVELS: Record<number, string> = {
  10: "TRACE",
  20: "DEBUG",
  30: "INFO",
  40: "WARN",
  50: "ERROR",
  60: "FATAL",
};

/** One readable line per record, for a person watching a terminal. */
export function prettyLine(line: string): string {
  try {
    const { level, time, msg, pid: _pid, hostname: _host, err, ...rest } = JSON.parse(line);
    const t = new Date(time).toISOString().slice(11, 19);
    const extra = Object.entries(rest)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `${k}=${typeof v === "string" ? v : JSON.stringify(v)}`)
      .join(" ");
    const stack = err?.stack ? `\n${err.stack}` : "";
    return `${t} ${(LEVELS[level] ?? level).padEnd(5)} ${msg ?? ""}${extra ? `  ${extra}` : ""}${stack}\n`;
  } catch {
    return line;
  }
}

/** Structured JSON logs; pretty lines only when a person is watching a terminal. */
export function createLogger(level: string, tty = process.stdout.isTTY): Logger {
  if (!tty) return pino({ level });
  const out = new Writable({
    write(chunk, _enc, done) {
      for (const l of String(chunk).split("\n")) if (l) process.stdout.write(prettyLine(l));
      done();
    },
  });
  return pino({ level }, out);
}
