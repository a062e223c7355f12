import { replySubject } from "../headers.ts";
import { type Block, buttons, fromVouch, p, renderEmail } from "./layout.ts";
import type { BaseProps, IntroPeople, RenderedEmail } from "./types.ts";
import { introNames, isolate } from "./user-text.ts";
import { formatMeetingTime } from "./when.ts";

/** When and where a meeting is; the ICS itself is built by the sender. */
export interface MeetingProps extends BaseProps, IntroPeople {
  /** ISO-8601 instants. */
  start: string;
  end: string;
  /** The organiser's IANA zone, e.g. "Europe/London". */
  timeZone: string;
  /** Continue the intro thread when given; otherwise the message stands alone. */
  threadSubject?: string;
}

/** The text and HTML that accompany a calendar invite (METHOD:REQUEST). */
export interface MeetingInviteNoteProps extends MeetingProps {
  location?: string;
  meetingUrl?: string;
}

export function meetingInviteNote(props: MeetingInviteNoteProps): RenderedEmail {
  const who = introNames(props);
  const when = formatMeetingTime(props.start, props.end, props.timeZone);
  const blocks: Block[] = [
    p(`Hi ${who.requester.first} and ${who.target.first},`),
    p("Here's the calendar invite for your chat:\n", { strong: when }),
  ];
  if (props.location?.trim()) blocks.push(p(`Where: ${isolate(props.location.trim())}`));
  if (props.meetingUrl) blocks.push(buttons({ label: "Join the call", url: props.meetingUrl }));
  blocks.push(
    p(
      "Accept it in your calendar to confirm. If the time no longer works, just reply here and suggest another.",
    ),
    fromVouch("Enjoy the conversation,"),
  );
  return renderEmail({
    subject: props.threadSubject
      ? replySubject(props.threadSubject)
      : `Invitation: ${who.requester.full} and ${who.target.full}, ${when}`,
    blocks,
    footer: `Sent by Vouch about ${who.introducer.first}'s intro of ${who.requester.first} to ${who.target.first}.`,
    unsubscribeUrl: props.unsubscribeUrl,
  });
}
