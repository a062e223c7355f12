import type { Intro, TimerName, TimerSpec } from "./types.ts";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Every delay of LIFECYCLE.md's timer table, in milliseconds. All configurable. */
export interface TimerPolicy {
  remindIntroducer: number[];
  expireRequest: number;
  remindRequesterRevise: number;
  expireChanges: number;
  remindTarget: number;
  /** After a yes in own-mailbox mode: remind the introducer to send the introduction. */
  remindOwnIntro: number;
  expireConsent: number;
  defaultDefer: number;
  nudgeRequester: number;
  followUps: number[];
  stall: number;
  metAfterEnd: number;
  reportReminders: number[];
}

export const DEFAULT_TIMER_POLICY: TimerPolicy = {
  remindIntroducer: [3 * DAY, 7 * DAY],
  expireRequest: 14 * DAY,
  remindRequesterRevise: 3 * DAY,
  expireChanges: 14 * DAY,
  remindTarget: 4 * DAY,
  remindOwnIntro: 2 * DAY,
  expireConsent: 10 * DAY,
  defaultDefer: 30 * DAY,
  nudgeRequester: 1 * DAY,
  followUps: [7 * DAY, 14 * DAY],
  stall: 21 * DAY,
  metAfterEnd: 2 * HOUR,
  reportReminders: [1 * DAY, 3 * DAY],
};

const at = (iso: string, ms: number) => new Date(Date.parse(iso) + ms).toISOString();

export function timerKey(t: { name: TimerName; n: number; dueAt: string }): string {
  return `${t.name}#${t.n}@${t.dueAt}`;
}

/**
 * The timers an intro should have in its current state. Pure: the store replaces the intro's
 * pending timers with this set after every change, and a firing timer is checked against it,
 * so a timer that no longer belongs here (stale) does nothing.
 */
export function timersFor(intro: Intro, policy: TimerPolicy = DEFAULT_TIMER_POLICY): TimerSpec[] {
  const since = intro.statusSince;
  const list: TimerSpec[] = [];
  const add = (name: TimerName, n: number, dueAt: string) => list.push({ name, n, dueAt });
  switch (intro.status) {
    case "requested":
      policy.remindIntroducer.forEach((d, i) => {
        add("remind_introducer", i + 1, at(since, d));
      });
      add("expire_request", 1, at(since, policy.expireRequest));
      break;
    case "changes_requested":
      add("remind_requester_revise", 1, at(since, policy.remindRequesterRevise));
      add("expire_changes", 1, at(since, policy.expireChanges));
      break;
    case "consent_requested":
      // After a yes (own-mailbox mode) the wait is the introducer's, not the target's.
      if (intro.consent) add("remind_own_intro", 1, at(intro.consent.at, policy.remindOwnIntro));
      else add("remind_target", 1, at(since, policy.remindTarget));
      add("expire_consent", 1, at(since, policy.expireConsent));
      break;
    case "deferred": {
      const when = intro.deferUntil ? at(intro.deferUntil, 0) : at(since, policy.defaultDefer);
      // The target is asked again once; after a second "not now" the intro ends at that date.
      add(intro.deferAskedAgain ? "expire_consent" : "ask_again", 1, when);
      break;
    }
    case "introduced":
    case "connected": {
      const base = intro.introducedAt ?? since;
      if (intro.status === "introduced") add("nudge_requester", 1, at(base, policy.nudgeRequester));
      if (!intro.lastTargetReplyAt) {
        policy.followUps.forEach((d, i) => {
          if (i >= intro.followUpsSent) add("follow_up", i + 1, at(base, d));
        });
        add("stall", 1, at(base, policy.stall));
      }
      break;
    }
    case "scheduled":
      if (intro.meeting) add("mark_met", 1, at(intro.meeting.end, policy.metAfterEnd));
      break;
    case "met":
      policy.reportReminders.forEach((d, i) => {
        add("report_reminder", i + 1, at(since, d));
      });
      break;
    default:
      break;
  }
  const fired = new Set(intro.firedTimers);
  return list.filter((t) => !fired.has(timerKey(t)));
}

/** The earliest pending timer, shown as `nextTimerAt`. */
export function nextTimerAt(
  intro: Intro,
  policy: TimerPolicy = DEFAULT_TIMER_POLICY,
): string | null {
  let min: string | null = null;
  for (const t of timersFor(intro, policy)) if (min === null || t.dueAt < min) min = t.dueAt;
  return min;
}

/** Parses "3d", "12h", "30m", "45s" or a number of milliseconds. */
export function parseDuration(text: string): number | null {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d|w)?\s*$/.exec(text);
  if (!m) return null;
  const unit = { ms: 1, s: 1000, m: 60_000, h: HOUR, d: DAY, w: 7 * DAY }[m[2] ?? "ms"] ?? 1;
  return Number(m[1]) * unit;
}
