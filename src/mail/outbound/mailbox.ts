import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** One message in the built-in mailbox, as `vouch mail outbox --json` prints it. */
export interface MailboxEntry {
  messageId: string;
  /** The From header, e.g. `"Alice via Vouch" <intros+…@vouch.localhost>`. */
  from: string;
  /** Bare addresses. */
  to: string[];
  cc: string[];
  /** Envelope recipients, BCC included. */
  envelopeTo: string[];
  subject: string;
  text: string;
  html: string;
  headers: Record<string, string>;
  sentAt: string;
  introId: string | null;
  outboxId: string;
  /** The raw RFC 5322 message, relative to the mailbox folder. */
  file: string;
}

/** The header block of a raw message as a map (lower-cased names, folded lines joined). */
export function parseHeaderBlock(raw: string): Record<string, string> {
  const end = raw.search(/\r?\n\r?\n/);
  const block = (end < 0 ? raw : raw.slice(0, end)).replace(/\r?\n[ \t]+/g, " ");
  const out: Record<string, string> = {};
  for (const line of block.split(/\r?\n/)) {
    const i = line.indexOf(":");
    if (i > 0) out[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
  }
  return out;
}

/**
 * Where outbound mail goes when no relay is configured: each message as an .eml file, and one
 * JSON line per delivery in index.jsonl (a retry after a crash appends the same Message-ID again,
 * exactly as a real mailbox would receive a duplicate).
 */
export class BuiltInMailbox {
  readonly dir: string;

  constructor(dataDir: string) {
    this.dir = join(dataDir, "mailbox");
  }

  deliver(entry: Omit<MailboxEntry, "file" | "headers">, raw: Buffer): MailboxEntry {
    mkdirSync(this.dir, { recursive: true });
    const file = `${entry.outboxId.replace(/[^A-Za-z0-9._-]/g, "_")}.eml`;
    writeFileSync(join(this.dir, file), raw);
    const full: MailboxEntry = { ...entry, headers: parseHeaderBlock(raw.toString("utf8")), file };
    appendFileSync(join(this.dir, "index.jsonl"), `${JSON.stringify(full)}\n`);
    return full;
  }

  /** Every delivered message, oldest first; `to` keeps those with that envelope recipient. */
  list(opts: { to?: string } = {}): MailboxEntry[] {
    const index = join(this.dir, "index.jsonl");
    if (!existsSync(index)) return [];
    const all = readFileSync(index, "utf8")
      .split("\n")
      .filter(Boolean)
      .map((l) => JSON.parse(l) as MailboxEntry);
    const to = opts.to?.toLowerCase();
    return to ? all.filter((m) => m.envelopeTo.some((a) => a.toLowerCase() === to)) : all;
  }

  raw(entry: MailboxEntry): string {
    return readFileSync(join(this.dir, entry.file), "utf8");
  }
}
