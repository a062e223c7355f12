import { outcomeButtons } from "./actions.ts";
import { fromVouch, greeting, p, renderEmail } from "./layout.ts";
import type { BaseProps, IntroPeople, OutcomeUrls, RenderedEmail } from "./types.ts";
import { introNames } from "./user-text.ts";

/** To the requester after the meeting: report back and thank the introducer. */
export interface ReportReminderProps extends BaseProps, IntroPeople {
  /** 1 for the first reminder; 2 for the last. */
  number: 1 | 2;
  outcome: OutcomeUrls;
  noteUrl?: string;
}

export function reportReminder(props: ReportReminderProps): RenderedEmail {
  const who = introNames(props);
  const j = who.introducer.first;
  const t = who.target.first;
  const opening =
    props.number === 1
      ? `How did it go with ${t}? ${j} vouched for you and would love to know. One click is enough, and a line of thanks means a lot.`
      : `Last reminder, promise: ${j} still hasn't heard how it went with ${t}. Introducers who hear back are the ones who keep making intros.`;
  return renderEmail({
    subject:
      props.number === 1 ? `How did it go with ${t}?` : `Last reminder: how did it go with ${t}?`,
    blocks: [
      greeting(who.requester),
      p(opening),
      ...outcomeButtons(props.outcome, props.noteUrl),
      fromVouch(),
    ],
    footer: `Sent by Vouch about ${j}'s intro of you to ${t}.`,
    unsubscribeUrl: props.unsubscribeUrl,
  });
}
