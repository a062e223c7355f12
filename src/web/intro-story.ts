import type { IntroView } from "../domain/view.ts";

/** How people read each event of the history. */
export function describeEvent(v: IntroView, e: IntroView["events"][number]): string {
  const r = v.requester.name;
  const i = v.introducer.name;
  const t = v.target.name;
  switch (e.type) {
    case "create":
      return `${r} saved a draft`;
    case "submit":
      return `${r} sent the request to ${i}`;
    case "revise":
      return `${r} revised the request`;
    case "withdraw":
      return `${r} withdrew the request`;
    case "forward_for_consent":
      return `${i} asked ${t} whether they'd like the intro`;
    case "ask_for_changes":
      return `${i} asked ${r} for changes`;
    case "decline":
      return e.actor === "introducer" ? `${i} declined to make this intro` : `${t} said no`;
    case "accept":
      return `${t} said yes`;
    case "defer":
      return `${t} said not now`;
    case "ask_question":
      return `${t} asked ${i} a question`;
    case "reply_in_thread":
      return e.actor === "requester"
        ? `${r} replied in the intro thread`
        : `${t} replied in the intro thread`;
    case "propose_times":
      return "Times were proposed";
    case "confirm_meeting":
      return "A meeting was agreed";
    case "report_outcome":
      return e.actor === "requester" ? `${r} reported back` : `${t} said how it went`;
    case "timer_fired":
      return "Vouch sent a reminder or moved the intro on";
    case "bounce":
      return "An email bounced";
    case "meeting_time_passed":
      return "The meeting time passed";
    default:
      return String(e.type).replaceAll("_", " ");
  }
}

/** What happens next, for this viewer, in plain words. */
export function whatNext(v: IntroView): string {
  const me = v.viewer;
  const i = v.introducer.name;
  const t = v.target.name;
  const r = v.requester.name;
  switch (v.status) {
    case "draft":
      return "Finish the request and send it.";
    case "requested":
      return me === "introducer"
        ? `Your turn: ask ${t}, ask ${r} for changes, or decline.`
        : `Waiting for ${i} to read your request.`;
    case "changes_requested":
      return me === "requester"
        ? `Your turn: ${i} asked for changes. Revise the request.`
        : `Waiting for ${r} to revise the request.`;
    case "consent_requested":
      return me === "target"
        ? `Your turn: would you like the intro to ${r}?`
        : `Waiting for ${t} to answer ${i}.`;
    case "deferred":
      return `${t} said not now; ${i} will ask again later.`;
    case "introduced":
      return me === "requester"
        ? `Your turn: reply to ${t}, thank ${i} and move them to BCC.`
        : `Waiting for ${r} to reply in the intro thread.`;
    case "connected":
      return me === "requester" ? "Agree on a time to meet." : "They're talking.";
    case "scheduled":
      return "The meeting is agreed. After it, Vouch asks how it went.";
    case "met":
      return me === "requester"
        ? `Your turn: tell ${i} how it went, and thank them.`
        : `Waiting for ${r} to report back.`;
    case "completed":
      return "Done. Thank you!";
    case "stalled":
      return `${t} hasn't replied; a reply from them would bring this intro back.`;
    default:
      return "This intro has ended.";
  }
}

const firstName = (n: string) => n.trim().split(/\s+/)[0] ?? n;

/** One step of the story: done, where the intro stands now, or still to come. */
export interface StoryStep {
  label: string;
  state: "done" | "current" | "todo";
}

/** The story of an intro: its steps, and the side exit it took (in words), if any. */
export interface Story {
  steps: StoryStep[];
  /** Where the intro left the road: declined, withdrawn, expired, not now, gone quiet. */
  exit: string | null;
  /** Whether the exit ends the intro (no step after it will happen). */
  ended: boolean;
}

/**
 * The lifecycle as a story in plain words, with first names: Alice asked Jane → Jane asked Maya
 * → Maya said yes → Introduced → Met → Thanked. The current step is the last one reached.
 */
export function storyOf(v: IntroView): Story {
  const r = firstName(v.requester.name);
  const i = firstName(v.introducer.name);
  const t = firstName(v.target.name);
  const seen = (type: string) => v.events.some((e) => e.type === type);
  const labels = [
    v.status === "draft" ? `${r} is writing to ${i}` : `${r} asked ${i}`,
    `${i} asked ${t}`,
    `${t} said yes`,
    "Introduced",
    "Met",
    v.status === "completed" && !v.outcome?.thanked && v.viewer !== "target"
      ? "Reported back"
      : "Thanked",
  ];
  // The last step reached, from the status (and, for an intro that ended early, its history).
  const early = v.consent || seen("accept") ? 2 : seen("forward_for_consent") ? 1 : 0;
  const AT: Record<string, number> = {
    draft: 0,
    requested: 0,
    changes_requested: 0,
    introducer_declined: 0,
    consent_requested: v.consent ? 2 : 1,
    deferred: 1,
    target_declined: 1,
    introduced: 3,
    connected: 3,
    scheduled: 3,
    stalled: 3,
    met: 4,
    completed: 5,
    withdrawn: early,
    expired: early,
  };
  const at = AT[v.status] ?? 0;
  const EXITS: Record<string, [string, boolean]> = {
    changes_requested: [`${i} asked ${r} for changes`, false],
    introducer_declined: [`${i} declined to make this intro`, true],
    deferred: [`${t} said not now`, false],
    target_declined: [`${t} said no`, true],
    stalled: [`${t} has gone quiet`, false],
    withdrawn: [`${r} withdrew the request`, true],
    expired: ["It expired: nobody answered in time", true],
  };
  const [exit, ended] = EXITS[v.status] ?? [null, false];
  const steps = labels.map(
    (label, n): StoryStep => ({
      label,
      state: n < at ? "done" : n === at ? "current" : "todo",
    }),
  );
  return { steps: ended ? steps.slice(0, at + 1) : steps, exit, ended };
}
