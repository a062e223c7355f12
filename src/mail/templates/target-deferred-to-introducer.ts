import { replySubject } from "../headers.ts";
import { type Block, fromVouch, greeting, p, quote, renderEmail } from "./layout.ts";
import type { BaseProps, InThread, IntroPeople, RenderedEmail } from "./types.ts";
import { introNames } from "./user-text.ts";
import { formatDay } from "./when.ts";

/** To the introducer: the target said "not now". */
export interface TargetDeferredToIntroducerProps extends BaseProps, InThread, IntroPeople {
  /** When Vouch asks the target again: an ISO-8601 date or instant. */
  askAgainOn: string;
  /** The zone to state `askAgainOn` in (IANA); UTC when absent. */
  timeZone?: string;
  /** What the target wrote, for the introducer only. */
  note?: string | null;
}

export function targetDeferredToIntroducer(props: TargetDeferredToIntroducerProps): RenderedEmail {
  const who = introNames(props);
  const t = who.target.first;
  const day = formatDay(props.askAgainOn, props.timeZone, "askAgainOn");
  const blocks: Block[] = [
    greeting(who.introducer),
    p(`${t} said "not now" to the intro to ${who.requester.full}.`),
  ];
  if (props.note?.trim()) blocks.push(quote(`${t} wrote (for you only):`, props.note));
  blocks.push(
    p(
      `We'll ask ${t} again, just once, on `,
      { strong: day },
      `. Until then nothing goes to anyone, and there's nothing for you to do.`,
    ),
    fromVouch(),
  );
  return renderEmail({
    subject: replySubject(props.threadSubject),
    blocks,
    footer: `Sent by Vouch about ${who.requester.first}'s request for an intro to ${t}.`,
    unsubscribeUrl: props.unsubscribeUrl,
  });
}
