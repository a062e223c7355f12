// The one-click "Confirm <time>" link of a proposed-times email: its page names the time in the
// reader's own zone, and its POST confirms the meeting at that slot (the invite then goes to both).

import type { Intro } from "../domain/types.ts";
import { rolesOf } from "../domain/view.ts";
import { formatMeetingTime } from "../mail/templates/when.ts";
import type { ActionToken } from "../store/store.ts";
import type { AppDeps } from "./deps.ts";
import type { LinkAction } from "./link-action.ts";
import { timeZonePreference } from "./time-zone.ts";

const first = (name: string) => name.split(/\s+/)[0] ?? name;

/**
 * The action behind one slot's link, for the person it was sent to, or null when they are no
 * longer the requester or the target. The meeting is set in the organiser's (the requester's)
 * zone when they chose one, else in the reader's.
 */
export async function slotLink(
  deps: AppDeps,
  token: ActionToken,
  intro: Intro,
  slot: { start: string; end: string },
): Promise<LinkAction | null> {
  const role = rolesOf(intro, token.email).find((r) => r === "requester" || r === "target");
  if (role !== "requester" && role !== "target") return null;
  const readerZone = (await timeZonePreference(deps.store, token.email)) ?? "UTC";
  const meetingZone = (await timeZonePreference(deps.store, intro.requester.email)) ?? readerZone;
  const when = formatMeetingTime(slot.start, slot.end, readerZone);
  const other = first(role === "requester" ? intro.target.name : intro.requester.name);
  return {
    role,
    title: () => `Confirm ${when}`,
    explain: (i) =>
      i.status === "scheduled" && i.meeting
        ? `This moves your meeting with ${other} from ${formatMeetingTime(i.meeting.start, i.meeting.end, readerZone)} to this time. You both get an updated calendar invite.`
        : `You and ${other} both get a calendar invite for this time. ${first(i.introducer.name)} is not copied.`,
    button: "Confirm this time",
    event: () => ({
      type: "confirm_meeting",
      actor: role,
      start: slot.start,
      end: slot.end,
      timeZone: meetingZone,
    }),
    done: () => `Confirmed: ${when}. A calendar invite is on its way to you both.`,
  };
}
