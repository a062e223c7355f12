import { replySubject } from "../headers.ts";
import { type ConsentActions, consentButtons, plainReplyWorks } from "./actions.ts";
import { greeting, p, renderEmail, signOff, small } from "./layout.ts";
import type { BaseProps, InThread, Named, RenderedEmail } from "./types.ts";
import { introNames } from "./user-text.ts";

/** One gentle reminder to the target, on the introducer's behalf, in the consent thread. */
export interface TargetConsentReminderProps extends BaseProps, InThread {
  requester: Named;
  introducer: Named;
  target: Named;
  actions: ConsentActions;
}

export function targetConsentReminder(props: TargetConsentReminderProps): RenderedEmail {
  const who = introNames(props);
  const r = who.requester.first;
  return renderEmail({
    subject: replySubject(props.threadSubject),
    blocks: [
      greeting(who.target),
      p(
        `Just bringing this back to the top of your inbox in case it got buried: ${who.requester.full} would like an intro (details in my earlier email). No pressure at all, and this is the only reminder you'll get.`,
      ),
      consentButtons(props.actions),
      plainReplyWorks(),
      small(`Only I see your answer, never ${r}.`),
      signOff(who.introducer.first),
    ],
    footer: `${who.introducer.full} sent this through Vouch, which makes sure nobody is introduced without saying yes first.`,
    unsubscribeUrl: props.unsubscribeUrl,
  });
}
