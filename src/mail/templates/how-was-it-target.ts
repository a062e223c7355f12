import { outcomeButtons } from "./actions.ts";
import { fromVouch, greeting, p, renderEmail, small } from "./layout.ts";
import type { BaseProps, IntroPeople, OutcomeUrls, RenderedEmail } from "./types.ts";
import { introNames } from "./user-text.ts";

/** To the target after the meeting, privately: only the introducer sees the answer. */
export interface HowWasItTargetProps extends BaseProps, IntroPeople {
  outcome: OutcomeUrls;
  noteUrl?: string;
}

export function howWasItTarget(props: HowWasItTargetProps): RenderedEmail {
  const who = introNames(props);
  const j = who.introducer.first;
  const r = who.requester.first;
  return renderEmail({
    subject: `How was your chat with ${who.requester.full}?`,
    blocks: [
      greeting(who.target),
      p(
        `Thanks for making time for ${who.requester.full} after ${j}'s intro. How did it go? ${j} would love to know.`,
      ),
      ...outcomeButtons(props.outcome, props.noteUrl),
      small(`Your answer is private: only ${j} sees it, never ${r}.`),
      fromVouch(),
    ],
    footer: `Sent by Vouch on ${j}'s behalf.`,
    unsubscribeUrl: props.unsubscribeUrl,
  });
}
