/** The intro lifecycle as data. Names here are the public vocabulary of LIFECYCLE.md. */

export const STATUSES = [
  "draft",
  "requested",
  "changes_requested",
  "introducer_declined",
  "consent_requested",
  "deferred",
  "target_declined",
  "introduced",
  "connected",
  "scheduled",
  "met",
  "completed",
  "stalled",
  "withdrawn",
  "expired",
] as const;
export type Status = (typeof STATUSES)[number];

export const TERMINAL_STATUSES: readonly Status[] = [
  "introducer_declined",
  "target_declined",
  "completed",
  "withdrawn",
  "expired",
];

export const ROLES = ["requester", "introducer", "target"] as const;
/** A participant of one intro. */
export type Role = (typeof ROLES)[number];
export type Actor = Role | "system";

/** `own_mailbox`: the introducer sent the introduction from their own mailbox, Vouch in BCC. */
export const CHANNELS = ["web", "api", "cli", "email", "own_mailbox", "system"] as const;
export type Channel = (typeof CHANNELS)[number];

/** A person is identified by their (lower-cased) email address. */
export interface Person {
  name: string;
  email: string;
}

/** The target's address may be unknown until the introducer supplies it. */
export interface TargetPerson {
  name: string;
  email: string | null;
}

export interface Meeting {
  /** ISO-8601 instants. */
  start: string;
  end: string;
  /** IANA zone of the organiser, e.g. "Europe/Paris". */
  timeZone: string;
  /** Increases with every reschedule, for the invite's SEQUENCE. */
  sequence: number;
}

export const OUTCOME_RATINGS = ["great", "fine", "did_not_happen"] as const;
export type OutcomeRating = (typeof OUTCOME_RATINGS)[number];

/** One intro: one requester, one introducer, one target. */
export interface Intro {
  id: string;
  status: Status;
  requester: Person;
  introducer: Person;
  target: TargetPerson;
  /**
   * Whether the target's address is one the requester gave (so the requester already has it).
   * Absent on intros stored before it was kept: read as false.
   */
  targetEmailFromRequester?: boolean;
  subject: string;
  /** The forwardable request as the requester wrote it. */
  requestText: string;
  /** The requester's research notes about the target (free-form profile). */
  targetProfile: Record<string, unknown> | null;
  /** The random token of the thread address intros+<token>@domain. */
  threadToken: string;
  introducerMovedToBcc: boolean;
  /** When the introducer asked the target (the target may see the intro from then on). */
  askedTargetAt: string | null;
  /** Set only by a confident, authenticated accept from the target. */
  consent: { at: string; via: ConsentEvidence["via"] } | null;
  /**
   * `own_mailbox`: after the target's yes, the introducer writes the introduction from their own
   * mailbox (Vouch in BCC) instead of Vouch relaying it; the intro stays `consent_requested`,
   * with consent recorded, until that copy arrives. Absent: Vouch relays it.
   */
  introduceFrom?: "own_mailbox";
  /** The target's private reason: visible to the introducer (and the target) only. */
  declineReason: string | null;
  deferUntil: string | null;
  deferAskedAgain: boolean;
  introducedAt: string | null;
  requesterRepliedAt: string | null;
  lastTargetReplyAt: string | null;
  followUpsSent: number;
  proposedTimes: string[];
  schedulingLinks: string[];
  meeting: Meeting | null;
  outcome: { rating: OutcomeRating; note: string | null; thanked: boolean; at: string } | null;
  /** The target's private "how was it?": visible to the introducer (and the target) only. */
  targetOutcome: { rating: OutcomeRating; note: string | null; at: string } | null;
  bouncedAddresses: string[];
  /** Keys (name@dueAt) of timers that already fired, so they are not set again. */
  firedTimers: string[];
  statusSince: string;
  createdAt: string;
  updatedAt: string;
  /** Optimistic-concurrency counter, bumped by every stored change. */
  version: number;
}

/** How a target's yes reached us. Only confident, authenticated evidence is consent. */
export interface ConsentEvidence {
  via: "click" | "reply" | "api" | "web" | "cli";
  /** 0..1; a click or a signed-in action is 1, a classified reply is the classifier's confidence. */
  confidence: number;
  /** False when the message failed DMARC for the target's domain. */
  authenticated: boolean;
}

