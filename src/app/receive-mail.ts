import { createHash } from "node:crypto";
import { parseRequestSubject, splitRequest } from "../domain/coach/index.ts";
import { isVouchError, VouchError } from "../domain/errors.ts";
import { schedulingLink } from "../domain/scheduling-link.ts";
import type { Intro, IntroEvent, Role } from "../domain/types.ts";
import { rolesOf } from "../domain/view.ts";
import {
  classifyConsentReply,
  classifyIntroducerReply,
  findLinks,
  findProposedTimes,
  isAutomatic,
  matchProposedSlot,
  type ParsedMessage,
  readBounce,
  readMessage,
  stripQuotedReply,
} from "../mail/inbound/index.ts";
import { renderTemplate, type TemplateName, type TemplateProps } from "../mail/templates/index.ts";
import type { InboundMessage } from "../store/store.ts";
import { applyEvent } from "./apply-event.ts";
import { createIntro } from "./create-intro.ts";
import { type AppDeps, newMessageId, randomToken } from "./deps.ts";
import { rememberTimeZoneGuess, timeZonePreference } from "./time-zone.ts";

/** The result of checking a directly received message's SPF/DKIM/DMARC. */
export type Authenticity = "pass" | "fail" | "none";

/** What receiving needs beyond the app: how to check authenticity (injectable, for tests). */
export interface InboundDeps extends AppDeps {
  authenticate?: (m: {
    raw: Buffer;
    ip: string;
    helo: string;
    mailFrom: string;
  }) => Promise<Authenticity>;
}

/** One message as it arrived, from SMTP or a webhook. */
export interface Arrival {
  channel: string;
  mailFrom: string;
  rcptTo: string[];
  remote: { ip: string; helo: string } | null;
  raw: Buffer;
}

