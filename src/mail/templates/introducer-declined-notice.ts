import { replySubject } from "../headers.ts";
import { type Block, fromVouch, greeting, p, quote, renderEmail } from "./layout.ts";
import type { BaseProps, InThread, IntroPeople, RenderedEmail } from "./types.ts";
import { introNames } from "./user-text.ts";

/** To the requester: the introducer said no. */
export interface IntroducerDeclinedNoticeProps extends BaseProps, InThread, IntroPeople {
  /** Words the introducer chose to send the requester (never a private reason). */
  messageToRequester?: string | null;
}

export function introducerDeclinedNotice(props: IntroducerDeclinedNoticeProps): RenderedEmail {
  const who = introNames(props);
  const j = who.introducer.first;
  const blocks: Block[] = [
    greeting(who.requester),
    p(`${j} isn't able to make the intro to ${who.target.full} this time.`),
  ];
  if (props.messageToRequester?.trim()) {
    blocks.push(quote(`${j} wrote:`, props.messageToRequester));
  }
  blocks.push(
    p(
      `That happens for all sorts of reasons, often nothing to do with you or your request: timing, or how well ${j} knows ${who.target.first} right now. Thank you for asking thoughtfully; it's what makes people happy to help next time.`,
    ),
    fromVouch("Warmly,"),
  );
  return renderEmail({
    subject: replySubject(props.threadSubject),
    blocks,
    footer: `Sent by Vouch about your request to ${j}.`,
    unsubscribeUrl: props.unsubscribeUrl,
  });
}
