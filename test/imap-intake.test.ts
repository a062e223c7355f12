// Vouch fed by IMAP, against a real Dovecot on 127.0.0.1: messages appended while the intake
// IDLEs arrive and are applied; a restart mid-batch loses and repeats nothing; a dropped
// connection reconnects; Delivered-To carries the envelope (BCC, thread addresses).
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ImapFlow } from "imapflow";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyEvent } from "../src/app/apply-event.ts";
import { createIntro } from "../src/app/create-intro.ts";
import type { InboundDeps } from "../src/app/receive-mail.ts";
import type { Intro } from "../src/domain/types.ts";
import { httpApp } from "../src/http/app.ts";
import { startImapJob } from "../src/jobs/imap-job.ts";
import { parseImapDone, parseImapUrl } from "../src/mail/inbound/imap-account.ts";
import { testDeps } from "./support/app.ts";
import { MAIN } from "./support/cli.ts";
import { openTestDb, type TestDb } from "./support/databases.ts";
import { type Dovecot, startDovecot } from "./support/dovecot.ts";
import { introducedIntro, seedRequestInput } from "./support/intros.ts";
import { freePort } from "./support/ports.ts";
import { SEED_REQUEST } from "./support/seed.ts";

let db: TestDb;
let deps: InboundDeps;
let dovecot: Dovecot;
let client: ImapFlow;

beforeAll(async () => {
  dovecot = await startDovecot();
  db = await openTestDb("sqlite");
  // The mailbox provider stamps its verdict as mx.test: an IMAP mailbox is a trusted relay.
  deps = { ...testDeps(db.store), authservId: "mx.test" };
  client = await imapClient();
});
afterAll(async () => {
  await client?.logout().catch(() => {});
  await dovecot?.stop();
  await db?.drop();
});

/** A test client of the same mailbox, to append mail and look at flags and folders. */
async function imapClient(): Promise<ImapFlow> {
  const c = new ImapFlow({
    host: "127.0.0.1",
    port: dovecot.port,
    secure: false,
    auth: { user: dovecot.user, pass: dovecot.pass },
    logger: false,
  });
  await c.connect();
  return c;
}

