import { LRUCache } from "lru-cache";
import { splitRequest } from "../../domain/coach/index.ts";
import type { EmailEffect, Intro } from "../../domain/types.ts";
import { renderTemplate, type TemplateName, type TemplateProps } from "../templates/index.ts";
import { plannedNextStep } from "../templates/requester-nudge.ts";
import { meetingIcs } from "./ics.ts";
import { linkPlaceholder } from "./links.ts";
import { SLOT_MINUTES, slotAction } from "./slot-links.ts";

/** What Vouch needs to know about itself to compose a message. */
export interface ComposeContext {
  publicUrl: string;
  mailDomain: string;
  threadAddress: string;
  /** The subject of the consent thread's first message, once there is one. */
  consentSubject: string | null;
  now: Date;
  /** The recipient's time zone preference, for messages that show them times; else UTC. */
  recipientTimeZone?: string | null;
}

/** A message ready for the outbox: rendered, with its links still placeholders. */
export interface ComposedMessage {
  subject: string;
  text: string;
  html: string;
  headers: Record<string, string>;
  ics: { method: "request" | "cancel"; content: string } | null;
  category: string | null;
}

// Messages Vouch sends by itself on a timer: mark them so auto-responders stay quiet (RFC 3834).
const AUTOMATIC = new Set<string>([
  "introducer_reminder",
  "target_consent_reminder",
  "requester_revise_reminder",
  "report_reminder",
  "requester_nudge",
  "follow_up_draft",
  "how_did_it_go",
  "how_was_it_target",
  "stalled_notice",
  "expired_to_requester",
  "expired_to_introducer",
]);

/** Notifications a person may turn off, by category; the flow's own messages are not among them. */
export const CATEGORY: Partial<Record<TemplateName, string>> = {
  introducer_reminder: "reminders",
  target_consent_reminder: "reminders",
  requester_revise_reminder: "reminders",
  report_reminder: "reminders",
  requester_nudge: "coaching",
  follow_up_draft: "coaching",
  how_did_it_go: "coaching",
  how_was_it_target: "coaching",
  stalled_notice: "updates",
  expired_to_requester: "updates",
  expired_to_introducer: "updates",
  withdrawn_notice: "updates",
};

/**
 * Renders one email effect of a transition into a message: picks the template's props from the
 * intro, and leaves each one-click link as a placeholder for the sender to fill in.
 */
export function composeMessage(
  intro: Intro,
  effect: EmailEffect,
  ctx: ComposeContext,
  unsubscribeFor: (category: string) => string,
): ComposedMessage {
  const template = effect.template as TemplateName;
  // A link's token is signed at send time for this message's (single) recipient.
  const link = (action: string) => linkPlaceholder(ctx.publicUrl, action);
  const category = CATEGORY[template] ?? null;
  const unsubscribeUrl = category ? unsubscribeFor(category) : null;
  const props = {
    ...propsFor(template, intro, effect.data, link, ctx),
    ...(unsubscribeUrl ? { unsubscribeUrl } : {}),
  } as TemplateProps<typeof template>;
  const rendered = renderTemplate(template, props);
  const headers: Record<string, string> = {};
  if (AUTOMATIC.has(template)) {
    headers["Auto-Submitted"] = "auto-generated";
    headers["X-Auto-Response-Suppress"] = "OOF, AutoReply";
  }
  if (unsubscribeUrl) {
    headers["List-Unsubscribe"] = `<${unsubscribeUrl}>`;
    headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click";
  }
  let ics: ComposedMessage["ics"] = null;
  if (template === "meeting_invite_note" || template === "meeting_cancel_note") {
    const method = template === "meeting_invite_note" ? "request" : "cancel";
    ics = {
      method,
      content: meetingIcs(intro, method, {
        mailDomain: ctx.mailDomain,
        organizerEmail: intro.requester.email,
        now: ctx.now,
      }),
    };
  }
  return { ...rendered, headers, ics, category };
}

type Link = (action: string) => string;

// The request's parts depend on its text alone, and an intro's emails quote the same request
// over and over (request, consent, reminders, introduction): it is split once.
const splits = new LRUCache<string, ReturnType<typeof splitRequest>>({ max: 500 });
function splitCached(text: string, subject: string) {
  const key = `${subject}\n\u0000${text}`;
  let hit = splits.get(key);
  if (!hit) {
    hit = splitRequest(text, subject);
    splits.set(key, hit);
  }
  return hit;
}

