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
