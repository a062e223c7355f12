// What a reply in an intro's threads causes, decided in one place and without side effects:
// from the intro's state, the sender's role, how the reply reads and whether its sender
// authenticates. receive-mail.ts then applies every event it returns in one transaction,
// together with marking the message applied, so a reply is applied whole or not at all.

import { CONSENT_MIN_CONFIDENCE } from "../domain/transition.ts";
import type { Channel, Intro, IntroEvent, Role } from "../domain/types.ts";
import type { SenderAuth } from "../mail/inbound/authenticity.ts";
import type { ConsentClassification } from "../mail/inbound/classify-consent-reply.ts";
import type { IntroducerClassification } from "../mail/inbound/classify-introducer-reply.ts";
import type { PlannedEvent } from "./apply-event.ts";

/** The events a reply causes, and what to record about it. */
export interface Decision {
  events: PlannedEvent[];
  /**
   * `ignored`: nothing to apply (automatic mail, or nothing this role may say now);
   * `quarantined`: kept aside, nothing applied, with `notice` telling the sender why.
   */
  status: "processed" | "ignored" | "quarantined";
  result: Record<string, unknown>;
  /** How the events arrived, when not plain email (an introduction from one's own mailbox). */
  channel?: Channel;
  /** A template to send the sender (outside the lifecycle) when the message is kept aside. */
  notice?: "own_intro_early";
}

/** How long a reply may be when quoted back to its writer. */
const QUOTE_CHARS = 280;

/** The start of what someone wrote, on one line, to quote back to them. */
export function quoteOf(reply: string): string {
  const line = reply.replace(/\s+/g, " ").trim();
  return line.length > QUOTE_CHARS ? `${line.slice(0, QUOTE_CHARS - 1)}…` : line;
}

const UNVERIFIED =
  "We couldn't confirm that it came from your mailbox (its sender did not authenticate).";

/** What is recorded about a reply: how it read, and whether its sender authenticated. */
function resultOf(
  c: { intent: string; confidence: number; reasons: string[] },
  auth: SenderAuth,
): Record<string, unknown> {
  return {
    intent: c.intent,
    confidence: c.confidence,
    reasons: c.reasons,
    authenticated: auth.authenticated,
    auth: auth.reasons,
  };
}

function one(event: IntroEvent, result: Record<string, unknown>): Decision {
  return { events: [{ event }], status: "processed", result: { event: event.type, ...result } };
}