export const TIMER_NAMES = [
  "remind_introducer",
  "expire_request",
  "remind_requester_revise",
  "expire_changes",
  "remind_target",
  "remind_own_intro",
  "expire_consent",
  "ask_again",
  "nudge_requester",
  "follow_up",
  "stall",
  "mark_met",
  "report_reminder",
] as const;
export type TimerName = (typeof TIMER_NAMES)[number];

/** A timer the intro should have in its current state. */
export interface TimerSpec {
  name: TimerName;
  /** 1-based ordinal for repeated reminders (1st and 2nd follow-up...). */
  n: number;
  dueAt: string;
}

export type IntroEvent =
  | { type: "submit"; actor: "requester" }
  | { type: "revise"; actor: "requester"; requestText?: string; subject?: string }
  | { type: "withdraw"; actor: "requester"; reason?: string }
  | {
      type: "reply_in_thread";
      actor: "requester" | "target";
      movedIntroducerToBcc?: boolean;
      /** A message to pass on to the participants who should see it (relay mode). */
      relay?: RelayedMessage;
    }
  | {
      type: "reply_unclear";
      actor: "introducer" | "target";
      reason: "unclear" | "unverified";
      /** The start of what they wrote, and how Vouch read it, quoted back to them. */
      quote?: string;
      readAs?: string;
    }
  | {
      type: "propose_times";
      actor: "requester" | "target";
      times?: string[];
      links?: string[];
    }
  | {
      type: "confirm_meeting";
      actor: "requester" | "target";
      start: string;
      end: string;
      timeZone: string;
    }
  | {
      type: "report_outcome";
      actor: "requester";
      rating: OutcomeRating;
      note?: string;
      thanked: boolean;
    }
  | { type: "report_outcome"; actor: "target"; rating: OutcomeRating; note?: string }
  | { type: "forward_for_consent"; actor: "introducer"; note?: string; targetEmail?: string }
  | { type: "ask_for_changes"; actor: "introducer"; note: string }
  | { type: "decline"; actor: "introducer" | "target"; reason?: string }
  | {
      type: "accept";
      actor: "target";
      evidence: ConsentEvidence;
      /** The introducer's preference, read when the yes is applied (see Intro.introduceFrom). */
      introduceFrom?: "own_mailbox";
    }
  /** The introducer sent the introduction from their own mailbox (seen in BCC, or clicked). */
  | { type: "own_intro_sent"; actor: "introducer" }
  | { type: "defer"; actor: "target"; until?: string; reason?: string }
  | { type: "ask_question"; actor: "target"; question: string }
  | { type: "timer_fired"; actor: "system"; timer: TimerName; n: number; dueAt: string }
  | { type: "bounce"; actor: "system"; address: string; status?: string }
  | { type: "meeting_time_passed"; actor: "system" };

export type EventType = IntroEvent["type"];

/** A participant's message received in the intro thread, to relay to the others. */
export interface RelayedMessage {
  subject: string;
  text: string;
  /** Who already got it directly (they were in its To or Cc): not sent again. */
  alreadyTo: Role[];
}

/** An email the transition asks for; the app layer resolves roles to addresses. */
export interface EmailEffect {
  kind: "email";
  /** A template name of src/mail/templates. */
  template: string;
  to: Role[];
  cc?: Role[];
  /** Which conversation it belongs to: the request (requester/introducer), the consent ask
   *  (introducer/target, its own thread), the intro (all three), or a notice (new thread). */
  thread: "request" | "consent" | "intro" | "notice";
  data: Record<string, unknown>;
}

/** What a transition produced: the next intro, the emails to queue, the full set of timers the
 *  intro should now have (the store replaces the pending ones), and the event to record. */
export interface TransitionResult {
  intro: Intro;
  effects: EmailEffect[];
  timers: TimerSpec[];
  /** False when nothing changed (a stale timer). Nothing is stored then. */
  changed: boolean;
  /** The event's data worth keeping in history (private fields are redacted on read). */
  recorded: { type: EventType; actor: Actor; data: Record<string, unknown> };
}
