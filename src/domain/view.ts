import type { CoachReport } from "./coach/index.ts";
import { DEFAULT_TIMER_POLICY, nextTimerAt, type TimerPolicy } from "./timers.ts";
import { allowedEvents } from "./transition.ts";
import type { Actor, Channel, EventType, Intro, Role } from "./types.ts";

/** Who is looking: a participant, or the operator (CLI on the server itself). */
export type Viewer = Role | "operator";

/** One entry of an intro's history, as stored. */
export interface StoredEvent {
  seq: number;
  /** A lifecycle event, or `create` for a draft saved before submission. */
  type: EventType | "create";
  actor: Actor;
  channel: Channel;
  at: string;
  data: Record<string, unknown>;
}

/** Who may see the details (`data`) of each kind of event. Everyone sees that it happened. */
const DATA_VISIBLE_TO: Record<EventType | "create", readonly Role[]> = {
  create: ["requester"],
  submit: ["requester", "introducer"],
  revise: ["requester", "introducer"],
  withdraw: ["requester", "introducer"],
  reply_in_thread: ["requester", "introducer", "target"],
  reply_unclear: ["introducer", "target"],
  propose_times: ["requester", "introducer", "target"],
  confirm_meeting: ["requester", "introducer", "target"],
  report_outcome: ["introducer"],
  forward_for_consent: ["introducer", "target"],
  ask_for_changes: ["requester", "introducer"],
  decline: ["introducer"],
  accept: ["requester", "introducer", "target"],
  own_intro_sent: ["requester", "introducer", "target"],
  defer: ["introducer", "target"],
  ask_question: ["introducer", "target"],
  timer_fired: ["requester", "introducer", "target"],
  bounce: ["introducer"],
  meeting_time_passed: ["requester", "introducer", "target"],
};

/** One email of an intro, as its delivery is shown. */
export interface EmailStatus {
  template: string;
  to: string[];
  cc: string[];
  status: "pending" | "sent" | "failed" | "skipped";
  sentAt: string | null;
  lastError: string | null;
}

/** Whether this viewer may see this intro at all. */
export function canView(intro: Intro, viewer: Viewer): boolean {
  switch (viewer) {
    case "operator":
    case "requester":
      return true;
    case "introducer":
      return intro.status !== "draft";
    case "target":
      // The target learns of an intro only when the introducer asks them.
      return intro.askedTargetAt !== null;
  }
}

/** The role(s) a person has in an intro. */
export function rolesOf(intro: Intro, email: string): Role[] {
  const e = email.toLowerCase();
  const roles: Role[] = [];
  if (intro.requester.email === e) roles.push("requester");
  if (intro.introducer.email === e) roles.push("introducer");
  if (intro.target.email === e) roles.push("target");
  return roles;
}

/**
 * The intro as a given viewer may see it, in the public JSON shape of INTERFACES.md. What the
 * viewer may not see is absent, not blanked in the UI: the target's address before consent for
 * the requester, the requester's address before consent for the target, and the target's decline
 * reason for anyone but the introducer and the target.
 */
export function viewIntro(
  intro: Intro,
  events: StoredEvent[],
  viewer: Viewer,
  opts: {
    mailDomain: string;
    policy?: TimerPolicy;
    emails?: EmailStatus[];
    /** The coach's report on the request, for those who see the request. */
    coach?: CoachReport;
  },
) {
  const op = viewer === "operator";
  const consented = intro.consent !== null;
  const targetEmail = op || viewer !== "requester" || consented ? intro.target.email : null;
  const requesterEmail = op || viewer !== "target" || consented ? intro.requester.email : null;
  const seesReason = op || viewer === "introducer" || viewer === "target";
  const visibleEvents = events
    .filter(
      (e) => op || viewer !== "target" || (intro.askedTargetAt && e.at >= intro.askedTargetAt),
    )
    .map((e) => {
      const showData =
        op ||
        DATA_VISIBLE_TO[e.type].includes(viewer as Role) ||
        (e.type === "decline" && e.actor === "target" && viewer === "target");
      return {
        type: e.type,
        actor: e.actor,
        channel: e.channel,
        at: e.at,
        ...(showData && Object.keys(e.data).length ? { data: e.data } : {}),
      };
    });
  return {
    id: intro.id,
    status: intro.status,
    requester: { name: intro.requester.name, email: requesterEmail },
    introducer: { name: intro.introducer.name, email: intro.introducer.email },
    target: { name: intro.target.name, email: targetEmail },
    subject: intro.subject,
    threadAddress: `intros+${intro.threadToken}@${opts.mailDomain}`,
    introducerMovedToBcc: intro.introducerMovedToBcc,
    nextTimerAt: nextTimerAt(intro, opts.policy ?? DEFAULT_TIMER_POLICY),
    createdAt: intro.createdAt,
    updatedAt: intro.updatedAt,
    requestText: viewer === "target" && !op ? undefined : intro.requestText,
    targetProfile:
      op || viewer === "requester" || viewer === "introducer" ? intro.targetProfile : undefined,
    consent: intro.consent,
    /** `own_mailbox` while (or after) the introducer writes the introduction themselves. */
    introduceFrom: intro.introduceFrom ?? "relay",
    deferUntil: op || viewer !== "requester" ? intro.deferUntil : null,
    declineReason: seesReason ? intro.declineReason : undefined,
    meeting: intro.meeting,
    proposedTimes: intro.proposedTimes,
    schedulingLinks: intro.schedulingLinks,
    outcome: op || viewer !== "target" ? intro.outcome : undefined,
    targetOutcome: seesReason ? intro.targetOutcome : undefined,
    coach: viewer === "target" ? undefined : opts.coach,
    viewer,
    allowedEvents: op ? [] : allowedEvents(intro, viewer),
    events: visibleEvents,
    // The operator sees every email; a participant sees the ones addressed to them, and the
    // introducer also sees any that could not be delivered (by name, never by address).
    emails: (opts.emails ?? [])
      .filter((m) => {
        if (op) return true;
        const mine = [...m.to, ...m.cc].includes(selfEmail(intro, viewer) ?? "");
        return mine || (viewer === "introducer" && m.status === "failed");
      })
      .map((m) =>
        op
          ? m
          : { ...m, to: m.to.map((e) => nameOf(intro, e)), cc: m.cc.map((e) => nameOf(intro, e)) },
      ),
  };
}

export type IntroView = ReturnType<typeof viewIntro>;

function selfEmail(intro: Intro, viewer: Viewer): string | null {
  return viewer === "operator"
    ? null
    : viewer === "target"
      ? intro.target.email
      : intro[viewer].email;
}

function nameOf(intro: Intro, email: string): string {
  if (email === intro.requester.email) return intro.requester.name;
  if (email === intro.introducer.email) return intro.introducer.name;
  if (email === intro.target.email) return intro.target.name;
  return "someone";
}
