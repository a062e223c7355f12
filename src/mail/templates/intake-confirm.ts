import { replySubject } from "../headers.ts";
import { buttons, fromVouch, greeting, p, renderEmail, small } from "./layout.ts";
import type { BaseProps, Named, RenderedEmail } from "./types.ts";
import { isolate, shownName } from "./user-text.ts";

/**
 * To the From address of a request sent to intros@ whose sender could not be authenticated: one
 * click confirms it really came from this mailbox, and only then does the introducer hear of it.
 */
export interface IntakeConfirmProps extends BaseProps {
  sender: Named;
  originalSubject: string;
  confirmUrl: string;
  /** Vouch's intake address, e.g. intros@vouch.example.com. */
  intakeAddress: string;
}

export function intakeConfirm(props: IntakeConfirmProps): RenderedEmail {
  const who = shownName(props.sender);
  const about = props.originalSubject.trim()
    ? `your intro request “${isolate(props.originalSubject.trim())}”`
    : "your intro request";
  return renderEmail({
    subject: props.originalSubject.trim()
      ? replySubject(props.originalSubject)
      : "Please confirm your intro request",
    blocks: [
      greeting(who),
      p(
        `Vouch received ${about}, but couldn't confirm that it was sent from your mailbox. Before anyone else sees it, please confirm that you sent it:`,
      ),
      buttons({ label: "Yes, I sent it", url: props.confirmUrl, primary: true }),
      small(
        "If you didn't send it, ignore this email: nothing happens without the click, and the request is never passed on.",
      ),
      fromVouch(),
    ],
    footer: `Sent by Vouch in answer to a message to ${props.intakeAddress} from this address.`,
    unsubscribeUrl: props.unsubscribeUrl,
  });
}
