import { replySubject } from "../headers.ts";
import { fromVouch, greeting, list, p, renderEmail } from "./layout.ts";
import type { BaseProps, Named, RenderedEmail } from "./types.ts";
import { shownName } from "./user-text.ts";

/** Private feedback to someone whose emailed request Vouch could not send on yet. */
export interface CoachFeedbackProps extends BaseProps {
  sender: Named;
  introducer: Named;
  originalSubject: string;
  /** The coach's findings that must be fixed first, as sentences a person can act on. */
  problems: string[];
  /** Suggestions worth a look, not blocking. */
  suggestions: string[];
}

export function coachFeedback(props: CoachFeedbackProps): RenderedEmail {
  const who = { sender: shownName(props.sender), introducer: shownName(props.introducer) };
  return renderEmail({
    subject: replySubject(props.originalSubject || "Your intro request"),
    blocks: [
      greeting(who.sender),
      p(
        `Before your request goes to ${who.introducer.first}, it needs a little work. This note is only for you: ${who.introducer.first} hasn't been sent anything by Vouch.`,
      ),
      list(...props.problems),
      ...(props.suggestions.length ? [p("Also worth a look:"), list(...props.suggestions)] : []),
      p(
        "Send the improved version the same way, with Vouch in CC or BCC, and it goes on from there.",
      ),
      fromVouch(),
    ],
    footer:
      "Vouch checks every request so that introducers only get ones they are glad to pass on.",
    unsubscribeUrl: props.unsubscribeUrl,
  });
}
