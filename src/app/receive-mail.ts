import { isVouchError, VouchError } from "../domain/errors.ts";
import type { Intro } from "../domain/types.ts";
import { rolesOf } from "../domain/view.ts";
import { unchecked } from "../mail/inbound/authenticity.ts";
import {
  classifyConsentReply,
  classifyIntroducerReply,
  isAutomatic,
  type ParsedMessage,
  readBounce,
  readMessage,
} from "../mail/inbound/index.ts";
import type { InboundMessage } from "../store/store.ts";
import { appliedKey } from "./applied-key.ts";
import { applyEvents } from "./apply-event.ts";
import {
  type Decision,
  decideConsent,
  decideOwnIntro,
  decideThread,
  decideTriage,
} from "./decide-reply.ts";
import { randomToken } from "./deps.ts";
import { intakeRequest } from "./intake-mail.ts";
import { notice } from "./notice-mail.ts";
import { readThreadReply } from "./read-thread-reply.ts";
import { type Arrival, authenticateSender, type InboundDeps } from "./sender-auth.ts";
import { rememberTimeZoneGuess } from "./time-zone.ts";

export type { Arrival, InboundDeps } from "./sender-auth.ts";

/** What was done with a message, and whether it was already recorded with its change. */
export type Outcome = {
  status: InboundMessage["status"];
  introId?: string | null;
  result: Record<string, unknown>;
  /** Already written with the change it caused, in the same transaction. */
  recorded?: boolean;
};

/**
 * Receives one message: it is stored raw first, then read, routed and turned into events.
 * A processing error leaves it stored as `failed`, with the error, for a retry.
 */
export async function receiveMail(
  deps: InboundDeps,
  a: Arrival,
  /** A stable id (an IMAP message's): a message already stored under it is not stored again. */
  stableId?: string,
): Promise<{ id: string; status: string }> {
  if (stableId) {
    const known = await deps.store.getInbound(stableId);
    if (known) return { id: known.id, status: known.status };
  }
  const parsed = await readMessage(a.raw);
  const id = stableId ?? `im_${randomToken(12)}`;
  await deps.store.insertInbound({
    id,
    messageId: parsed.messageId,
    receivedAt: deps.now().toISOString(),
    channel: a.channel,
    mailFrom: a.mailFrom,
    rcptTo: a.rcptTo,
    remote: a.remote,
    raw: a.raw,
    checks: a.checks ?? null,
  });
  return processStored(deps, id, parsed, a);
}

/** Processes (or re-processes) a stored message. */
export async function processStored(
  deps: InboundDeps,
  id: string,
  parsed: ParsedMessage,
  a: Arrival,
): Promise<{ id: string; status: string }> {
  try {
    const o = await process(deps, id, parsed, a);
    if (!o.recorded) {
      await deps.store.setInboundStatus(id, o.status, {
        introId: o.introId ?? null,
        result: o.result,
        error: null,
      });
    }
    return { id, status: o.status };
  } catch (e) {
    const message = isVouchError(e) ? `${e.code}: ${e.message}` : String((e as Error)?.stack ?? e);
    await deps.store.setInboundStatus(id, "failed", { error: message.slice(0, 4000) });
    return { id, status: "failed" };
  }
}

/** Retries a stored message that failed (or any stored message, e.g. after a fix). */
export async function retryStored(deps: InboundDeps, id: string) {
  const m = await deps.store.getInbound(id);
  if (!m) throw new VouchError("NOT_FOUND", `no received message ${id}`);
  const parsed = await readMessage(m.raw);
  return processStored(deps, id, parsed, m);
}

const lower = (s: string) => s.toLowerCase();

