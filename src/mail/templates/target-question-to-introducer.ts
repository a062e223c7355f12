import { replySubject } from "../headers.ts";
import { type Block, buttons, fromVouch, greeting, p, quote, renderEmail } from "./layout.ts";
import type { BaseProps, InThread, IntroPeople, RenderedEmail } from "./types.ts";
import { introNames } from "./user-text.ts";

/** To the introducer: the target asked something before deciding. */
export interface TargetQuestionToIntroducerProps extends BaseProps, InThread, IntroPeople {
  question: string;
  /** A page to answer on, if there is one; replying to the email always works. */
  answerUrl?: string;
}

export function targetQuestionToIntroducer(props: TargetQuestionToIntroducerProps): RenderedEmail {
  const who = introNames(props);
  const t = who.target.first;
  const blocks: Block[] = [
    greeting(who.introducer),
    p(`Before deciding about the intro to ${who.requester.full}, ${t} has a question for you.`),
    quote(`${t} asked:`, props.question),
  ];
  if (props.answerUrl)
    blocks.push(buttons({ label: `Answer ${t}`, url: props.answerUrl, primary: true }));
  blocks.push(
    p(
      `Just reply to this email with your answer and we'll pass it on to ${t}. ${who.requester.first} doesn't see this conversation.`,
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
