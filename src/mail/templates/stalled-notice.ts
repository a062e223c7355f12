import { replySubject } from "../headers.ts";
import { fromVouch, greeting, p, renderEmail } from "./layout.ts";
import type { BaseProps, InThread, IntroPeople, RenderedEmail } from "./types.ts";
import { introNames } from "./user-text.ts";

/** To the introducer: the target went quiet after the intro, through every follow-up. */
export interface StalledNoticeProps extends BaseProps, InThread, IntroPeople {}

export function stalledNotice(props: StalledNoticeProps): RenderedEmail {
  const who = introNames(props);
  const t = who.target.first;
  const r = who.requester.first;
  return renderEmail({
    subject: replySubject(props.threadSubject),
    blocks: [
      greeting(who.introducer),
      p(
        `A quick, low-key update on your intro of ${who.requester.full} to ${who.target.full}: ${t} hasn't replied to ${r} yet, even after ${r}'s gentle follow-ups, so we've marked the intro as stalled.`,
      ),
      p(
        `There's nothing for you to do, and no need to chase anyone: it happens. If ${t} replies later, the intro picks up where it left off.`,
      ),
      fromVouch(),
    ],
    footer: `Sent by Vouch about ${r}'s intro to ${t}.`,
    unsubscribeUrl: props.unsubscribeUrl,
  });
}
