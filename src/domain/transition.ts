import { VouchError } from "./errors.ts";
import { DEFAULT_TIMER_POLICY, type TimerPolicy, timerKey, timersFor } from "./timers.ts";
import {
  type Actor,
  type EmailEffect,
  type EventType,
  type Intro,
  type IntroEvent,
  type Role,
  STATUSES,
  type Status,
  TERMINAL_STATUSES,
  type TransitionResult,
} from "./types.ts";

/**
 * Consent needs at least this confidence (clicks and signed-in actions are 1). The reply
 * classifier only says `accept` for a clear yes, and rates those 0.65-1; the least sure of them
 * (a yes that also asks something) is asked again with buttons rather than taken as consent.
 */
export const CONSENT_MIN_CONFIDENCE = 0.7;

/** For one event: each actor who may cause it, and the statuses they may cause it from. */
type Rule = Partial<Record<Actor, readonly Status[]>>;

const THREAD_LIVE: Status[] = ["introduced", "connected", "scheduled", "met", "stalled"];
const OPEN_ASK: Status[] = ["requested", "changes_requested", "consent_requested", "deferred"];

/**
 * The one table of what may happen when: for every event, who may cause it from which status.
 * Every guard on status and actor lives here; the handlers below only compute the next state.
 * Terminal statuses appear in no list but two: a timer (which then does nothing, since no timer
 * belongs to a terminal status) and the target's private report after `completed`.
 */
export const RULES: Record<EventType, Rule> = {
  submit: { requester: ["draft"] },
  revise: { requester: ["draft", "changes_requested"] },
  withdraw: {
    requester: ["draft", ...OPEN_ASK, "introduced", "connected", "scheduled", "stalled"],
  },
  reply_in_thread: { requester: THREAD_LIVE, target: THREAD_LIVE },
  // An email answer Vouch could not read with confidence: nothing changes; the sender is asked
  // again with one-click buttons.
  reply_unclear: { introducer: ["requested"], target: ["consent_requested", "deferred"] },
  propose_times: { requester: THREAD_LIVE, target: THREAD_LIVE },
  confirm_meeting: {
    requester: ["introduced", "connected", "scheduled", "stalled"],
    target: ["introduced", "connected", "scheduled", "stalled"],
  },
  // The requester reports back (and thanks) once they have connected; the target's private
  // feedback may come after the meeting, also after the requester completed the intro: it is
  // the one event a terminal status accepts, and it changes nothing but the introducer's view.
  report_outcome: {
    requester: ["connected", "scheduled", "met", "stalled"],
    target: ["met", "completed"],
  },
  forward_for_consent: { introducer: ["requested"] },
  ask_for_changes: { introducer: ["requested"] },
  decline: {
    introducer: ["requested", "changes_requested"],
    target: ["consent_requested", "deferred"],
  },
  accept: { target: ["consent_requested", "deferred"] },
  // Only after a recorded yes, and only in own-mailbox mode (checked in the transition).
  own_intro_sent: { introducer: ["consent_requested"] },
  defer: { target: ["consent_requested"] },
  ask_question: { target: ["consent_requested", "deferred"] },
  // A timer can fire in any status: one that no longer belongs to the state does nothing.
  timer_fired: { system: STATUSES },
  bounce: { system: [...OPEN_ASK, ...THREAD_LIVE] },
  meeting_time_passed: { system: ["scheduled"] },
};

/**
 * Whether the meeting may have happened, so that how it went can be told: the intro is `met`
 * (its time passed, or someone confirmed it), or an agreed meeting has begun. Before that, the
 * only report is that it didn't happen.
 */
export function meetingHappened(intro: Pick<Intro, "status" | "meeting">, now: Date): boolean {
  if (intro.status === "met" || intro.status === "completed") return true;
  return !!intro.meeting && Date.parse(intro.meeting.start) <= now.getTime();
}

export function isTerminal(status: Status): boolean {
  return TERMINAL_STATUSES.includes(status);
}

/** The events a given actor may cause now (for UIs: the actions this viewer may take). */
export function allowedEvents(intro: Intro, actor: string): EventType[] {
  return (Object.keys(RULES) as EventType[])
    .filter((t) => permits(t, actor, intro.status))
    .filter((t) => !OWN_MAILBOX_ONLY.has(t) || waitsForOwnIntro(intro))
    .filter((t) => t !== "accept" || !intro.consent);
}

