import { replySubject } from "../headers.ts";
import { renderEmail, small, typed } from "./layout.ts";
import type { BaseProps, InThread, Named, RenderedEmail } from "./types.ts";
import { shownName } from "./user-text.ts";

/**
 * A participant's message in the intro thread, passed on by Vouch to those who should see it.
 * Only the new text is relayed (quotes stripped), in the sender's words.
 */
export interface RelayProps extends BaseProps, InThread {
  sender: Named;
  text: string;
}

export function relay(props: RelayProps): RenderedEmail {
  const sender = shownName(props.sender);
  return renderEmail({
    subject: replySubject(props.threadSubject),
    blocks: [
      typed(props.text),
      small(`${sender.full} wrote this in your intro thread. Reply to answer them.`),
    ],
    footer: "Passed on by Vouch, which keeps everyone's address private until they agree to meet.",
    unsubscribeUrl: props.unsubscribeUrl,
  });
}
