import { replySubject } from "../headers.ts";
import { fromVouch, greeting, p, renderEmail, small } from "./layout.ts";
import type { BaseProps, InThread, IntroPeople, RenderedEmail } from "./types.ts";
import { introNames } from "./user-text.ts";

/** To the introducer: the intro closed because the target (or the introducer) never answered. */
export interface ExpiredToIntroducerProps extends BaseProps, InThread, IntroPeople {
  waitingOn: "target" | "introducer";
}

export function expiredToIntroducer(props: ExpiredToIntroducerProps): RenderedEmail {
  const who = introNames(props);
  const r = who.requester.first;
  const t = who.target.first;
  const what =
    props.waitingOn === "target"
      ? `${t} didn't answer about the intro to ${who.requester.full}, so we've closed it. No intro was made.`
      : `${r}'s request for an intro to ${who.target.full} waited a while without an answer, so we've closed it.`;
  return renderEmail({
    subject: replySubject(props.threadSubject),
    blocks: [
      greeting(who.introducer),
      p(what),
      p(`We've let ${r} know kindly. There's nothing for you to do.`),
      small(
        props.waitingOn === "target"
          ? `Silence isn't a no, and it isn't held against anyone. ${t} just won't be asked again about this one.`
          : `If you'd still like to help ${r}, you can always reach out directly.`,
      ),
      fromVouch(),
    ],
    footer: `Sent by Vouch about ${r}'s request for an intro to ${t}.`,
    unsubscribeUrl: props.unsubscribeUrl,
  });
}
