import type { IntroView } from "../domain/view.ts";
import { requesterReplied } from "./intro-forms.ts";

const first = (n: string) => n.trim().split(/\s+/)[0] ?? n;

/** What one intro needs from the person looking at their home page. */
export type NeedKind = "triage" | "consent" | "own_intro" | "reply" | "meeting" | "report";

export interface Need {
  kind: NeedKind;
  view: IntroView;
  /** What is waiting, in plain words. */
  text: string;
  /** The one thing to do about it. */
  action: { label: string; href: string };
}

/** The home page's sections, in the order they are shown. */
export const NEED_SECTIONS: readonly { kind: NeedKind; title: string }[] = [
  { kind: "triage", title: "Requests to triage" },
  { kind: "consent", title: "Asked about an intro" },
  { kind: "own_intro", title: "Introductions to send" },
  { kind: "reply", title: "Replies to send" },
  { kind: "meeting", title: "Times to confirm" },
  { kind: "report", title: "Reports to write" },
];

/**
 * The times proposed to this viewer that are still ahead and still theirs to answer: the last
 * proposal came from the other person, and no meeting is agreed yet.
 */
export function timesWaitingFor(v: IntroView, now: Date): string[] {
  if (v.viewer !== "requester" && v.viewer !== "target") return [];
  if (!["introduced", "connected"].includes(v.status) || v.meeting) return [];
  if (!v.allowedEvents.includes("confirm_meeting")) return [];
  const last = v.events.filter((e) => e.type === "propose_times").at(-1);
  if (!last || last.actor === v.viewer) return [];
  return v.proposedTimes.filter((t) => Date.parse(t) > now.getTime());
}

/** What this intro needs from its viewer now, if anything (one thing: the first that applies). */
export function needOf(v: IntroView, now: Date): Need | null {
  const page = `/intros/${encodeURIComponent(v.id)}`;
  const r = first(v.requester.name);
  const i = first(v.introducer.name);
  const t = first(v.target.name);
  const can = (e: IntroView["allowedEvents"][number]) => v.allowedEvents.includes(e);
  if (v.viewer === "introducer") {
    if (v.status === "requested")
      return {
        kind: "triage",
        view: v,
        text: `${r} asked you for an intro to ${t}.`,
        action: { label: `Triage ${r}'s request`, href: page },
      };
    if (v.introduceFrom === "own_mailbox" && v.status === "consent_requested" && v.consent)
      return {
        kind: "own_intro",
        view: v,
        text: `${t} said yes to meeting ${r}: your introduction is ready to send from your mailbox.`,
        action: { label: "Send the introduction", href: `${page}#own-h` },
      };
    return null;
  }
  if (v.viewer === "target") {
    if (["consent_requested", "deferred"].includes(v.status) && !v.consent && can("accept"))
      return {
        kind: "consent",
        view: v,
        text: `${i} asked whether you'd like an intro to ${r}.`,
        action: { label: `Answer ${i}`, href: page },
      };
  }
  if (v.viewer === "requester" && v.status === "introduced" && v.target.email) {
    if (!v.introducerMovedToBcc && !requesterReplied(v))
      return {
        kind: "reply",
        view: v,
        text: `${i} introduced you to ${t}: your reply is ready.`,
        action: { label: `Reply to ${t}`, href: `${page}#bcc-h` },
      };
  }
  const times = timesWaitingFor(v, now);
  if (times.length) {
    const other = v.viewer === "requester" ? t : r;
    return {
      kind: "meeting",
      view: v,
      text: `${other} proposed ${times.length === 1 ? "a time" : `${times.length} times`} to meet.`,
      action: { label: "Choose a time", href: page },
    };
  }
  if (v.viewer === "requester" && v.status === "met" && can("report_outcome"))
    return {
      kind: "report",
      view: v,
      text: `You met ${t}: tell ${i} how it went.`,
      action: { label: `Report back to ${i}`, href: page },
    };
  return null;
}