function propsFor(
  template: TemplateName,
  intro: Intro,
  data: Record<string, unknown>,
  link: Link,
  ctx: ComposeContext,
): Record<string, unknown> {
  const people = {
    requester: { name: intro.requester.name },
    introducer: { name: intro.introducer.name },
    target: { name: intro.target.name },
  };
  const request = { ...people, threadSubject: intro.subject };
  const consent = { ...people, threadSubject: ctx.consentSubject ?? intro.subject };
  const split = () => splitCached(intro.requestText, intro.subject);
  const triage = () => ({
    forwardUrl: link("forward"),
    askChangesUrl: link("ask_changes"),
    declineUrl: link("decline"),
  });
  const consentActions = () => ({
    yesUrl: link("yes"),
    notNowUrl: link("not_now"),
    noUrl: link("no"),
  });
  const outcome = () => ({
    greatUrl: link("great"),
    fineUrl: link("fine"),
    didNotHappenUrl: link("did_not_happen"),
  });
  const n = data.n === 2 ? 2 : 1;
  const meeting = () => ({
    ...people,
    threadSubject: intro.subject,
    start: intro.meeting?.start ?? "",
    end: intro.meeting?.end ?? "",
    timeZone: intro.meeting?.timeZone ?? "UTC",
  });
  switch (template) {
    case "request_to_introducer": {
      const s = split();
      return {
        ...people,
        subject: intro.subject,
        noteToIntroducer: s.noteToIntroducer,
        blurb: s.blurb || intro.requestText,
        actions: triage(),
      };
    }
    case "consent_request": {
      const again = data.again === true;
      return {
        ...people,
        introducerNote: (data.note as string | null) ?? null,
        blurb: split().blurb || intro.requestText,
        actions: consentActions(),
        again,
        requesterHasAddress: intro.targetEmailFromRequester === true,
        ...(again && ctx.consentSubject ? { threadSubject: ctx.consentSubject } : {}),
      };
    }
    case "introduction":
      return { ...request, blurb: split().blurb || intro.requestText };
    case "own_intro_ready":
      return {
        ...request,
        blurb: split().blurb || intro.requestText,
        send: {
          to: [intro.target.email ?? ""],
          cc: [intro.requester.email],
          bcc: [ctx.threadAddress],
        },
        sentUrl: link("own_sent"),
        reminder: data.reminder === true,
      };
    case "requester_nudge":
      return {
        ...people,
        // The reply follows what is already planned, in the requester's zone.
        nextStep: plannedNextStep(intro, ctx.recipientTimeZone || "UTC", ctx.now),
        introSubject: intro.subject,
        reply: { to: [intro.target.email ?? ""], bcc: [ctx.threadAddress] },
      };
    case "follow_up_draft":
      return {
        ...people,
        number: n,
        answers: { talkingUrl: link("talking"), notYetUrl: link("not_yet") },
        introSubject: intro.subject,
        reply: { to: [intro.target.email ?? ""] },
      };
    case "introducer_declined_notice":
      return request;
    case "target_declined_to_introducer":
      return { ...consent, reason: (data.reason as string | null) ?? null };
    case "target_declined_to_requester":
      return request;
    case "target_deferred_to_introducer":
      return { ...consent, askAgainOn: String(data.until ?? intro.deferUntil ?? "") };
    case "target_question_to_introducer":
      return { ...consent, question: String(data.question ?? "") };
    case "changes_requested":
      return { ...request, note: String(data.note ?? ""), reviseUrl: link("revise") };
    case "expired_to_requester":
      return { ...request, waitingOn: data.waitingOn ?? "introducer" };
    case "expired_to_introducer":
      return { ...consent, waitingOn: data.waitingOn ?? "target" };
    case "stalled_notice":
      return request;
    case "withdrawn_notice":
      return { ...request, note: null };
    case "introducer_reminder":
      return { ...request, number: n, actions: triage() };
    case "target_consent_reminder":
      return { ...consent, actions: consentActions() };
    case "requester_revise_reminder":
      return { ...request, reviseUrl: link("revise") };
    case "report_reminder":
      return { ...people, number: n, outcome: outcome() };
    case "how_did_it_go":
      return { ...people, outcome: outcome(), thankYou: { to: [intro.introducer.email] } };
    case "how_was_it_target":
      return {
        ...people,
        outcome: {
          greatUrl: link("target_great"),
          fineUrl: link("target_fine"),
          didNotHappenUrl: link("target_did_not_happen"),
        },
      };
    case "report_back_to_introducer":
      return {
        ...request,
        outcome: intro.outcome?.rating ?? "fine",
        thanked: intro.outcome?.thanked ?? false,
        note: intro.outcome?.note ?? null,
      };
    case "meeting_invite_note":
    case "meeting_cancel_note":
      return meeting();
    case "proposed_times": {
      const times = Array.isArray(data.times) ? data.times.map(String) : [];
      return {
        ...people,
        threadSubject: intro.subject,
        proposer: data.from === "target" ? "target" : "requester",
        timeZone: ctx.recipientTimeZone || "UTC",
        links: Array.isArray(data.links) ? data.links.map(String) : [],
        slots: times.map((start) => ({
          start,
          end: new Date(Date.parse(start) + SLOT_MINUTES * 60_000).toISOString(),
          confirmUrl: link(slotAction(start)),
        })),
      };
    }
    case "relay": {
      const from = data.from === "target" ? intro.target : intro.requester;
      return {
        threadSubject: intro.subject,
        sender: { name: from.name },
        text: String(data.text ?? ""),
      };
    }
    case "unclear_reply_ask_again": {
      const toTarget = data.role === "target";
      const r = intro.requester.name.split(/\s+/)[0];
      return {
        threadSubject: toTarget ? (ctx.consentSubject ?? intro.subject) : intro.subject,
        recipient: { name: toTarget ? intro.target.name : intro.introducer.name },
        onBehalfOf: { name: intro.introducer.name },
        reason: data.reason === "unverified" ? "unverified" : "unclear",
        ...(typeof data.quote === "string" ? { quote: data.quote } : {}),
        ...(typeof data.readAs === "string" ? { readAs: data.readAs } : {}),
        question: toTarget
          ? `Would you like an intro to ${intro.requester.name}?`
          : `Would you like to ask ${intro.target.name} whether they'd like an intro to ${r}?`,
        choices: toTarget
          ? [
              { label: "Yes, introduce us", url: link("yes") },
              { label: "Not now", url: link("not_now") },
              { label: "No, thanks", url: link("no") },
            ]
          : [
              { label: `Ask ${intro.target.name.split(/\s+/)[0]}`, url: link("forward") },
              { label: `Ask ${r} for changes`, url: link("ask_changes") },
              { label: "Decline kindly", url: link("decline") },
            ],
      };
    }
    case "intake_problem":
    case "intake_confirm":
    case "own_intro_early":
    case "magic_link":
    case "coach_feedback":
      // Not lifecycle effects: their senders pass complete props themselves.
      return data;
  }
}
