import { replySubject } from "../headers.ts";
import { fromVouch, greeting, p, renderEmail } from "./layout.ts";
import type { BaseProps, InThread, IntroPeople, RenderedEmail } from "./types.ts";
import { introNames } from "./user-text.ts";

/**
 * To the requester: the target said no. There is deliberately no reason prop: the reason is the
 * introducer's alone, and the wording hints at none (not even "busy").
 */
export interface TargetDeclinedToRequesterProps extends BaseProps, InThread, IntroPeople {}

export function targetDeclinedToRequester(props: TargetDeclinedToRequesterProps): RenderedEmail {
  const who = introNames(props);
  const j = who.introducer.first;
  return renderEmail({
    subject: replySubject(props.threadSubject),
    blocks: [
      greeting(who.requester),
      p(`${j} checked with ${who.target.full}, and the intro won't go ahead this time.`),
      p(
        `That's a normal part of asking for intros, and it isn't a verdict on you or your request. Thank you for asking the right way: ${j} will remember it.`,
      ),
      fromVouch("Warmly,"),
    ],
    footer: `Sent by Vouch about your request to ${j}.`,
    unsubscribeUrl: props.unsubscribeUrl,
  });
}
