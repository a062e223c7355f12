// Vouch fed by an IMAP mailbox, for deployments that cannot receive mail on port 25 and have no
// inbound provider: it waits with IDLE, reconnects with backoff, and hands every new message to
// the same pipeline as SMTP (stored raw first, then processed), then flags or moves it. Progress
// is a UID checkpoint kept in the database, written after each message, and each message is
// stored under an id derived from its mailbox, UIDVALIDITY and UID: a restart neither misses a
// message nor stores one twice.

import { createHash } from "node:crypto";
import { ImapFlow } from "imapflow";
import type { Arrival } from "./arrival.ts";
import type { ImapAccount, ImapDone } from "./imap-account.ts";
import { readMessage } from "./read-message.ts";

/** The last UID handed to the pipeline, for one UIDVALIDITY of the mailbox. */
export interface ImapCheckpoint {
  uidValidity: string;
  lastUid: number;
}

/** What /health shows of the intake. */
export interface ImapState {
  state: "connecting" | "idle" | "fetching" | "reconnecting" | "stopped";
  mailbox: string;
  lastUid: number | null;
  received: number;
  lastError: string | null;
  reconnects: number;
}

export interface ImapIntakeOptions {
  account: ImapAccount;
  done: ImapDone;
  mailDomain: string;
  /** Stores and processes one message under `id`; a message already stored is not redone. */
  onMessage: (a: Arrival, id: string) => Promise<void>;
  loadCheckpoint: () => Promise<ImapCheckpoint | null>;
  saveCheckpoint: (c: ImapCheckpoint) => Promise<void>;
  onError?: (e: unknown) => void;
  /** The first reconnect waits this long, doubling up to a minute (default 1 s). */
  backoffMs?: number;
}

/**
 * The envelope of a message read from a mailbox: its recipients from Delivered-To and
 * X-Original-To (so BCC and intros+token addressing survive plus-addressing mailboxes), else its
 * To/Cc at the mail domain; its sender from Return-Path, else From.
 */
export async function envelopeOf(
  raw: Buffer,
  mailDomain: string,
): Promise<{ mailFrom: string; rcptTo: string[] }> {
  const msg = await readMessage(raw);
  const ours = (e: string) => e.toLowerCase().endsWith(`@${mailDomain.toLowerCase()}`);
  const addresses = (value: string) =>
    // As written: thread tokens are case-sensitive.
    [...value.matchAll(/<?([^\s<>,;"]+@[^\s<>,;"]+)>?/g)].map((m) => m[1] ?? "");
  const delivered = msg.headerList
    .filter((h) => h.name === "delivered-to" || h.name === "x-original-to")
    .flatMap((h) => addresses(h.value))
    .filter(ours);
  const visible = [...msg.to, ...msg.cc].map((m) => m.email).filter(ours);
  const rcptTo = [...new Set(delivered.length ? delivered : visible)];
  const returnPath = addresses(msg.headers["return-path"] ?? "")[0];
  return { mailFrom: returnPath ?? msg.from?.email ?? "", rcptTo };
}

/** A stored message's id for one UID of one mailbox: the same message, the same id. */
export function imapMessageId(a: ImapAccount, uidValidity: string, uid: number): string {
  const key = `${a.user}@${a.host}:${a.port}/${a.mailbox}/${uidValidity}/${uid}`;
  return `im_imap_${createHash("sha256").update(key).digest("base64url").slice(0, 20)}`;
}

