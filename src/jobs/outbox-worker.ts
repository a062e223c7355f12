import { createHmac, randomUUID } from "node:crypto";
import type Mail from "nodemailer/lib/mailer";
import type { AppDeps } from "../app/deps.ts";
import { isVouchError } from "../domain/errors.ts";
import { isReminder, lapsedReminder } from "../domain/reminders.ts";
import { assertHeaderSafe, formatAddress } from "../mail/headers.ts";
import { fillLinks } from "../mail/outbound/links.ts";
import type { MailTransport } from "../mail/outbound/transport.ts";
import type { OutboxMessage } from "../store/store.ts";

export interface DrainResult {
  sent: number;
  retried: number;
  failed: number;
  skipped: number;
  /** Reminders whose reason passed while they were queued: cancelled, never sent. */
  cancelled: number;
}

/** After this many attempts a temporary failure becomes a permanent one. */
export const MAX_ATTEMPTS = 8;

/** Exponential back-off: 30 s, 1 min, 2 min … capped at one hour. */
export function retryDelayMs(attempts: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 3_600_000);
}

/**
 * What will not get better by retrying: our own refusal of the message (an invalid address, a
 * line break in a header), a 5xx answer, and nodemailer's refusal of the envelope or the message
 * (no recipient, an address it cannot parse). A 4xx, a connection error or a timeout backs off.
 */
export function isPermanent(err: unknown): boolean {
  if (isVouchError(err)) return true;
  const e = err as { responseCode?: number; code?: string };
  if (typeof e?.responseCode === "number") return e.responseCode >= 500;
  return e?.code === "EENVELOPE" || e?.code === "EMESSAGE";
}

/** The message exactly as it goes on the wire; the same outbox row always gives the same bytes. */
export function toMailOptions(
  m: OutboxMessage,
  deps: Pick<AppDeps, "secret" | "mailDomain">,
): Mail.Options {
  const fill = (s: string) => fillLinks(s, deps.secret, m.id);
  // Checked here too, not only when queued: a row written by an older version, or by hand, must
  // fail as undeliverable rather than reach the relay mangled.
  assertHeaderSafe("subject", m.subject);
  assertHeaderSafe("messageId", m.messageId);
  for (const ref of [m.inReplyTo ?? "", ...m.references]) assertHeaderSafe("references", ref);
  for (const [k, v] of Object.entries(m.headers)) {
    assertHeaderSafe("header name", k);
    assertHeaderSafe(k, v);
  }
  return {
    // A fixed MIME boundary per row, so a resend after a crash is byte-identical.
    baseBoundary: createHmac("sha256", deps.secret)
      .update(`boundary:${m.id}`)
      .digest("hex")
      .slice(0, 16),
    messageId: m.messageId,
    date: new Date(m.createdAt),
    from: formatAddress(m.from, "from"),
    to: m.to.map((p) => formatAddress(p, "to")),
    cc: m.cc.map((p) => formatAddress(p, "cc")),
    ...(m.replyTo ? { replyTo: formatAddress(m.replyTo, "replyTo") } : {}),
    subject: m.subject,
    text: fill(m.text),
    html: fill(m.html),
    ...(m.inReplyTo ? { inReplyTo: m.inReplyTo, references: m.references } : {}),
    headers: Object.fromEntries(Object.entries(m.headers).map(([k, v]) => [k, fill(v)])),
    // The envelope sender names the outbox row, so a bounce says which message failed.
    envelope: {
      from: `bounces+${m.id}@${deps.mailDomain}`,
      to: [...m.to, ...m.cc].map((p) => p.email),
    },
    ...(m.ics
      ? { icalEvent: { method: m.ics.method, content: m.ics.content, filename: "invite.ics" } }
      : {}),
  };
}

/**
 * Sends every due outbox message, in leased batches: a crash leaves the lease to run out and the
 * message to be sent again with the same Message-ID. Temporary failures back off; a 5xx marks the
 * message failed (shown on the intro and in /health), never silently dropped.
 */
export async function drainOutbox(
  deps: AppDeps,
  transport: MailTransport,
  opts: {
    owner?: string;
    batch?: number;
    leaseMs?: number;
    concurrency?: number;
    signal?: AbortSignal;
  } = {},
): Promise<DrainResult> {
  const owner = opts.owner ?? `outbox-${randomUUID()}`;
  const result: DrainResult = { sent: 0, retried: 0, failed: 0, skipped: 0, cancelled: 0 };
  // Stops between batches when asked to (shutdown): what is left stays queued.
  while (!opts.signal?.aborted) {
    const now = deps.now();
    const batch = await deps.store.claimOutbox({
      owner,
      now: now.getTime(),
      leaseMs: opts.leaseMs ?? 5 * 60_000,
      limit: opts.batch ?? 50,
    });
    if (!batch.length) return result;
    const concurrency = opts.concurrency ?? 5;
    for (let i = 0; i < batch.length; i += concurrency) {
      await Promise.all(
        batch.slice(i, i + concurrency).map((m) => sendOne(deps, transport, m, owner, result)),
      );
    }
  }
  return result;
}

async function sendOne(
  deps: AppDeps,
  transport: MailTransport,
  m: OutboxMessage,
  owner: string,
  result: DrainResult,
): Promise<void> {
  const lapsed = await lapsedReason(deps, m);
  if (lapsed) {
    await deps.store.markOutboxSkipped(m.id, owner, lapsed);
    result.cancelled++;
    return;
  }
  if (m.category && (await muted(deps, m))) {
    await deps.store.markOutboxSkipped(
      m.id,
      owner,
      `the recipient turned off ${m.category} emails`,
    );
    result.skipped++;
    return;
  }
  try {
    await transport.send(toMailOptions(m, deps), {
      outboxId: m.id,
      introId: m.introId,
      to: m.to.map((p) => p.email),
      cc: m.cc.map((p) => p.email),
    });
  } catch (err) {
    const e = err as { message?: string; response?: string };
    const why = String(e.response ?? e.message ?? err)
      .replace(/[\r\n]+/g, " ")
      .slice(0, 500);
    if (isPermanent(err) || m.attempts >= MAX_ATTEMPTS) {
      await deps.store.markOutboxFailed(m.id, owner, why);
      result.failed++;
    } else {
      await deps.store.markOutboxRetry(
        m.id,
        owner,
        deps.now().getTime() + retryDelayMs(m.attempts),
        why,
      );
      result.retried++;
    }
    return;
  }
  await deps.store.markOutboxSent(m.id, owner, deps.now());
  result.sent++;
}

/** Why a reminder should not go out any more (its intro moved on), or null. */
async function lapsedReason(deps: AppDeps, m: OutboxMessage): Promise<string | null> {
  if (!m.introId || !isReminder(m.template)) return null;
  const intro = await deps.store.getIntro(m.introId);
  return intro ? lapsedReminder(m.template, intro) : null;
}

async function muted(deps: AppDeps, m: OutboxMessage): Promise<boolean> {
  const email = m.to[0]?.email;
  if (!email) return false;
  const prefs = await deps.store.getPrefs(email);
  const off = (prefs.mutedCategories as string[] | undefined) ?? [];
  return off.includes(m.category as string) || off.includes("all");
}
