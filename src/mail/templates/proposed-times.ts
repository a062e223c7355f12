import { replySubject } from "../headers.ts";
import { type Block, buttons, fromVouch, list, p, renderEmail } from "./layout.ts";
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
  /** Times still ahead; none when only scheduling links were shared. */
  slots: ProposedSlot[];
  /** The proposer's scheduling pages, shown as links when they are http(s). */
  links?: string[] | undefined;
  /** The recipient's IANA zone: every time is shown in it, and it is named. */
  timeZone: string;
}

/** "Or pick a time on Alice's scheduling page: <link>", or the pages as a list. */
function schedulingPages(intro: string, links: string[]): Block[] {
  const [only, ...more] = links;
  if (only === undefined) return [];
  if (!more.length) return [p(`${intro} scheduling page: `, { link: only })];
  return [p(`${intro} scheduling pages:`), list(...links.map((link) => ({ link })))];
}

export function proposedTimes(props: ProposedTimesProps): RenderedEmail {
  const who = introNames(props);
  const from = props.proposer === "requester" ? who.requester : who.target;
  const to = props.proposer === "requester" ? who.target : who.requester;
  const links = props.links ?? [];
  const many = props.slots.length > 1;
  const offer: Block[] = props.slots.length
    ? [
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
        ...schedulingPages(`Or pick a time on ${from.first}'s`, links),
      ]
    : [
        p(`${from.first} would like to find a time to meet.`),
        ...schedulingPages(`Pick one that suits you on ${from.first}'s`, links),
        p("If no time there works, just reply in the thread and suggest one."),
      ];
  return renderEmail({
    subject: replySubject(props.threadSubject),
    blocks: [p(`Hi ${to.first},`), ...offer, fromVouch()],
    footer: `Sent by Vouch about ${who.introducer.first}'s intro of ${who.requester.first} to ${who.target.first}.`,
    unsubscribeUrl: props.unsubscribeUrl,
  });
}