// Events that only an intro waiting for the introducer's own introduction takes.
const OWN_MAILBOX_ONLY = new Set<EventType>(["own_intro_sent"]);

/** After a yes, the introducer writes the introduction from their own mailbox. */
export function waitsForOwnIntro(intro: Intro): boolean {
  return (
    intro.consent !== null &&
    intro.introduceFrom === "own_mailbox" &&
    intro.status === "consent_requested"
  );
}

function permits(type: EventType, actor: string, status: Status): boolean {
  return RULES[type][actor as Actor]?.includes(status) ?? false;
}

/**
 * The lifecycle: the next intro and its effects, or a coded error. Pure; `now` is passed in.
 */
export function transition(
  intro: Intro,
  event: IntroEvent,
  now: Date,
  policy: TimerPolicy = DEFAULT_TIMER_POLICY,
): TransitionResult {
  if (!permits(event.type, event.actor, intro.status)) {
    throw new VouchError(
      "INVALID_TRANSITION",
      `${event.actor} cannot ${event.type.replaceAll("_", " ")} an intro that is ${intro.status}`,
      { status: intro.status, event: event.type, actor: event.actor },
    );
  }
  const iso = now.toISOString();
  const ctx = new Step(intro, iso);
  handle(ctx, event, policy);
  if (!ctx.changed) {
    return {
      intro,
      effects: [],
      timers: timersFor(intro, policy),
      changed: false,
      recorded: { type: event.type, actor: event.actor, data: {} },
    };
  }
  const next = ctx.next;
  next.updatedAt = iso;
  return {
    intro: next,
    effects: ctx.effects,
    timers: timersFor(next, policy),
    changed: true,
    recorded: { type: event.type, actor: event.actor, data: ctx.data },
  };
}

/** Mutable scratch state for one transition, on a copy of the intro. */
class Step {
  readonly next: Intro;
  readonly now: string;
  readonly effects: EmailEffect[] = [];
  data: Record<string, unknown> = {};
  changed = true;

  constructor(intro: Intro, now: string) {
    this.next = structuredClone(intro);
    this.now = now;
  }

  to(status: Status): void {
    if (this.next.status !== status) {
      this.next.status = status;
      this.next.statusSince = this.now;
    }
  }

  email(e: Omit<EmailEffect, "kind" | "data"> & { data?: Record<string, unknown> }): void {
    this.effects.push({ kind: "email", data: {}, ...e });
  }
}