async function process(
  deps: InboundDeps,
  id: string,
  msg: ParsedMessage,
  a: Arrival,
): Promise<Outcome> {
  const domain = deps.mailDomain;
  const rcpt = a.rcptTo.map(lower);
  // RFC 3464 delivery reports name the outbox row in their envelope recipient.
  const bounce = readBounce(msg);
  if (bounce) return applyBounce(deps, id, msg, rcpt, bounce);
  // RFC 3834: automatic mail is recorded and never acted on, never answered.
  if (isAutomatic(msg) || a.mailFrom === "") {
    return {
      status: "ignored",
      result: { reason: "automatic mail (out-of-office, list or auto-reply)" },
    };
  }
  // Thread tokens are case-sensitive: route on the addresses as received.
  const intro = await route(deps, msg, a.rcptTo);
  if (!intro) {
    const intake = `intros@${domain}`;
    const visible = [...msg.to, ...msg.cc].map((m) => lower(m.email));
    if (rcpt.includes(intake) || visible.includes(intake)) {
      const auth = await authenticateSender(deps, a, msg);
      return intakeRequest(deps, id, msg, auth, appliedKey(msg, a));
    }
    return { status: "rejected", result: { reason: "no intro matches this message" } };
  }
  const from = lower(msg.from?.email ?? a.mailFrom);
  const role = rolesOf(intro, from)[0];
  if (!role) {
    return {
      status: "quarantined",
      introId: intro.id,
      result: { reason: `${from} is not a participant of this intro` },
    };
  }
  // Their Date header tells their zone until they set one (invites, proposed times).
  const others = [intro.requester.email, intro.introducer.email, intro.target.email].filter(
    (e): e is string => !!e && e !== from,
  );
  await rememberTimeZoneGuess(
    deps.store,
    from,
    { offsetMinutes: msg.dateOffsetMinutes, at: msg.date ? new Date(msg.date) : deps.now() },
    others,
    deps.now(),
  );
  const d = await decide(deps, msg, a, intro, role);
  if (!d)
    return {
      status: "ignored",
      introId: intro.id,
      result: { reason: `a ${role}'s email while the intro is ${intro.status} changes nothing` },
    };
  return applyDecision(deps, id, appliedKey(msg, a), intro, d, msg);
}

/** The intro a message belongs to: its thread address, else the messages it replies to. */
async function route(deps: InboundDeps, msg: ParsedMessage, rcpt: string[]): Promise<Intro | null> {
  const re = new RegExp(
    `^intros\\+([A-Za-z0-9_-]+)@${deps.mailDomain.replaceAll(".", "\\.")}$`,
    "i",
  );
  const addresses = [...rcpt, ...msg.to.map((m) => m.email), ...msg.cc.map((m) => m.email)];
  for (const addr of addresses) {
    const token = re.exec(addr)?.[1];
    if (token) {
      const intro = await deps.store.getIntroByThreadToken(token);
      if (intro) return intro;
    }
  }
  const ids = [...msg.references, ...(msg.inReplyTo ? [msg.inReplyTo] : [])];
  const sent = await deps.store.findOutboxByMessageIds(ids);
  const introId = sent.find((s) => s.introId)?.introId;
  return introId ? deps.store.getIntro(introId) : null;
}

/**
 * Applies what a reply decided, at most once per message: every event and the message's own
 * record commit in one transaction, so a reply is applied whole or not at all.
 */
async function applyDecision(
  deps: InboundDeps,
  id: string,
  key: string,
  intro: Intro,
  d: Decision,
  msg: ParsedMessage,
): Promise<Outcome> {
  if (d.status === "quarantined") {
    if (d.notice) {
      await deps.store.enqueue(
        [
          notice(
            deps,
            msg,
            { name: intro.introducer.name, email: intro.introducer.email },
            d.notice,
            {
              requester: { name: intro.requester.name },
              introducer: { name: intro.introducer.name },
              target: { name: intro.target.name },
              originalSubject: msg.subject,
            },
            undefined,
            intro.id,
          ),
        ],
        deps.now(),
      );
    }
    return { status: "quarantined", introId: intro.id, result: d.result };
  }
  if (d.status === "ignored" || d.events.length === 0)
    return { status: "ignored", introId: intro.id, result: d.result };
  let duplicate = false;
  try {
    await applyEvents(deps, intro.id, d.events, d.channel ?? "email", {
      inTransaction: async (tx) => {
        if (!(await tx.markApplied(key, id, deps.now()))) {
          duplicate = true;
          // Rolls the change back. Not a CONFLICT: that would be retried as a lost race.
          throw new Error("this message was already applied");
        }
        await tx.setInboundStatus(id, "processed", {
          introId: intro.id,
          result: d.result,
          error: null,
        });
      },
    });
    return { status: "processed", introId: intro.id, result: d.result, recorded: true };
  } catch (e) {
    if (duplicate)
      return {
        status: "duplicate",
        introId: intro.id,
        result: { reason: "the same message was already applied" },
      };
    throw e;
  }
}

