import { replySubject } from "../headers.ts";
import { type Block, fromVouch, greeting, p, quote, renderEmail } from "./layout.ts";
import type { BaseProps, InThread, IntroPeople, RenderedEmail } from "./types.ts";
import { introNames } from "./user-text.ts";

/** To the introducer: the target said no. The only message that carries the target's reason. */
export interface TargetDeclinedToIntroducerProps extends BaseProps, InThread, IntroPeople {
  /** The target's private reason, if they gave one. Only the introducer ever sees it. */
  reason?: string | null;
}

export function targetDeclinedToIntroducer(props: TargetDeclinedToIntroducerProps): RenderedEmail {
  const who = introNames(props);
  const t = who.target.first;
  const blocks: Block[] = [
    greeting(who.introducer),
    p(`${t} said no thanks to the intro to ${who.requester.full}, so it stops here.`),
  ];
  if (props.reason?.trim()) blocks.push(quote(`${t}'s reason, for you only:`, props.reason));
  blocks.push(
    p(
      `We'll let ${who.requester.first} know kindly, without any reason. There's nothing else for you to do. Checking with ${t} first is exactly what keeps your intros welcome.`,
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
