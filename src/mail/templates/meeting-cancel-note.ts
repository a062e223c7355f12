import { replySubject } from "../headers.ts";
import { fromVouch, p, renderEmail } from "./layout.ts";
import type { MeetingProps } from "./meeting-invite-note.ts";
import type { RenderedEmail } from "./types.ts";
import { introNames } from "./user-text.ts";
import { formatMeetingTime } from "./when.ts";

/** The text and HTML that accompany a calendar cancellation (METHOD:CANCEL). */
export interface MeetingCancelNoteProps extends MeetingProps {}

export function meetingCancelNote(props: MeetingCancelNoteProps): RenderedEmail {
  const who = introNames(props);
  const when = formatMeetingTime(props.start, props.end, props.timeZone);
  return renderEmail({
    subject: props.threadSubject
      ? replySubject(props.threadSubject)
      : `Cancelled: ${who.requester.full} and ${who.target.full}, ${when}`,
    blocks: [
      p(`Hi ${who.requester.first} and ${who.target.first},`),
      p("The meeting below has been cancelled, and your calendar should remove it:\n", {
        strong: when,
      }),
      p("Sorry for the change of plans."),
      fromVouch(),
    ],
    footer: `Sent by Vouch about ${who.introducer.first}'s intro of ${who.requester.first} to ${who.target.first}.`,
    unsubscribeUrl: props.unsubscribeUrl,
  });
}