/**
 * An introducer's message that reached the thread address only through the envelope (BCC) and
 * names the target in To or Cc: the introduction, sent from their own mailbox.
 */
function isOwnIntroCopy(deps: InboundDeps, msg: ParsedMessage, a: Arrival, intro: Intro): boolean {
  if (intro.status !== "consent_requested" && intro.status !== "deferred") return false;
  const thread = `intros+${intro.threadToken}@${deps.mailDomain}`.toLowerCase();
  const visible = [...msg.to, ...msg.cc].map((m) => m.email.toLowerCase());
  const target = intro.target.email?.toLowerCase();
  return (
    !!target &&
    visible.includes(target) &&
    !visible.includes(thread) &&
    a.rcptTo.some((r) => r.toLowerCase() === thread)
  );
}

/** Reads a participant's message in an intro's thread and decides what it causes. */
async function decide(
  deps: InboundDeps,
  msg: ParsedMessage,
  a: Arrival,
  intro: Intro,
  role: string,
): Promise<Decision | null> {
  if (role === "introducer" && isOwnIntroCopy(deps, msg, a, intro))
    return decideOwnIntro(intro, await authenticateSender(deps, a, msg));
  if (role === "introducer" && intro.status === "requested") {
    const c = classifyIntroducerReply(msg, {
      ignore: [`@${deps.mailDomain}`, intro.requester.email, intro.introducer.email],
    });
    return decideTriage(intro, c, await authenticateSender(deps, a, msg));
  }
  // After a yes (own-mailbox mode, while the introducer writes the introduction) the target's
  // mail is no answer: the yes is recorded once.
  if (
    role === "target" &&
    !intro.consent &&
    (intro.status === "consent_requested" || intro.status === "deferred")
  ) {
    const c = classifyConsentReply(msg, { now: deps.now() });
    // Automatic mail needs no check of its sender: it changes nothing either way.
    const auth =
      c.intent === "auto_reply" || c.intent === "bounce"
        ? unchecked("automatic mail")
        : await authenticateSender(deps, a, msg);
    return decideConsent(intro, c, auth, deps.now());
  }
  if (
    (role === "requester" || role === "target") &&
    ["introduced", "connected", "scheduled", "met", "stalled"].includes(intro.status)
  ) {
    return decideThread(role, await readThreadReply(deps, msg, a.rcptTo, intro, role));
  }
  return null;
}

async function applyBounce(
  deps: InboundDeps,
  id: string,
  msg: ParsedMessage,
  rcpt: string[],
  bounce: NonNullable<ReturnType<typeof readBounce>>,
): Promise<Outcome> {
  const re = new RegExp(`^bounces\\+(.+)@${deps.mailDomain.replaceAll(".", "\\.")}$`, "i");
  const outboxId = rcpt.map((r) => re.exec(r)?.[1]).find(Boolean);
  const sent = outboxId
    ? (await deps.store.listOutbox({ id: outboxId }))[0]
    : bounce.originalMessageId
      ? (await deps.store.findOutboxByMessageIds([bounce.originalMessageId]))[0]
      : undefined;
  const introId = sent ? sent.introId : null;
  const failed = bounce.recipients.filter((r) => r.action === "failed" || r.status.startsWith("5"));
  if (!introId)
    return {
      status: "ignored",
      result: {
        reason: "a bounce for no known message",
        failed: failed.map((f) => f.finalRecipient),
      },
    };
  const intro = await deps.store.getIntro(introId);
  if (!intro) return { status: "ignored", result: { reason: "the intro is gone" } };
  const result = { bounced: failed.map((f) => `${f.finalRecipient} ${f.status}`) };
  if (failed.length === 0) return { status: "processed", introId, result };
  // Every failed recipient is one bounce event; a terminal intro takes none, and that is fine.
  return applyDecision(
    deps,
    id,
    `${appliedKey(msg, { mailFrom: "", rcptTo: rcpt })}#bounce`,
    intro,
    {
      status: "processed",
      result,
      events: failed.map((f) => ({
        event: { type: "bounce", actor: "system", address: f.finalRecipient, status: f.status },
        optional: true,
      })),
    },
    msg,
  );
}