/** Waits (polling, bounded) until `check` holds; generous, for a loaded machine. */
async function eventually(check: () => Promise<boolean>, what: string, ms = 20_000) {
  const until = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const thread = (i: Intro) => `intros+${i.threadToken}@vouch.localhost`;
function message(h: Record<string, string>, text: string): string {
  return `${Object.entries(h)
    .map(([k, v]) => `${k}: ${v}`)
    .join("\r\n")}\r\n\r\n${text}\r\n`;
}
const yes = (i: Intro, n: string) =>
  message(
    {
      "Delivered-To": thread(i),
      "Authentication-Results": "mx.test; dmarc=pass header.from=example.com",
      "Return-Path": "<maya@example.com>",
      From: "Maya <maya@example.com>",
      To: `Jane via Vouch <${thread(i)}>`,
      Subject: "Re: Would you like an intro to Alice?",
      "Message-ID": `<${n}@example.com>`,
      Date: "Tue, 01 Dec 2026 10:05:00 +0000",
    },
    "Happy to chat!",
  );

async function askedTarget(): Promise<Intro> {
  const intro = await createIntro(deps, seedRequestInput(), "api");
  return (
    await applyEvent(deps, intro.id, { type: "forward_for_consent", actor: "introducer" }, "api")
  ).intro;
}
const job = (done = "seen") =>
  startImapJob(
    deps,
    { account: parseImapUrl(dovecot.url), done: parseImapDone(done) },
    { backoffMs: 100 },
  );

describe("IMAP intake", () => {
  it("applies a message appended while it waits in IDLE, and flags it", async () => {
    const intake = job();
    try {
      await intake.drained();
      const i = await askedTarget();
      await client.append("INBOX", yes(i, "idle-yes"));
      await eventually(
        async () => (await db.store.getIntro(i.id))?.status === "introduced",
        "the yes",
      );
      const [stored] = (await db.store.listInbound({ limit: 10_000 })).filter(
        (m) => m.messageId === "<idle-yes@example.com>",
      );
      expect(stored).toMatchObject({ channel: "imap", status: "processed", rcptTo: [thread(i)] });
      await eventually(async () => intake.state().state === "idle", "idle");
      const lock = await client.getMailboxLock("INBOX");
      try {
        const last = await client.fetchOne("*", { flags: true });
        const flags = last ? [...(last.flags ?? [])] : [];
        expect(flags).toContain("\\Seen");
      } finally {
        lock.release();
      }
      // /health shows what the intake is doing.
      const health = await httpApp(deps, { log: () => {}, imap: intake.state }).request("/health");
      expect(((await health.json()) as { imap: unknown }).imap).toMatchObject({
        state: "idle",
        mailbox: "INBOX",
      });
    } finally {
      await intake.stop();
    }
  });

  it("a requester's reply with the thread address only in Delivered-To moves the introducer to BCC", async () => {
    const i = await introducedIntro(deps, { target: "maya3@example.com" });
    await client.append(
      "INBOX",
      message(
        {
          "Delivered-To": thread(i),
          From: "Alice <alice@example.com>",
          To: "Maya <maya3@example.com>",
          Subject: "Re: REQUEST: intro Maya <> Alice",
          "Message-ID": "<alice-bcc@example.com>",
          Date: "Tue, 01 Dec 2026 10:05:00 +0000",
        },
        "Thanks Jane! Maya, great to meet you.",
      ),
    );
    const intake = job();
    try {
      await intake.drained();
      expect((await db.store.getIntro(i.id))?.introducerMovedToBcc).toBe(true);
    } finally {
      await intake.stop();
    }
  });

  it("a restart in the middle of a batch neither loses nor repeats a message", async () => {
    const intros = [await askedTarget(), await askedTarget(), await askedTarget()];
    for (const [n, i] of intros.entries()) await client.append("INBOX", yes(i, `batch-${n}`));
    // The first run dies after storing the second message but before its checkpoint.
    let stored = 0;
    const dying = startImapJob(
      {
        ...deps,
        store: new Proxy(deps.store, {
          get(target, key) {
            const v = Reflect.get(target, key, target);
            if (key === "putSetting")
              return async (k: string, value: string) => {
                if (++stored === 2) throw new Error("the process died here");
                return (v as (k: string, v: string) => Promise<void>).call(target, k, value);
              };
            return typeof v === "function" ? v.bind(target) : v;
          },
        }),
      },
      { account: parseImapUrl(dovecot.url), done: parseImapDone("seen") },
      { backoffMs: 60_000 },
    );
    await eventually(async () => stored >= 2, "the first run to die");
    await dying.stop();
    const again = job();
    try {
      await again.drained();
      for (const i of intros) expect((await db.store.getIntro(i.id))?.status).toBe("introduced");
      const batch = (await db.store.listInbound({ limit: 10_000 })).filter((m) =>
        m.messageId?.startsWith("<batch-"),
      );
      expect(batch.map((m) => m.messageId).sort()).toEqual([
        "<batch-0@example.com>",
        "<batch-1@example.com>",
        "<batch-2@example.com>",
      ]);
      expect(batch.every((m) => m.status === "processed")).toBe(true);
    } finally {
      await again.stop();
    }
  });

  it("reconnects when the server drops the connection, then reads what arrived", async () => {
    const intake = job("move:Vouch");
    try {
      await intake.drained();
      await dovecot.kick();
      await eventually(async () => intake.state().reconnects >= 1, "a reconnect");
      if (!client.usable) client = await imapClient();
      const i = await askedTarget();
      await client.append("INBOX", yes(i, "after-restart"));
      await eventually(
        async () => (await db.store.getIntro(i.id))?.status === "introduced",
        "the yes after a reconnect",
      );
      expect(intake.state().reconnects).toBeGreaterThanOrEqual(1);
      // Moved out of the inbox once read (the move follows the applied event).
      await eventually(async () => {
        const status = await client.status("Vouch", { messages: true });
        return (status ? (status.messages ?? 0) : 0) >= 1;
      }, "the move to the Vouch folder");
    } finally {
      await intake.stop();
    }
  });

  it("runs the seed's whole story in relay mode, every message read from the mailbox", async () => {
    const stamped = (from: string, h: Record<string, string>, text: string) =>
      message(
        {
          "Authentication-Results": `mx.test; dmarc=pass header.from=${from.split("@")[1]}`,
          "Return-Path": `<${from}>`,
          Date: "Tue, 01 Dec 2026 10:05:00 +0000",
          ...h,
        },
        text,
      );
    const intake = job();
    try {
      await client.append(
        "INBOX",
        stamped(
          "story-alice@example.com",
          {
            "Delivered-To": "intros@vouch.localhost",
            From: "Alice <story-alice@example.com>",
            To: "Jane <story-jane@example.com>",
            Subject: "REQUEST: intro Maya <> Alice",
            "Message-ID": "<story-1@example.com>",
          },
          SEED_REQUEST,
        ),
      );
      await eventually(
        async () => (await db.store.listIntros({ email: "story-alice@example.com" })).length === 1,
        "the request",
      );
      const [intro] = (await db.store.listIntros({ email: "story-alice@example.com" })) as [Intro];
      const step = async (from: string, h: Record<string, string>, text: string, want: string) => {
        await client.append("INBOX", stamped(from, { "Delivered-To": thread(intro), ...h }, text));
        await eventually(async () => (await db.store.getIntro(intro.id))?.status === want, want);
      };
      await step(
        "story-jane@example.com",
        {
          From: "Jane <story-jane@example.com>",
          To: thread(intro),
          Subject: "Re: REQUEST: intro Maya <> Alice",
          "Message-ID": "<story-2@example.com>",
        },
        "Sure, I'll ask her! Her address is story-maya@example.com.",
        "consent_requested",
      );
      await step(
        "story-maya@example.com",
        {
          From: "Maya <story-maya@example.com>",
          To: thread(intro),
          Subject: "Re: Would you like an intro to Alice?",
          "Message-ID": "<story-3@example.com>",
        },
        "Happy to chat!",
        "introduced",
      );
      await step(
        "story-alice@example.com",
        {
          From: "Alice <story-alice@example.com>",
          To: "Maya <story-maya@example.com>",
          Subject: "Re: REQUEST: intro Maya <> Alice",
          "Message-ID": "<story-4@example.com>",
        },
        "Thanks for the intro Jane (moved to BCC)!\n\nThanks Maya, would Thursday at 3pm work?",
        "connected",
      );
      expect((await db.store.getIntro(intro.id))?.introducerMovedToBcc).toBe(true);
    } finally {
      await intake.stop();
    }
  });

  // A server process can take well over 20 s to start on a loaded machine: its own bounds.
  it("runs in `vouch serve` from VOUCH_IMAP_URL, its state in /health", {
    timeout: 180_000,
  }, async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "vouch-serve-imap-"));
    const port = await freePort();
    await client.append(
      "INBOX",
      message(
        {
          "Delivered-To": "intros@vouch.localhost",
          From: "Serve <serve@example.com>",
          To: "Jane <jane@example.com>",
          Subject: "Hello",
          "Message-ID": "<serve-1@example.com>",
        },
        "Hi",
      ),
    );
    const child = spawn(process.execPath, [MAIN, "serve"], {
      env: {
        PATH: process.env.PATH,
        VOUCH_DATA_DIR: dataDir,
        VOUCH_HTTP_PORT: String(port),
        VOUCH_SMTP_PORT: String(await freePort()),
        VOUCH_IMAP_URL: dovecot.url,
        VOUCH_AUTHSERV_ID: "mx.test",
        VOUCH_LOG_LEVEL: "silent",
      },
      stdio: "ignore",
    });
    try {
      let imap: { state?: string; received?: number; lastUid?: number } = {};
      await eventually(
        async () => {
          try {
            const res = await fetch(`http://127.0.0.1:${port}/health`);
            imap = ((await res.json()) as { imap: typeof imap }).imap;
            return imap.state === "idle" && (imap.received ?? 0) >= 1;
          } catch {
            return false;
          }
        },
        "the served intake to read the mailbox",
        150_000,
      );
      expect(imap.lastUid).toBeGreaterThanOrEqual(1);
    } finally {
      child.kill("SIGTERM");
      await new Promise((r) => child.once("exit", r));
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
