import { replySubject } from "../headers.ts";
import { type Block, buttons, draft, greeting, p, renderEmail } from "./layout.ts";
import { mailtoUrl } from "./mailto.ts";
import type { BaseProps, DraftRecipients, IntroPeople, RenderedEmail } from "./types.ts";
import { introNames } from "./user-text.ts";

/** A gentle follow-up for the requester to send when the target has gone quiet. */
export interface FollowUpDraftProps extends BaseProps, IntroPeople {
  /** 1 after about a week; 2, gentler and the last, after about two. */
  number: 1 | 2;
  /** "Has Maya replied?" answers. */
  answers: { talkingUrl: string; notYetUrl: string };
  /** With `reply`, adds a link that opens the follow-up ready to send in the intro thread. */
  introSubject?: string;
  reply?: DraftRecipients;
}

export function followUpDraft(props: FollowUpDraftProps): RenderedEmail {
  const who = introNames(props);
  const t = who.target.first;
  const last = props.number === 2;
  // The first is the seed's own follow-up, word for word.
  const body = last
    ? `Hey ${t}, I know how full things get, so no worries at all if now isn't a good time. This is my last nudge: if you can spare 20 minutes in the coming weeks I'd love to chat, and if not, thanks anyway!`
    : `Hey ${t}, I'm sure you're really busy. Just checking to see if you'd be able to spare a little bit of time in the coming weeks, would really appreciate it!`;
  const send =
    props.reply && props.introSubject
      ? {
          label: "Open it in your email app",
          url: mailtoUrl({ ...props.reply, subject: replySubject(props.introSubject), body }),
        }
      : undefined;
  const blocks: Block[] = [
    greeting(who.requester),
    last
      ? p(
          `${t} still hasn't replied to ${who.introducer.first}'s intro. One more gentle note is fine, and it's the last one we'll suggest: after that, it's kinder to ${t} (and to ${who.introducer.first}) to let it rest. If ${t} replies later, the intro picks up again.`,
        )
      : p(
          `It's been about a week since ${who.introducer.first} introduced you to ${t}, and ${t} hasn't replied yet. That's normal: people get busy. A short, gentle follow-up from your own mailbox, in the intro thread, usually does it.`,
        ),
    draft(
      last ? "Here's a last, gentle one you can send:" : "Here's one you can send:",
      body,
      send,
    ),
    p(`Has ${t} replied?`),
    buttons(
      { label: "Yes, we're talking", url: props.answers.talkingUrl },
      { label: "Not yet", url: props.answers.notYetUrl },
    ),
  ];
  return renderEmail({
    subject: last ? `One last follow-up with ${t}` : `A gentle follow-up with ${t}`,
    blocks,
    footer: `Sent by Vouch about ${who.introducer.first}'s intro of ${who.requester.first} to ${t}.`,
    unsubscribeUrl: props.unsubscribeUrl,
  });
}
