import { replySubject } from "../headers.ts";
import { type Button, buttons, greeting, p, renderEmail, signOff } from "./layout.ts";
import type { BaseProps, InThread, Named, RenderedEmail } from "./types.ts";
import { isolate, shownName } from "./user-text.ts";

/** Why a reply could not be acted on. */
export type UnclearReason = "unclear" | "unverified";

/** A short answer to a reply Vouch could not act on, asking again with one-click buttons. */
export interface UnclearReplyAskAgainProps extends BaseProps, InThread {
  recipient: Named;
  /** On whose behalf we ask, e.g. the introducer for a consent question. */
  onBehalfOf: Named;
  /** "unverified": the reply failed DMARC, so it cannot count as an answer (EMAIL.md). */
  reason: UnclearReason;
  /** The start of their reply, quoted back, and how Vouch read it (one line). */
  quote?: string;
  readAs?: string;
  /** The question, asked again: "Would you like an intro to Alice?" */
  question: string;
  choices: Button[];
}

export function unclearReplyAskAgain(props: UnclearReplyAskAgainProps): RenderedEmail {
  const who = { recipient: shownName(props.recipient), onBehalfOf: shownName(props.onBehalfOf) };
  const why =
    props.reason === "unclear"
      ? "Thanks for your reply! We weren't completely sure what you meant, and we'd rather ask than guess."
      : "Thanks for your reply! We couldn't confirm it really came from your mailbox, so to be safe, please answer with a click instead.";
  const quoted = props.quote
    ? [p(`You wrote: “${isolate(props.quote)}”${props.readAs ? ` ${props.readAs}` : ""}`)]
    : [];
  return renderEmail({
    subject: replySubject(props.threadSubject),
    blocks: [
      greeting(who.recipient),
      p(why),
      ...quoted,
      p(isolate(props.question)),
      buttons(...props.choices.map((c) => ({ label: c.label, url: c.url }))),
      p("One click is all it takes."),
      signOff(`Vouch, for ${who.onBehalfOf.full}`, ""),
    ],
    footer: `Sent by Vouch on ${who.onBehalfOf.first}'s behalf.`,
    unsubscribeUrl: props.unsubscribeUrl,
  });
}