/** Starts reading the intake mailbox; `stop()` closes it and stops reconnecting. */
export function startImapIntake(o: ImapIntakeOptions): {
  state: () => ImapState;
  stop: () => Promise<void>;
  /** Resolves once every message present now has been handed over (for tests and start-up). */
  drained: () => Promise<void>;
} {
  const s: ImapState = {
    state: "connecting",
    mailbox: o.account.mailbox,
    lastUid: null,
    received: 0,
    lastError: null,
    reconnects: 0,
  };
  let client: ImapFlow | null = null;
  let stopping = false;
  let retry: NodeJS.Timeout | null = null;
  let attempt = 0;
  // One fetch at a time; an EXISTS during a fetch asks for one more pass.
  let chain: Promise<void> = Promise.resolve();
  let wanted = false;
  const base = o.backoffMs ?? 1000;

  const fetchNew = async (c: ImapFlow) => {
    const lock = await c.getMailboxLock(o.account.mailbox);
    try {
      s.state = "fetching";
      const uidValidity = String(c.mailbox ? c.mailbox.uidValidity : "");
      const saved = await o.loadCheckpoint();
      const from = saved && saved.uidValidity === uidValidity ? saved.lastUid : 0;
      s.lastUid = from;
      const uids = ((await c.search({ uid: `${from + 1}:*` }, { uid: true })) || [])
        .filter((u) => u > from)
        .sort((a, b) => a - b);
      for (const uid of uids) {
        const m = await c.fetchOne(String(uid), { uid: true, source: true }, { uid: true });
        const source = m ? m.source : undefined;
        if (!source) continue;
        const raw = Buffer.from(source);
        const env = await envelopeOf(raw, o.mailDomain);
        await o.onMessage(
          { channel: "imap", mailFrom: env.mailFrom, rcptTo: env.rcptTo, remote: null, raw },
          imapMessageId(o.account, uidValidity, uid),
        );
        if (o.done.kind === "seen")
          await c.messageFlagsAdd(String(uid), ["\\Seen", "$VouchDone"], { uid: true });
        else await c.messageMove(String(uid), o.done.folder, { uid: true });
        await o.saveCheckpoint({ uidValidity, lastUid: uid });
        s.lastUid = uid;
        s.received++;
      }
    } finally {
      lock.release();
      if (!stopping) s.state = "idle";
    }
  };

  const schedule = (c: ImapFlow) => {
    wanted = true;
    chain = chain.then(async () => {
      while (wanted && !stopping && c.usable) {
        wanted = false;
        await fetchNew(c);
      }
    });
    chain = chain.catch((e) => {
      s.lastError = String((e as Error)?.message ?? e);
      o.onError?.(e);
      // A failed fetch leaves the checkpoint where it was; a fresh connection tries again.
      c.close();
    });
    return chain;
  };

  const connect = async () => {
    if (stopping) return;
    s.state = attempt === 0 ? "connecting" : "reconnecting";
    const c = new ImapFlow({
      host: o.account.host,
      port: o.account.port,
      secure: o.account.secure,
      auth: { user: o.account.user, pass: o.account.pass },
      logger: false,
      emitLogs: false,
      // Wait in IDLE as soon as the mailbox is read, not after imapflow's default 15 s.
      autoIdleDelay: 250,
    });
    client = c;
    c.on("error", (e) => {
      s.lastError = String((e as Error)?.message ?? e);
      o.onError?.(e);
    });
    let closed = false;
    c.on("close", () => {
      if (closed) return;
      closed = true;
      if (client === c) client = null;
      if (stopping) return;
      s.state = "reconnecting";
      const wait = Math.min(60_000, base * 2 ** Math.min(attempt, 6));
      attempt++;
      s.reconnects++;
      retry = setTimeout(() => void connect(), wait);
    });
    c.on("exists", () => void schedule(c));
    try {
      await c.connect();
      if (o.done.kind === "move") {
        // The folder read messages go to; creating one that exists is harmless.
        await c.mailboxCreate(o.done.folder).catch(() => {});
      }
      await c.mailboxOpen(o.account.mailbox);
      attempt = 0;
      s.lastError = null;
      await schedule(c);
    } catch (e) {
      s.lastError = String((e as Error)?.message ?? e);
      o.onError?.(e);
      if (c.usable) c.close();
      else c.emit("close");
    }
  };

  void connect();
  return {
    state: () => ({ ...s }),
    async stop() {
      stopping = true;
      if (retry) clearTimeout(retry);
      await chain.catch(() => {});
      const c = client;
      client = null;
      if (c?.usable) await c.logout().catch(() => c.close());
      s.state = "stopped";
    },
    async drained() {
      for (;;) {
        const c = client;
        if (c?.usable && s.state !== "connecting" && s.state !== "reconnecting") {
          await schedule(c);
          return;
        }
        if (stopping) return;
        await new Promise((r) => setTimeout(r, 25));
      }
    },
  };
}
