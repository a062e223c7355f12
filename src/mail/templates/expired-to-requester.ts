import { replySubject } from "../headers.ts";
import { fromVouch, greeting, p, renderEmail } from "./layout.ts";
import type { BaseProps, InThread, IntroPeople, RenderedEmail } from "./types.ts";
import { introNames } from "./user-text.ts";

/** Whose answer the intro was waiting for when it expired. */
export type WaitingOn = "introducer" | "target" | "requester";

/** To the requester: the request closed because an answer never came. */
export interface ExpiredToRequesterProps extends BaseProps, InThread, IntroPeople {
  waitingOn: WaitingOn;
}

export function expiredToRequester(props: ExpiredToRequesterProps): RenderedEmail {
  const who = introNames(props);
  const j = who.introducer.first;
  const t = who.target.full;
  const what = {
    introducer: `Your request to ${j} for an intro to ${t} has closed, as ${j} didn't get to it in time. Inboxes get away from all of us, so please don't read anything into it. If you'd still like the intro, a quick personal note to ${j} is the best next step.`,
    target: `${j} asked ${t} about the intro, but no answer came in time, so the request has closed. That happens a lot, and it isn't a verdict on you or your request.`,
    requester: `${j} suggested some changes to your request for an intro to ${t}, and as no new version came, the request has closed. If you'd still like the intro, you're welcome to send a fresh request whenever you're ready.`,
  }[props.waitingOn];
  return renderEmail({
    subject: replySubject(props.threadSubject),
    blocks: [
      greeting(who.requester),
      p(what),
      p("Thank you for asking thoughtfully."),
      fromVouch("Warmly,"),
    ],
    footer: `Sent by Vouch about your request to ${j}.`,
    unsubscribeUrl: props.unsubscribeUrl,
  });
}
