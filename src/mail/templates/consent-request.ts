import { replySubject } from "../headers.ts";
import { type ConsentActions, consentButtons, plainReplyWorks } from "./actions.ts";
import { type Block, greeting, p, quote, renderEmail, signOff, small, typed } from "./layout.ts";
import type { BaseProps, Named, RenderedEmail } from "./types.ts";
import { introNames, startsWithGreeting } from "./user-text.ts";

/**
 * The double opt-in: the introducer asks the target, from "Jane via Vouch". The requester
 * appears by name and words only; their address is not even a prop, so it cannot leak here.
 */
export interface ConsentRequestProps extends BaseProps {
  requester: Named;
  introducer: Named;
  target: Named;
  /** The introducer's own words to the target, if they wrote any. */
  introducerNote?: string | null;
  /** The requester's forwardable blurb, addressed to the target. */
  blurb: string;
  actions: ConsentActions;
  /** Asking again, once, at the date the target gave when they said "not now". */
  again?: boolean;
  /** Set when asking again, to stay in the consent thread; a first ask starts its own thread. */
  threadSubject?: string;
  /** The requester gave the target's address themselves (so they already have it). */
  requesterHasAddress?: boolean;
}

export function consentRequest(props: ConsentRequestProps): RenderedEmail {
  const who = introNames(props);
  const note = props.introducerNote?.trim() ? props.introducerNote : null;
  // A note that greets the target ("Hi Maya! …") is the greeting: never "Hi Maya," above it.
  const blocks: Block[] = note && startsWithGreeting(note) ? [] : [greeting(who.target)];
  if (props.again) {
    blocks.push(
      p(
        `When I asked about an intro to ${who.requester.full} a while ago, you said not now, so I'm checking back as promised. This is the only time I'll ask again.`,
      ),
    );
  }
  if (note) {
    blocks.push(typed(note));
  } else if (!props.again) {
    blocks.push(
      p(
        `${who.requester.full} asked me for an intro to you, and I wanted to check with you before making it.`,
      ),
    );
  }
  blocks.push(
    quote(`Here's what ${who.requester.first} wrote:`, props.blurb),
    p("Would you like me to introduce you?"),
    consentButtons(props.actions),
    plainReplyWorks(),
    small(
      `No is a perfectly good answer. Only I see your answer and any reason you give, never ${who.requester.first}. ${
        props.requesterHasAddress
          ? `${who.requester.first} gave me your email address, but I won't introduce you unless you say yes.`
          : `${who.requester.first} doesn't have your email address, and won't unless you say yes.`
      }`,
    ),
    signOff(who.introducer.first),
  );
  return renderEmail({
    subject: props.threadSubject
      ? replySubject(props.threadSubject)
      : `Would you like an intro to ${who.requester.full}?`,
    blocks,
    footer: `${who.introducer.full} sent this through Vouch, which makes sure nobody is introduced without saying yes first.`,
    unsubscribeUrl: props.unsubscribeUrl,
  });
}