function handle(s: Step, event: IntroEvent, policy: TimerPolicy): void {
  const i = s.next;
  switch (event.type) {
    case "submit":
      s.to("requested");
      s.email({ template: "request_to_introducer", to: ["introducer"], thread: "request" });
      return;
    case "revise":
      if (event.requestText !== undefined) i.requestText = event.requestText;
      if (event.subject !== undefined) i.subject = event.subject;
      if (i.status === "changes_requested") {
        s.to("requested");
        s.email({ template: "request_to_introducer", to: ["introducer"], thread: "request" });
      }
      return;
    case "withdraw": {
      const was = i.status;
      s.to("withdrawn");
      s.data = event.reason ? { reason: event.reason } : {};
      if (was !== "draft") {
        s.email({ template: "withdrawn_notice", to: ["introducer"], thread: "request" });
      }
      if (was === "scheduled") {
        s.email({ template: "meeting_cancel_note", to: ["target", "requester"], thread: "intro" });
      }
      return;
    }
    case "forward_for_consent": {
      const email = event.targetEmail ?? i.target.email;
      if (!email) {
        throw new VouchError(
          "TARGET_EMAIL_REQUIRED",
          `${i.target.name}'s email address is needed to ask for consent`,
          { field: "targetEmail" },
        );
      }
      // An address of the introducer's own (none was given, or another) is not the requester's.
      if (email.toLowerCase() !== i.target.email) i.targetEmailFromRequester = false;
      i.target.email = email.toLowerCase();
      i.askedTargetAt = s.now;
      s.to("consent_requested");
      s.data = event.note ? { note: event.note } : {};
      s.email({
        template: "consent_request",
        to: ["target"],
        thread: "consent",
        data: { note: event.note ?? null },
      });
      return;
    }
    case "ask_for_changes":
      s.to("changes_requested");
      s.data = { note: event.note };
      s.email({
        template: "changes_requested",
        to: ["requester"],
        thread: "request",
        data: { note: event.note },
      });
      return;
    case "decline":
      if (event.actor === "introducer") {
        s.to("introducer_declined");
        s.data = event.reason ? { reason: event.reason } : {};
        s.email({ template: "introducer_declined_notice", to: ["requester"], thread: "request" });
      } else {
        s.to("target_declined");
        i.declineReason = event.reason ?? null;
        s.data = event.reason ? { reason: event.reason } : {};
        s.email({
          template: "target_declined_to_introducer",
          to: ["introducer"],
          thread: "consent",
          data: { reason: event.reason ?? null },
        });
        s.email({ template: "target_declined_to_requester", to: ["requester"], thread: "request" });
      }
      return;
    case "accept":
      if (i.consent) {
        throw new VouchError("INVALID_TRANSITION", "the target has already said yes", {
          status: i.status,
          event: event.type,
        });
      }
      if (!event.evidence.authenticated || !(event.evidence.confidence >= CONSENT_MIN_CONFIDENCE)) {
        throw new VouchError(
          "CONSENT_UNCLEAR",
          "the target's answer is not a clear, authenticated yes; ask again with buttons",
          { status: i.status, confidence: event.evidence.confidence },
        );
      }
      i.consent = { at: s.now, via: event.evidence.via };
      if (event.introduceFrom === "own_mailbox") {
        // The introducer writes the introduction from their own mailbox; it happens when their
        // copy reaches the thread address (own_intro_sent). The yes is recorded now.
        i.introduceFrom = "own_mailbox";
        if (i.status === "deferred") s.to("consent_requested");
        s.data = { via: event.evidence.via, introduceFrom: "own_mailbox" };
        s.email({ template: "own_intro_ready", to: ["introducer"], thread: "consent" });
        return;
      }
      i.introducedAt = s.now;
      s.to("introduced");
      s.data = { via: event.evidence.via };
      s.email({ template: "introduction", to: ["target"], cc: ["requester"], thread: "intro" });
      // Times the request proposed, still ahead: the target can now confirm one with a click.
      offerTimes(s, { type: "propose_times", actor: "requester", times: i.proposedTimes });
      return;
    case "own_intro_sent":
      // The invariant: no introduction without the target's recorded yes.
      if (!i.consent || i.introduceFrom !== "own_mailbox") {
        throw new VouchError(
          "INVALID_TRANSITION",
          i.consent
            ? "this intro is introduced by Vouch, not from the introducer's mailbox"
            : "the target has not said yes yet",
          { status: i.status, event: event.type },
        );
      }
      i.introducedAt = s.now;
      s.to("introduced");
      s.data = {};
      offerTimes(s, { type: "propose_times", actor: "requester", times: i.proposedTimes });
      return;
    case "defer": {
      const given = event.until === undefined ? null : Date.parse(event.until);
      if (given !== null && Number.isNaN(given)) {
        throw new VouchError("INVALID_INPUT", `"${event.until}" is not a date`, { field: "until" });
      }
      // One canonical form, so the ask-again timer derived from it matches its stored row.
      const until = new Date(given ?? Date.parse(s.now) + policy.defaultDefer).toISOString();
      i.deferUntil = until;
      s.to("deferred");
      s.data = { until, ...(event.reason ? { reason: event.reason } : {}) };
      s.email({
        template: "target_deferred_to_introducer",
        to: ["introducer"],
        thread: "consent",
        data: { until },
      });
      return;
    }
    case "ask_question":
      s.data = { question: event.question };
      s.email({
        template: "target_question_to_introducer",
        to: ["introducer"],
        thread: "consent",
        data: { question: event.question },
      });
      return;
    case "reply_in_thread":
    case "propose_times":
      replyInThread(s, event);
      return;
    case "reply_unclear":
      s.data = { reason: event.reason, ...(event.readAs ? { readAs: event.readAs } : {}) };
      s.email({
        template: "unclear_reply_ask_again",
        to: [event.actor],
        thread: event.actor === "target" ? "consent" : "request",
        data: {
          reason: event.reason,
          role: event.actor,
          ...(event.quote ? { quote: event.quote } : {}),
          ...(event.readAs ? { readAs: event.readAs } : {}),
        },
      });
      return;
    case "confirm_meeting": {
      const start = Date.parse(event.start);
      const end = Date.parse(event.end);
      if (!(end > start)) {
        throw new VouchError("INVALID_INPUT", "the meeting must end after it starts", {
          field: "end",
        });
      }
      i.meeting = {
        start: new Date(start).toISOString(),
        end: new Date(end).toISOString(),
        timeZone: event.timeZone,
        sequence: i.meeting ? i.meeting.sequence + 1 : 0,
      };
      if (event.actor === "target") i.lastTargetReplyAt = s.now;
      s.to("scheduled");
      s.data = { start: i.meeting.start, end: i.meeting.end, timeZone: event.timeZone };
      s.email({ template: "meeting_invite_note", to: ["requester", "target"], thread: "intro" });
      return;
    }
    case "meeting_time_passed":
      toMet(s);
      return;
    case "report_outcome":
      if (event.actor === "target") {
        i.targetOutcome = { rating: event.rating, note: event.note ?? null, at: s.now };
        s.data = { rating: event.rating };
        return;
      }
      if (event.rating !== "did_not_happen" && !meetingHappened(i, new Date(s.now))) {
        throw new VouchError(
          "MEETING_NOT_HELD",
          `The meeting hasn't happened yet, so there is nothing to report on how it went. Record the meeting, or say it didn't happen.`,
          { status: i.status, field: "rating" },
        );
      }
      i.outcome = {
        rating: event.rating,
        note: event.note ?? null,
        thanked: event.thanked,
        at: s.now,
      };
      s.to("completed");
      s.data = { rating: event.rating, thanked: event.thanked };
      s.email({ template: "report_back_to_introducer", to: ["introducer"], thread: "request" });
      return;
    case "bounce": {
      const address = event.address.toLowerCase();
      if (!i.bouncedAddresses.includes(address)) i.bouncedAddresses.push(address);
      s.data = { address, ...(event.status ? { status: event.status } : {}) };
      return;
    }
    case "timer_fired":
      fireTimer(s, event, policy);
      return;
  }
}