/** The introducer's answer by email to a request they were asked to triage. */
export function decideTriage(
  intro: Intro,
  c: IntroducerClassification,
  auth: SenderAuth,
): Decision {
  const result = resultOf(c, auth);
  const unclear = (
    reason: "unclear" | "unverified",
    readAs: string,
    extra: Record<string, unknown> = {},
  ) =>
    one(
      { type: "reply_unclear", actor: "introducer", reason, quote: quoteOf(c.reply), readAs },
      { ...result, ...extra },
    );
  if (c.intent === "unknown")
    return unclear("unclear", "We didn't find a clear answer in it, so we'd rather not guess.");
  // An answer that changes something is obeyed only from an authenticated sender.
  if (!auth.authenticated) return unclear("unverified", UNVERIFIED);
  if (c.intent === "forward") {
    if (!intro.target.email && !c.targetEmail)
      return unclear("unclear", `We didn't find ${intro.target.name}'s email address in it.`, {
        why: "no address for the target",
      });
    return one(
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
    return one({ type: "decline", actor: "introducer", reason: c.reply || undefined }, result);
  return one({ type: "ask_for_changes", actor: "introducer", note: c.reply }, result);
}

/** The target's answer by email to a consent request. */
export function decideConsent(
  intro: Intro,
  c: ConsentClassification,
  auth: SenderAuth,
  now: Date,
): Decision {
  const result = resultOf(c, auth);
  if (c.intent === "auto_reply" || c.intent === "bounce")
    return { events: [], status: "ignored", result };
  const unclear = (reason: "unclear" | "unverified", readAs: string) =>
    one(
      { type: "reply_unclear", actor: "target", reason, quote: quoteOf(c.reply), readAs },
      result,
    );
  if (c.intent === "unknown")
    return unclear("unclear", c.readAs ?? "We didn't find a clear yes or no in it.");
  if (c.intent === "accept" && c.confidence < CONSENT_MIN_CONFIDENCE)
    return unclear("unclear", "It reads like a yes, but not clearly enough to act on.");
  // A yes, a no, a not-now or a question is obeyed only from an authenticated sender.
  if (!auth.authenticated) return unclear("unverified", UNVERIFIED);
  if (c.intent === "accept")
    return one(
      {
        type: "accept",
        actor: "target",
        evidence: { via: "reply", confidence: c.confidence, authenticated: true },
      },
      result,
    );
  if (c.intent === "decline")
    return one({ type: "decline", actor: "target", reason: c.reply || undefined }, result);
  if (c.intent === "defer") {
    if (intro.status !== "consent_requested")
      return unclear("unclear", "It reads as a not-now, and you had already said not now.");
    const until = c.dates.map((d) => new Date(d)).find((d) => d.getTime() > now.getTime());
    return one(
      { type: "defer", actor: "target", until: until?.toISOString(), reason: c.reply || undefined },
      result,
    );
  }
  return one({ type: "ask_question", actor: "target", question: c.reply }, result);
}

/**
 * The introducer's own introduction, seen as a copy to the thread address in BCC with the target
 * in To or Cc (own-mailbox mode). It makes the intro only after the target's recorded yes, and
 * only from an authenticated sender; before a yes it is kept aside and the introducer told why.
 */
export function decideOwnIntro(intro: Intro, auth: SenderAuth): Decision {
  const result = { authenticated: auth.authenticated, auth: auth.reasons };
  if (!intro.consent)
    return {
      events: [],
      status: "quarantined",
      notice: "own_intro_early",
      result: { ...result, reason: "an introduction sent before the target said yes" },
    };
  if (intro.introduceFrom !== "own_mailbox")
    return {
      events: [],
      status: "ignored",
      result: { ...result, reason: "Vouch relays this intro's introduction" },
    };
  if (!auth.authenticated)
    return {
      events: [],
      status: "quarantined",
      result: {
        ...result,
        reason:
          "the introduction's sender did not authenticate; the introducer's “I've sent it” link records it",
      },
    };
  return {
    events: [{ event: { type: "own_intro_sent", actor: "introducer" } }],
    status: "processed",
    channel: "own_mailbox",
    result: { ...result, event: "own_intro_sent" },
  };
}

/** A reply in the intro thread, once read (see read-thread-reply.ts). */
export interface ThreadReading {
  subject: string;
  reply: string;
  movedIntroducerToBcc: boolean;
  /** Who already received the reply directly (so it is not relayed to them again). */
  alreadyTo: Role[];
  /** Times the reply offers (each with a one-click confirm for the other side). */
  offered: string[];
  /** Every future time it names with an hour (recorded in the result). */
  times: string[];
  links: string[];
  /** A time both sides now hold, when the reply settles one. */
  agreed: { start: string; end: string; timeZone: string } | null;
}

/** A participant's reply after the introduction: relayed, with times offered or settled. */
export function decideThread(role: "requester" | "target", t: ThreadReading): Decision {
  const events: PlannedEvent[] = [
    {
      event: {
        type: "reply_in_thread",
        actor: role,
        movedIntroducerToBcc: t.movedIntroducerToBcc,
        relay: { subject: t.subject, text: t.reply, alreadyTo: [...t.alreadyTo, role] },
      },
    },
  ];
  if (t.offered.length || t.links.length)
    events.push({
      event: { type: "propose_times", actor: role, times: t.offered, links: t.links },
    });
  if (t.agreed)
    events.push({ event: { type: "confirm_meeting", actor: role, ...t.agreed }, optional: true });
  return {
    events,
    status: "processed",
    result: {
      event: "reply_in_thread",
      movedIntroducerToBcc: t.movedIntroducerToBcc,
      times: t.times,
      links: t.links,
      agreed: t.agreed?.start ?? null,
    },
  };
}