type Outcome = {
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
): Promise<{ id: string; status: string }> {
  const parsed = await readMessage(a.raw);
  const id = `im_${randomToken(12)}`;
  await deps.store.insertInbound({
    id,
    messageId: parsed.messageId,
    receivedAt: deps.now().toISOString(),
    channel: a.channel,
    mailFrom: a.mailFrom,
    rcptTo: a.rcptTo,
    remote: a.remote,
    raw: a.raw,
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
    if (rcpt.includes(intake) || visible.includes(intake)) return intake_(deps, id, msg);
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
  return dispatch(deps, id, msg, a, intro, role);
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
 * Applies an event caused by a message, at most once per Message-ID. With `processed`, the
 * message is marked processed (with that result) in the same transaction as the change.
 */
async function applyOnce(
  deps: InboundDeps,
  id: string,
  msg: ParsedMessage,
  intro: Intro,
  event: IntroEvent,
  processed?: Record<string, unknown>,
) {
  const key =
    msg.messageId ??
    `sha256:${createHash("sha256")
      .update(msg.text + msg.subject)
      .digest("hex")}`;
  let duplicate = false;
  try {
    const r = await applyEvent(deps, intro.id, event, "email", {
      inTransaction: async (tx) => {
        if (!(await tx.markApplied(key, id, deps.now()))) {
          duplicate = true;
          // Rolls the change back. Not a CONFLICT: that would be retried as a lost race.
          throw new Error("this message was already applied");
        }
        if (processed) {
          await tx.setInboundStatus(id, "processed", {
            introId: intro.id,
            result: processed,
            error: null,
          });
        }
      },
    });
    return { duplicate: false, intro: r.intro };
  } catch (e) {
    if (duplicate) return { duplicate: true, intro };
    throw e;
  }
}

async function dispatch(
  deps: InboundDeps,
  id: string,
  msg: ParsedMessage,
  a: Arrival,
  intro: Intro,
  role: Role,
): Promise<Outcome> {
  const done = async (event: IntroEvent, result: Record<string, unknown>): Promise<Outcome> => {
    const processed = { event: event.type, ...result };
    const r = await applyOnce(deps, id, msg, intro, event, processed);
    if (r.duplicate)
      return {
        status: "duplicate",
        introId: intro.id,
        result: { reason: "the same Message-ID was already applied" },
      };
    return { status: "processed", introId: intro.id, result: processed, recorded: true };
  };

  if (role === "introducer" && intro.status === "requested") {
    const c = classifyIntroducerReply(msg, {
      ignore: [`@${deps.mailDomain}`, intro.requester.email, intro.introducer.email],
    });
    const result = { intent: c.intent, confidence: c.confidence, reasons: c.reasons };
    if (c.intent === "forward") {
      if (!intro.target.email && !c.targetEmail)
        return done(
          { type: "reply_unclear", actor: "introducer", reason: "unclear" },
          { ...result, why: "no address for the target" },
        );
      return done(
        {
          type: "forward_for_consent",
          actor: "introducer",
          note: undefined,
          targetEmail: c.targetEmail,
        },
        result,
      );
    }
    if (c.intent === "decline")
      return done({ type: "decline", actor: "introducer", reason: c.reply || undefined }, result);
    if (c.intent === "ask_for_changes")
      return done({ type: "ask_for_changes", actor: "introducer", note: c.reply }, result);
    return done({ type: "reply_unclear", actor: "introducer", reason: "unclear" }, result);
  }

  if (role === "target" && (intro.status === "consent_requested" || intro.status === "deferred")) {
    const c = classifyConsentReply(msg, { now: deps.now() });
    const result = { intent: c.intent, confidence: c.confidence, reasons: c.reasons };
    if (c.intent === "auto_reply") return { status: "ignored", introId: intro.id, result };
    if (c.intent === "accept") {
      const auth = await authenticity(deps, a);
      if (auth === "fail") {
        // Mail claiming to be the target that fails DMARC for their domain is not consent.
        return done(
          { type: "reply_unclear", actor: "target", reason: "unverified" },
          { ...result, dmarc: auth },
        );
      }
      return done(
        {
          type: "accept",
          actor: "target",
          evidence: { via: "reply", confidence: c.confidence, authenticated: true },
        },
        { ...result, dmarc: auth },
      ).catch(async (e) => {
        if (isVouchError(e) && e.code === "CONSENT_UNCLEAR") {
          return done({ type: "reply_unclear", actor: "target", reason: "unclear" }, result);
        }
        throw e;
      });
    }
    if (c.intent === "decline")
      return done({ type: "decline", actor: "target", reason: c.reply || undefined }, result);
    if (c.intent === "defer" && intro.status === "consent_requested") {
      const until = c.dates.map((d) => new Date(d)).find((d) => d.getTime() > deps.now().getTime());
      return done(
        {
          type: "defer",
          actor: "target",
          until: until?.toISOString(),
          reason: c.reply || undefined,
        },
        result,
      );
    }
    if (c.intent === "question")
      return done({ type: "ask_question", actor: "target", question: c.reply }, result);
    return done({ type: "reply_unclear", actor: "target", reason: "unclear" }, result);
  }

  if (
    (role === "requester" || role === "target") &&
    ["introduced", "connected", "scheduled", "met", "stalled"].includes(intro.status)
  ) {
    const threadAddr = lower(`intros+${intro.threadToken}@${deps.mailDomain}`);
    const visible = [...msg.to, ...msg.cc].map((m) => lower(m.email));
    const reply = stripQuotedReply(msg.text, { senderName: msg.from?.name });
    // BCC shows only in the envelope: the thread address received it but is not in To/Cc.
    const inEnvelopeOnly =
      a.rcptTo.map(lower).includes(threadAddr) && !visible.includes(threadAddr);
    const saysBcc = /\b(moved?|moving)\b[^.\n]{0,40}\bto\s+bcc\b|\bbcc['’]?ing\b|\(bcc\)/i.test(
      reply,
    );
    const moved = role === "requester" && (inEnvelopeOnly || saysBcc);
    const alreadyTo: Role[] = (["requester", "introducer", "target"] as Role[]).filter((r) => {
      const email = r === "target" ? intro.target.email : intro[r].email;
      return email !== null && visible.includes(email);
    });
    // Wall-clock times in the writer's zone (set, or guessed from their mail), so a time after
    // a daylight-saving change is still the hour they wrote.
    const writerZone = await timeZonePreference(deps.store, lower(msg.from?.email ?? ""));
    const named = findProposedTimes(
      reply,
      deps.now(),
      msg.dateOffsetMinutes ?? 0,
      writerZone ?? undefined,
    );
    const found = named.filter((t) => t.hasTime);
    // A time already past when the message is read ("how about yesterday at 3pm?") offers
    // nothing: it is dropped here, so the propose_times event never records it.
    const times = found
      .filter((t) => Date.parse(t.start) > deps.now().getTime())
      .map((t) => t.start);
    // Booking pages all serve https; the same check as the web form and the API applies.
    const links = findLinks(reply)
      .filter((l) =>
        /calendly|cal\.com|savvycal|meetings\.hubspot|calendar\.app\.google|bookings/i.test(l),
      )
      .map((l) => schedulingLink(l.replace(/^http:\/\//i, "https://")))
      .flatMap((l) => (l.ok ? [l.url] : []));
    const r = await applyOnce(deps, id, msg, intro, {
      type: "reply_in_thread",
      actor: role,
      movedIntroducerToBcc: moved,
      relay: { subject: msg.subject, text: reply, alreadyTo: [...alreadyTo, role] },
    });
    if (r.duplicate)
      return {
        status: "duplicate",
        introId: intro.id,
        result: { reason: "the same Message-ID was already applied" },
      };
    // A time both sides now hold: one of the proposed slots ("Thursday works for me"), else a
    // day and time the reply settles ("Looking forward to meeting you this Thursday at 9am").
    const settles = AGREED.test(reply);
    const slot = settles
      ? matchProposedSlot(
          named,
          intro.proposedTimes,
          writerZone ?? msg.dateOffsetMinutes ?? 0,
          deps.now(),
        )
      : null;
    const dated = found.find((t) => t.hasDay);
    const agreed = slot
      ? { start: slot, end: null }
      : settles && dated
        ? { start: dated.start, end: dated.end }
        : null;
    // Times are offered (with one-click confirms) only by a reply that does not settle one.
    const offered = agreed ? [] : times;
    if (offered.length || links.length) {
      await applyEvent(
        deps,
        intro.id,
        { type: "propose_times", actor: role, times: offered, links },
        "email",
      );
    }
    if (agreed) {
      const start = new Date(agreed.start);
      const end = agreed.end ? new Date(agreed.end) : new Date(start.getTime() + 30 * 60_000);
      const zone = writerZone ?? "UTC";
      await applyEvent(
        deps,
        intro.id,
        {
          type: "confirm_meeting",
          actor: role,
          start: start.toISOString(),
          end: end.toISOString(),
          timeZone: zone,
        },
        "email",
      ).catch((e) => {
        if (!(isVouchError(e) && e.code === "INVALID_TRANSITION")) throw e;
      });
    }
    return {
      status: "processed",
      introId: intro.id,
      result: {
        event: "reply_in_thread",
        movedIntroducerToBcc: moved,
        times,
        links,
        agreed: agreed?.start ?? null,
      },
    };
  }

  return {
    status: "ignored",
    introId: intro.id,
    result: { reason: `a ${role}'s email while the intro is ${intro.status} changes nothing` },
  };
}

// Words that settle a time rather than offer one.
const AGREED =
  /\b(works (for me|great|well)|sounds (good|great|perfect)|see you|looking forward to (meeting|seeing|chatting|talking)|it'?s a date|confirmed|booked|sent (you )?an invite)\b/i;

async function authenticity(deps: InboundDeps, a: Arrival): Promise<Authenticity> {
  // Webhook providers check authenticity themselves; we check what we receive directly.
  if (!a.remote || !deps.authenticate) return "none";
  return deps.authenticate({
    raw: a.raw,
    ip: a.remote.ip,
    helo: a.remote.helo,
    mailFrom: a.mailFrom,
  });
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
  for (const f of failed) {
    await applyOnce(
      deps,
      `${id}:${f.finalRecipient}`,
      { ...msg, messageId: `${msg.messageId ?? id}#${f.finalRecipient}` },
      intro,
      {
        type: "bounce",
        actor: "system",
        address: f.finalRecipient,
        status: f.status,
      },
    ).catch((e) => {
      if (!(isVouchError(e) && e.code === "INVALID_TRANSITION")) throw e;
    });
  }
  return {
    status: "processed",
    introId,
    result: { bounced: failed.map((f) => `${f.finalRecipient} ${f.status}`) },
  };
}

/** Renders and queues a message to a sender who is not (yet) part of an intro. */
async function replyToSender<N extends TemplateName>(
  deps: InboundDeps,
  msg: ParsedMessage,
  template: N,
  props: TemplateProps<N>,
) {
  const r = renderTemplate(template, props);
  const to = msg.from;
  if (!to) return;
  const messageId = newMessageId(deps.mailDomain);
  await deps.store.enqueue(
    [
      {
        id: `ob_${randomToken(12)}`,
        introId: null,
        messageId,
        template,
        thread: "notice",
        from: { name: "Vouch", email: `intros@${deps.mailDomain}` },
        to: [{ name: to.name || to.email, email: lower(to.email) }],
        cc: [],
        replyTo: null,
        inReplyTo: msg.messageId,
        references: [...msg.references, ...(msg.messageId ? [msg.messageId] : [])],
        subject: r.subject,
        text: r.text,
        html: r.html,
        headers: { "Auto-Submitted": "auto-replied" },
        ics: null,
        category: null,
      },
    ],
    deps.now(),
  );
}

/**
 * A new request sent to intros@: the sender is the requester, the one other person in To/Cc the
 * introducer, and the target's name comes from the subject or the greeting. What cannot be
 * worked out is explained to the sender, and the message is kept.
 */
async function intake_(deps: InboundDeps, id: string, msg: ParsedMessage): Promise<Outcome> {
  void id;
  const sender = msg.from;
  const ours = (e: string) => lower(e).endsWith(`@${deps.mailDomain}`);
  const others = [...msg.to, ...msg.cc].filter(
    (m) => !ours(m.email) && lower(m.email) !== lower(sender?.email ?? ""),
  );
  const unique = [...new Map(others.map((m) => [lower(m.email), m])).values()];
  const text = stripQuotedReply(msg.text);
  const parts = splitRequest(text, msg.subject);
  const targetName = parseRequestSubject(msg.subject)?.target ?? parts.targetGreetingName;
  const problems: Array<"no_target" | "no_introducer" | "several_introducers"> = [];
  if (unique.length === 0) problems.push("no_introducer");
  if (unique.length > 1) problems.push("several_introducers");
  if (!targetName) problems.push("no_target");
  if (!sender) return { status: "rejected", result: { reason: "no sender" } };
  if (problems.length) {
    await replyToSender(deps, msg, "intake_problem", {
      sender: { name: sender.name || sender.email },
      originalSubject: msg.subject,
      problems,
      candidates: unique.map((m) => m.name || m.email),
      intakeAddress: `intros@${deps.mailDomain}`,
    });
    return { status: "rejected", result: { problems } };
  }
  const introducer = unique[0] as { name: string; email: string };
  // The requester's zone, for the times their request proposes: set, else guessed from this mail.
  const timeZone =
    (await rememberTimeZoneGuess(
      deps.store,
      lower(sender.email),
      { offsetMinutes: msg.dateOffsetMinutes, at: msg.date ? new Date(msg.date) : deps.now() },
      [lower(introducer.email)],
      deps.now(),
    )) ?? undefined;
  try {
    const intro = await createIntro(
      deps,
      {
        requester: {
          name: sender.name || (sender.email.split("@")[0] ?? sender.email),
          email: sender.email,
        },
        introducer: {
          name: introducer.name || (introducer.email.split("@")[0] ?? introducer.email),
          email: introducer.email,
        },
        target: { name: targetName as string, email: null },
        subject: msg.subject || undefined,
        requestText: text,
        submit: true,
        timeZone,
      },
      "email",
    );
    return { status: "processed", introId: intro.id, result: { event: "submit", intake: true } };
  } catch (e) {
    if (!isVouchError(e)) throw e;
    if (e.code === "INVALID_INPUT" || e.code === "HEADER_INJECTION") {
      // Nothing a retry could fix: say what is wrong, and keep the message as rejected.
      await replyToSender(deps, msg, "coach_feedback", {
        sender: { name: sender.name || sender.email },
        introducer: { name: introducer.name || introducer.email },
        originalSubject: msg.subject,
        problems: [`${e.message[0]?.toUpperCase()}${e.message.slice(1)}.`],
        suggestions: [],
      });
      return { status: "rejected", result: { reason: e.message } };
    }
    if (e.code !== "REQUEST_REJECTED") throw e;
    const findings = (e.details.findings as Array<{ severity: string; message: string }>) ?? [];
    await replyToSender(deps, msg, "coach_feedback", {
      sender: { name: sender.name || sender.email },
      introducer: { name: introducer.name || introducer.email },
      originalSubject: msg.subject,
      problems: findings.filter((f) => f.severity === "error").map((f) => f.message),
      suggestions: findings.filter((f) => f.severity === "warning").map((f) => f.message),
    });
    return { status: "rejected", result: { reason: "the coach found errors", findings } };
  }
}