function replyInThread(
  s: Step,
  event: Extract<IntroEvent, { type: "reply_in_thread" | "propose_times" }>,
): void {
  const i = s.next;
  if (event.type === "propose_times") {
    for (const t of event.times ?? []) if (!i.proposedTimes.includes(t)) i.proposedTimes.push(t);
    for (const l of event.links ?? [])
      if (!i.schedulingLinks.includes(l)) i.schedulingLinks.push(l);
    s.data = { times: event.times ?? [], links: event.links ?? [] };
  }
  // The introducer sees the thread until they are moved to BCC, and the message that moves them.
  const introducerWasIn = !i.introducerMovedToBcc;
  if (event.actor === "requester") {
    i.requesterRepliedAt ??= s.now;
    if (event.type === "reply_in_thread") {
      if (event.movedIntroducerToBcc) i.introducerMovedToBcc = true;
      s.data = { movedIntroducerToBcc: !!event.movedIntroducerToBcc };
    }
    if (i.status === "introduced") s.to("connected");
  } else {
    i.lastTargetReplyAt = s.now;
    if (i.status === "stalled") s.to(i.requesterRepliedAt ? "connected" : "introduced");
  }
  if (event.type === "reply_in_thread" && event.relay) {
    const other: Role = event.actor === "requester" ? "target" : "requester";
    const candidates: Role[] = introducerWasIn ? [other, "introducer"] : [other];
    const to = candidates.filter((r) => !event.relay?.alreadyTo.includes(r));
    if (to.length) {
      s.email({
        template: "relay",
        to,
        thread: "intro",
        data: { from: event.actor, subject: event.relay.subject, text: event.relay.text },
      });
    }
  }
  if (event.type === "propose_times") offerTimes(s, event);
}

