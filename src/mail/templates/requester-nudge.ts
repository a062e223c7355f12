import { replySubject } from "../headers.ts";
import { draft, greeting, p, renderEmail, small } from "./layout.ts";
import { mailtoUrl } from "./mailto.ts";
import type { BaseProps, DraftRecipients, IntroPeople, RenderedEmail } from "./types.ts";
import { type IntroNames, introNames, isolate } from "./user-text.ts";

/** The nudge after the intro: the next step is the requester's, with a ready reply. */
export interface RequesterNudgeProps extends BaseProps, IntroPeople {
  /** The intro thread's subject: the ready reply answers in that thread. */
  introSubject: string;
  /** Who the ready reply goes to: the target (or the thread address), the introducer in BCC. */
  reply: DraftRecipients;
  /** What the requester proposes, e.g. "I sent an invite through Calendly. Looking forward to
   *  meeting you this Thursday at 9am." A general proposal is used when absent. */
  nextStep?: string;
}

/** The seed's reply: thank and BCC the introducer, thank the target, propose the next step. */
export function requesterReplyDraft(who: IntroNames, nextStep: string | undefined): string {
  const step =
    isolate(nextStep?.trim() ?? "") ||
    "Would a quick 20-minute call sometime next week work for you? Happy to fit around your calendar, or to meet in person if you prefer.";
  return [
    `Thanks for the intro ${who.introducer.first} (moved to BCC).`,
    `Thanks ${who.target.first}. ${step}`,
    `-- ${who.requester.first}`,
  ].join("\n\n");
}

export function requesterNudge(props: RequesterNudgeProps): RenderedEmail {
  const who = introNames(props);
  const body = requesterReplyDraft(who, props.nextStep);
  const url = mailtoUrl({ ...props.reply, subject: replySubject(props.introSubject), body });
  return renderEmail({
    subject: `${who.introducer.first} introduced you to ${who.target.first}: the next step is yours`,
    blocks: [
      greeting(who.requester),
      p(
        `${who.introducer.full} has introduced you to ${who.target.full}. The next step is yours, and a quick reply is what makes ${who.introducer.first} glad to have vouched for you.`,
      ),
      draft(
        `Here's a reply you can send in the intro thread. It moves ${who.introducer.first} to BCC, thanks ${who.target.first} and proposes the next step:`,
        body,
        { label: "Open this reply in your email app", url },
      ),
      small(
        `Change it as you like. If you write your own, move ${who.introducer.first} to BCC and say so, so ${who.introducer.first} knows you've taken it from here.`,
      ),
    ],
    footer: `Sent by Vouch about ${who.introducer.first}'s intro of ${who.requester.first} to ${who.target.first}.`,
    unsubscribeUrl: props.unsubscribeUrl,
  });
}
