import { replySubject } from "../headers.ts";
import { fromVouch, greeting, p, renderEmail } from "./layout.ts";
import type { BaseProps, IntroPeople, RenderedEmail } from "./types.ts";
import { introNames, isolate } from "./user-text.ts";

/**
 * To an introducer whose own introduction reached Vouch before the target's yes: it is kept
 * aside, and the intro goes on only after a yes.
 */
export interface OwnIntroEarlyProps extends BaseProps, IntroPeople {
  /** The subject of the introducer's message, answered. */
  originalSubject: string;
}

export function ownIntroEarly(props: OwnIntroEarlyProps): RenderedEmail {
  const who = introNames(props);
  return renderEmail({
    subject: props.originalSubject.trim()
      ? replySubject(props.originalSubject)
      : `Your intro of ${who.requester.first} to ${who.target.first}`,
    blocks: [
      greeting(who.introducer),
      p(
        `Vouch received your introduction${props.originalSubject.trim() ? ` “${isolate(props.originalSubject.trim())}”` : ""}, but ${who.target.first} hasn't said yes yet, so Vouch has not recorded it as made and keeps it aside.`,
      ),
      p(
        `Nobody should be introduced without saying yes first. Once ${who.target.first} says yes, Vouch emails you the introduction ready to send.`,
      ),
      fromVouch(),
    ],
    footer: `Sent by Vouch about your intro of ${who.requester.first} to ${who.target.first}.`,
    unsubscribeUrl: props.unsubscribeUrl,
  });
}