/**
 * Proposed times go to the other party, each with a one-click confirm, with the proposer's
 * scheduling links: only times still ahead, only web links, only while a meeting can be
 * confirmed, and never to the introducer. Links alone (or beside times all past) still go.
 */
function offerTimes(s: Step, event: Extract<IntroEvent, { type: "propose_times" }>): void {
  const now = Date.parse(s.now);
  const times = (event.times ?? [])
    .map((t) => Date.parse(t))
    .filter((ms) => ms > now)
    .map((ms) => new Date(ms).toISOString());
  const unique = [...new Set(times)];
  const links = [...new Set((event.links ?? []).filter((l) => /^https?:\/\/\S+$/i.test(l)))];
  if (!unique.length && !links.length) return;
  const other: Role = event.actor === "requester" ? "target" : "requester";
  if (!RULES.confirm_meeting[other]?.includes(s.next.status)) return;
  s.email({
    template: "proposed_times",
    to: [other],
    thread: "intro",
    data: { from: event.actor, times: unique, links },
  });
}

function toMet(s: Step): void {
  s.to("met");
  s.email({ template: "how_did_it_go", to: ["requester"], thread: "notice" });
  s.email({ template: "how_was_it_target", to: ["target"], thread: "notice" });
}

function fireTimer(
  s: Step,
  event: Extract<IntroEvent, { type: "timer_fired" }>,
  policy: TimerPolicy,
): void {
  const i = s.next;
  const dueMs = Date.parse(event.dueAt);
  if (Number.isNaN(dueMs)) {
    s.changed = false;
    return;
  }
  const key = timerKey({ name: event.timer, n: event.n, dueAt: new Date(dueMs).toISOString() });
  const due = timersFor(i, policy).some((t) => timerKey(t) === key);
  // A timer that no longer belongs to this state, or is not due yet, does nothing.
  if (!due || Date.parse(event.dueAt) > Date.parse(s.now)) {
    s.changed = false;
    return;
  }
  i.firedTimers.push(key);
  s.data = { timer: event.timer, n: event.n, dueAt: event.dueAt };
  const n = { n: event.n };
  switch (event.timer) {
    case "remind_introducer":
      s.email({ template: "introducer_reminder", to: ["introducer"], thread: "request", data: n });
      return;
    case "expire_request":
    case "expire_changes": {
      const waitingOn = event.timer === "expire_request" ? "introducer" : "requester";
      s.to("expired");
      s.email({
        template: "expired_to_requester",
        to: ["requester"],
        thread: "request",
        data: { waitingOn },
      });
      return;
    }
    case "remind_requester_revise":
      s.email({ template: "requester_revise_reminder", to: ["requester"], thread: "request" });
      return;
    case "remind_target":
      s.email({ template: "target_consent_reminder", to: ["target"], thread: "consent" });
      return;
    case "remind_own_intro":
      s.email({
        template: "own_intro_ready",
        to: ["introducer"],
        thread: "consent",
        data: { reminder: true },
      });
      return;
    case "expire_consent": {
      // After a yes in own-mailbox mode, it was the introducer who never sent the introduction.
      const waitingOn = i.consent ? "introducer" : "target";
      s.to("expired");
      s.email({
        template: "expired_to_introducer",
        to: ["introducer"],
        thread: "consent",
        data: { waitingOn },
      });
      s.email({
        template: "expired_to_requester",
        to: ["requester"],
        thread: "request",
        data: { waitingOn },
      });
      return;
    }
    case "ask_again":
      i.deferAskedAgain = true;
      s.to("consent_requested");
      s.email({
        template: "consent_request",
        to: ["target"],
        thread: "consent",
        data: { again: true },
      });
      return;
    case "nudge_requester":
      s.email({ template: "requester_nudge", to: ["requester"], thread: "notice" });
      return;
    case "follow_up":
      i.followUpsSent = Math.max(i.followUpsSent, event.n);
      s.email({ template: "follow_up_draft", to: ["requester"], thread: "notice", data: n });
      return;
    case "stall":
      s.to("stalled");
      s.email({ template: "stalled_notice", to: ["introducer"], thread: "request" });
      return;
    case "mark_met":
      toMet(s);
      return;
    case "report_reminder":
      s.email({ template: "report_reminder", to: ["requester"], thread: "notice", data: n });
      return;
  }
}
