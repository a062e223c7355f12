import { replySubject } from "../headers.ts";
import { type Block, buttons, fromVouch, greeting, p, quote, renderEmail } from "./layout.ts";
import type { BaseProps, InThread, IntroPeople, RenderedEmail } from "./types.ts";
import { introNames } from "./user-text.ts";

/** To the requester: the introducer's suggested changes are still waiting. */
export interface RequesterReviseReminderProps extends BaseProps, InThread, IntroPeople {
  reviseUrl: string;
  /** The introducer's note again, so the reminder stands on its own. */
  note?: string | null;
}

export function requesterReviseReminder(props: RequesterReviseReminderProps): RenderedEmail {
  const who = introNames(props);
  const j = who.introducer.first;
  const blocks: Block[] = [
    greeting(who.requester),
    p(
      `A friendly reminder: ${j} suggested a few changes to your request for an intro to ${who.target.full}, and it's waiting for your new version.`,
    ),
  ];
  if (props.note?.trim()) blocks.push(quote(`${j} wrote:`, props.note));
  blocks.push(
    buttons({ label: "Revise your request", url: props.reviseUrl, primary: true }),
    p(
      "If you've changed your mind, that's fine too: the request will close on its own after a while.",
    ),
    fromVouch(),
  );
  return renderEmail({
    subject: replySubject(props.threadSubject),
    blocks,
    footer: `Sent by Vouch about your request to ${j}.`,
    unsubscribeUrl: props.unsubscribeUrl,
  });
}
