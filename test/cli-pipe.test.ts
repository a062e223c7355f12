// `vouch … --json | wc -c`: a large listing reaches the end of a real pipe whole, because the CLI
// lets stdout drain before it exits.
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { MailboxEntry } from "../src/mail/outbound/mailbox.ts";
import { MAIN } from "./support/cli.ts";

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** A built-in mailbox of `n` messages of about 4 KB each. */
function mailboxOf(n: number): string {
  const dataDir = mkdtempSync(join(tmpdir(), "vouch-pipe-"));
  dirs.push(dataDir);
  mkdirSync(join(dataDir, "mailbox"));
  const lines: string[] = [];
  for (let i = 0; i < n; i++) {
    const e: MailboxEntry = {
      messageId: `<m${i}@vouch.localhost>`,
      from: '"Jane via Vouch" <intros+t@vouch.localhost>',
      to: [`person${i}@example.com`],
      cc: [],
      envelopeTo: [`person${i}@example.com`],
      subject: `Message ${i}`,
      text: `Hello ${i}\n${"lorem ipsum ".repeat(150)}`,
      html: `<p>Hello ${i}</p><p>${"lorem ipsum ".repeat(150)}</p>`,
      headers: { subject: `Message ${i}` },
      sentAt: "2026-12-01T10:00:00.000Z",
      introId: null,
      outboxId: `ob_${i}`,
      file: `ob_${i}.eml`,
    };
    lines.push(JSON.stringify(e));
  }
  writeFileSync(join(dataDir, "mailbox", "index.jsonl"), `${lines.join("\n")}\n`);
  return dataDir;
}

describe("the CLI's output through a pipe", () => {
  it("writes all of a multi-megabyte --json listing before exiting", async () => {
    const n = 1500;
    const dataDir = mailboxOf(n);
    const child = spawn(process.execPath, [MAIN, "mail", "outbox", "--json"], {
      env: { PATH: process.env.PATH, VOUCH_DATA_DIR: dataDir },
      stdio: ["ignore", "pipe", "pipe"],
    });
    // A reader slower than the writer, as `| wc -c` on a busy machine: the pipe fills up.
    child.stdout.pause();
    setTimeout(() => child.stdout.resume(), 300);
    const chunks: Buffer[] = [];
    child.stdout.on("data", (d: Buffer) => chunks.push(d));
    let err = "";
    child.stderr.on("data", (d) => {
      err += d;
    });
    const code = await new Promise((r) => child.once("close", r));
    const out = Buffer.concat(chunks);
    expect(err).toBe("");
    expect(code).toBe(0);
    expect(out.length).toBeGreaterThan(4 * 1024 * 1024);
    const list = JSON.parse(out.toString("utf8")) as { messageId: string }[];
    expect(list).toHaveLength(n);
    expect(list.at(-1)?.messageId).toBe(`<m${n - 1}@vouch.localhost>`);
  });
});
