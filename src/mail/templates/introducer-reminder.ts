import { replySubject } from "../headers.ts";
import { type TriageActions, triageBlocks } from "./actions.ts";
import { fromVouch, greeting, p, renderEmail } from "./layout.ts";
import type { BaseProps, InThread, IntroPeople, RenderedEmail } from "./types.ts";
import { introNames } from "./user-text.ts";

/** To the introducer: a request is still waiting for them. */
export interface IntroducerReminderProps extends BaseProps, InThread, IntroPeople {
  /** 1 for the first reminder; 2 for the last one before the request closes. */
  number: 1 | 2;
  actions: TriageActions;
}

export function introducerReminder(props: IntroducerReminderProps): RenderedEmail {
  const who = introNames(props);
  const r = who.requester.first;
  const opening =
    props.number === 1
      ? `A gentle reminder: ${who.requester.full}'s request for an intro to ${who.target.full} is waiting for you (it's further down this thread).`
      : `One last reminder about ${who.requester.full}'s request for an intro to ${who.target.full}. If you'd rather not make it, "Decline kindly" is a perfectly good answer: we'll let ${r} know gently. If we don't hear from you, the request will close on its own soon, and ${r} will be told kindly.`;
  return renderEmail({
    subject: replySubject(props.threadSubject),
    blocks: [
      greeting(who.introducer),
      p(opening),
      ...triageBlocks(who, props.actions),
      fromVouch(),
    ],
    footer: `Sent by Vouch about ${r}'s request for an intro to ${who.target.first}.`,
    unsubscribeUrl: props.unsubscribeUrl,
  });
}
