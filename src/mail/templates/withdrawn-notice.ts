import { replySubject } from "../headers.ts";
import { type Block, fromVouch, greeting, p, quote, renderEmail } from "./layout.ts";
import type { BaseProps, InThread, IntroPeople, RenderedEmail } from "./types.ts";
import { introNames } from "./user-text.ts";

/** To the introducer: the requester withdrew the request. */
export interface WithdrawnNoticeProps extends BaseProps, InThread, IntroPeople {
  /** What the requester wrote when withdrawing, if anything. */
  note?: string | null;
}

export function withdrawnNotice(props: WithdrawnNoticeProps): RenderedEmail {
  const who = introNames(props);
  const r = who.requester.first;
  const blocks: Block[] = [
    greeting(who.introducer),
    p(
      `${who.requester.full} has withdrawn the request for an intro to ${who.target.full}, so there's nothing more for you to do.`,
    ),
  ];
  if (props.note?.trim()) blocks.push(quote(`${r} wrote:`, props.note));
  blocks.push(p("Thanks for considering it."), fromVouch());
  return renderEmail({
    subject: replySubject(props.threadSubject),
    blocks,
    footer: `Sent by Vouch about ${r}'s request for an intro to ${who.target.first}.`,
    unsubscribeUrl: props.unsubscribeUrl,
  });
}
