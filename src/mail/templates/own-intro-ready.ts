import { replySubject } from "../headers.ts";
import { introductionText } from "./introduction.ts";
import { buttons, draft, greeting, p, renderEmail, small } from "./layout.ts";
import { mailtoUrl } from "./mailto.ts";
import type { BaseProps, DraftRecipients, InThread, IntroPeople, RenderedEmail } from "./types.ts";
import { introNames } from "./user-text.ts";

/**
 * To an introducer who introduces from their own mailbox, once the target said yes: the
 * introduction, ready to send from their mail app with Vouch's thread address in BCC.
 */
export interface OwnIntroReadyProps extends BaseProps, InThread, IntroPeople {
  /** The requester's blurb, quoted under the introduction. */
  blurb?: string;
  /** The target in To, the requester in CC, the intro's thread address in BCC. */
  send: DraftRecipients;
  /** The one-click "I've sent it", for when the BCC copy cannot reach Vouch. */
  sentUrl: string;
  /** The reminder, two days after the yes. */
  reminder?: boolean;
}

export function ownIntroReady(props: OwnIntroReadyProps): RenderedEmail {
  const who = introNames(props);
  const text = introductionText(props);
  const url = mailtoUrl({ ...props.send, subject: replySubject(props.threadSubject), body: text });
  return renderEmail({
    subject: replySubject(props.threadSubject),
    blocks: [
      greeting(who.introducer),
      p(
        props.reminder
          ? `A reminder: ${who.target.first} said yes to meeting ${who.requester.full}, and the introduction is yours to send.`
          : `${who.target.first} said yes to meeting ${who.requester.full}. You asked to write introductions from your own mailbox, so here it is, ready to send.`,
      ),
      draft(
        `It goes to ${who.target.first}, with ${who.requester.first} in CC and Vouch in BCC, so Vouch can follow up for you:`,
        text,
        { label: "Write it from my mail app", url },
      ),
      small(
        `Change it as you like, and keep the BCC address: that copy is how Vouch knows the introduction went out. If you send it another way, tell Vouch here:`,
      ),
      buttons({ label: "I've sent the introduction", url: props.sentUrl }),
    ],
    footer: `Sent by Vouch about your intro of ${who.requester.first} to ${who.target.first}.`,
    unsubscribeUrl: props.unsubscribeUrl,
  });
}
