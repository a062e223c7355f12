import { outcomeButtons } from "./actions.ts";
import { type Button, draft, fromVouch, greeting, p, renderEmail } from "./layout.ts";
import { mailtoUrl } from "./mailto.ts";
import type {
  BaseProps,
  DraftRecipients,
  IntroPeople,
  OutcomeUrls,
  RenderedEmail,
} from "./types.ts";
import { introNames } from "./user-text.ts";

/** To the requester after the meeting: how did it go, and a drafted thank-you. */
export interface HowDidItGoProps extends BaseProps, IntroPeople {
  outcome: OutcomeUrls;
  noteUrl?: string;
  /** Where the thank-you goes when sent from the requester's mailbox; adds a mailto: link. */
  thankYou?: DraftRecipients;
}

export function howDidItGo(props: HowDidItGoProps): RenderedEmail {
  const who = introNames(props);
  const j = who.introducer.first;
  const t = who.target.first;
  const body = [
    `Hi ${j},`,
    `Thanks so much for introducing me to ${t}. We met, and it was really helpful.`,
    "I really appreciate you vouching for me.",
    who.requester.first,
  ].join("\n\n");
  const send: Button | undefined = props.thankYou
    ? {
        label: "Open it in your email app",
        url: mailtoUrl({ ...props.thankYou, subject: `Thank you for the intro to ${t}`, body }),
      }
    : undefined;
  return renderEmail({
    subject: `How did it go with ${t}?`,
    blocks: [
      greeting(who.requester),
      p(`Hope your time with ${who.target.full} went well! How did it go? One click tells ${j}:`),
      ...outcomeButtons(props.outcome, props.noteUrl),
      draft(
        `${j} vouched for you with ${t}, so a thank-you goes a long way. Here's one to start from; add a line about what you took away:`,
        body,
        send,
      ),
      fromVouch(),
    ],
    footer: `Sent by Vouch about ${j}'s intro of you to ${t}.`,
    unsubscribeUrl: props.unsubscribeUrl,
  });
}
