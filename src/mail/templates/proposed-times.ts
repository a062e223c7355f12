import { replySubject } from "../headers.ts";
import { buttons, fromVouch, list, p, renderEmail } from "./layout.ts";
import type { BaseProps, InThread, IntroPeople, RenderedEmail } from "./types.ts";
import { introNames } from "./user-text.ts";
import { formatMeetingTime, formatSlot } from "./when.ts";

/** One proposed time and the one-click link that confirms it. */
export interface ProposedSlot {
  /** ISO-8601 instants. */
  start: string;
  end: string;
  confirmUrl: string;
}

/** Times one party proposed, sent to the other so they can confirm one with a click. */
export interface ProposedTimesProps extends BaseProps, IntroPeople, InThread {
  /** Who proposed the times; the message goes to the other one. */
  proposer: "requester" | "target";
  slots: ProposedSlot[];
  /** The recipient's IANA zone: every time is shown in it, and it is named. */
  timeZone: string;
}

export function proposedTimes(props: ProposedTimesProps): RenderedEmail {
  const who = introNames(props);
  const from = props.proposer === "requester" ? who.requester : who.target;
  const to = props.proposer === "requester" ? who.target : who.requester;
  const many = props.slots.length > 1;
  return renderEmail({
    subject: replySubject(props.threadSubject),
    blocks: [
      p(`Hi ${to.first},`),
      p(
        `${from.first} suggested ${many ? "these times" : "a time"} to meet (shown in ${props.timeZone} time):`,
      ),
      list(...props.slots.map((s) => formatMeetingTime(s.start, s.end, props.timeZone))),
      buttons(
        ...props.slots.map((s) => ({
          label: `Confirm ${formatSlot(s.start, props.timeZone)}`,
          url: s.confirmUrl,
        })),
      ),
      p(
        `Pick the one that suits you: you'll see what happens before anything is sent, then you and ${from.first} both get a calendar invite. If none works, just reply in the thread and suggest another.`,
      ),
      fromVouch(),
    ],
    footer: `Sent by Vouch about ${who.introducer.first}'s intro of ${who.requester.first} to ${who.target.first}.`,
    unsubscribeUrl: props.unsubscribeUrl,
  });
}
