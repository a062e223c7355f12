import { replySubject } from "../headers.ts";
import { buttons, fromVouch, greeting, p, quote, renderEmail } from "./layout.ts";
import type { BaseProps, InThread, IntroPeople, RenderedEmail } from "./types.ts";
import { introNames } from "./user-text.ts";

/** To the requester: the introducer would like the request revised before passing it on. */
export interface ChangesRequestedProps extends BaseProps, InThread, IntroPeople {
  /** The introducer's note to the requester. */
  note: string;
  reviseUrl: string;
}

export function changesRequested(props: ChangesRequestedProps): RenderedEmail {
  const who = introNames(props);
  const j = who.introducer.first;
  return renderEmail({
    subject: replySubject(props.threadSubject),
    blocks: [
      greeting(who.requester),
      p(
        `${j} read your request for an intro to ${who.target.full} and has a suggestion before passing it on.`,
      ),
      quote(`${j} wrote:`, props.note),
      buttons({ label: "Revise your request", url: props.reviseUrl, primary: true }),
      p(
        `The button opens your request in Vouch, with ${j}'s note beside it and the coach checking it as you edit. You can also reply to this email with the new version. A request tailored to ${who.target.first} is far more likely to get a yes.`,
      ),
      fromVouch(),
    ],
    footer: `Sent by Vouch about your request to ${j}.`,
    unsubscribeUrl: props.unsubscribeUrl,
  });
}
