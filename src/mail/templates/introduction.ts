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

/** The introduction's words: its paragraphs, the introducer's name, and the quoted blurb. */
function introductionParts(props: IntroductionProps) {
  const who = introNames(props);
  const { requester: r, target: t } = who;
  const aboutRequester =
    isolate(props.aboutRequester?.trim() ?? "") ||
    (props.blurb
      ? `${r.first} is the person I wrote to you about; their note is below.`
      : `${r.first} is the person I wrote to you about.`);
  const aboutTarget =
    isolate(props.aboutTarget?.trim() ?? "") || `${t.first} kindly said yes to a chat.`;
  return {
    who,
    paragraphs: [
      `${t.first}, meet ${r.full}. ${aboutRequester}`,
      `${r.first}, meet ${t.full}. ${aboutTarget}`,
      "I'll let you two take it from here.",
    ],
    signature: who.introducer.first,
    quoted: props.blurb ? { label: `${r.first} wrote:`, text: props.blurb } : null,
  };
}

/**
 * The introduction as plain text, for an introducer to send from their own mailbox: what Vouch
 * would relay, without Vouch's footer.
 */
export function introductionText(props: IntroductionProps): string {
  const x = introductionParts(props);
  const quoted = x.quoted
    ? `\n\n${x.quoted.label}\n\n${x.quoted.text
        .split("\n")
        .map((l) => (l ? `> ${l}` : ">"))
        .join("\n")}`
    : "";
  return `${x.paragraphs.join("\n\n")}\n\n${x.signature}${quoted}`;
}

/** Short and warm, as the seed has it: "Maya, meet Alice… Alice, meet Maya…" and step back. */
export function introduction(props: IntroductionProps): RenderedEmail {
  const x = introductionParts(props);
  const { who } = x;
  const t = who.target;
  const blocks: Block[] = [...x.paragraphs.map((text) => p(text)), signOff(x.signature, "")];
  if (x.quoted) blocks.push(quote(x.quoted.label, x.quoted.text));
  return renderEmail({
    subject: replySubject(props.threadSubject),
    blocks,
    footer: `${who.introducer.full} made this intro through Vouch, after ${t.first} said yes.`,
    unsubscribeUrl: props.unsubscribeUrl,
  });
}
