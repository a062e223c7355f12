import { replySubject } from "../headers.ts";
import { type Block, p, quote, renderEmail, signOff } from "./layout.ts";
import type { BaseProps, InThread, IntroPeople, RenderedEmail } from "./types.ts";
import { introNames, isolate } from "./user-text.ts";

/** The intro itself: to the target, the requester in CC, in the introducer's voice. */
export interface IntroductionProps extends BaseProps, InThread, IntroPeople {
  /** One line about the requester for the target, in the introducer's words. */
  aboutRequester?: string;
  /** One line about the target for the requester, in the introducer's words. */
  aboutTarget?: string;
  /** The requester's blurb, quoted under the intro so both have the context in the thread. */
  blurb?: string;
}

/** Short and warm, as the seed has it: "Maya, meet Alice… Alice, meet Maya…" and step back. */
export function introduction(props: IntroductionProps): RenderedEmail {
  const who = introNames(props);
  const { requester: r, target: t } = who;
  const aboutRequester =
    isolate(props.aboutRequester?.trim() ?? "") ||
    (props.blurb
      ? `${r.first} is the person I wrote to you about; their note is below.`
      : `${r.first} is the person I wrote to you about.`);
  const aboutTarget =
    isolate(props.aboutTarget?.trim() ?? "") || `${t.first} kindly said yes to a chat.`;
  const blocks: Block[] = [
    p(`${t.first}, meet ${r.full}. ${aboutRequester}`),
    p(`${r.first}, meet ${t.full}. ${aboutTarget}`),
    p("I'll let you two take it from here."),
    signOff(who.introducer.first, ""),
  ];
  if (props.blurb) blocks.push(quote(`${r.first} wrote:`, props.blurb));
  return renderEmail({
    subject: replySubject(props.threadSubject),
    blocks,
    footer: `${who.introducer.full} made this intro through Vouch, after ${t.first} said yes.`,
    unsubscribeUrl: props.unsubscribeUrl,
  });
}
