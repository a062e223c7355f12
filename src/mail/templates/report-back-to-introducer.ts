import { replySubject } from "../headers.ts";
import { type Block, fromVouch, greeting, p, quote, renderEmail, small } from "./layout.ts";
import type { BaseProps, InThread, IntroPeople, OutcomeRating, RenderedEmail } from "./types.ts";
import { introNames } from "./user-text.ts";

/** To the introducer: how the intro went, and the requester's thanks. */
export interface ReportBackToIntroducerProps extends BaseProps, InThread, IntroPeople {
  outcome: OutcomeRating;
  /** Whether the requester said thank you. */
  thanked: boolean;
  /** The requester's own words (their thank-you). */
  note?: string | null;
  /** The target's private answer to "how was it?", if they gave one. */
  targetOutcome?: OutcomeRating | null;
  targetNote?: string | null;
}

export function reportBackToIntroducer(props: ReportBackToIntroducerProps): RenderedEmail {
  const who = introNames(props);
  const r = who.requester.first;
  const t = who.target.first;
  const outcome = {
    great: `Good news: ${r} and ${t} met, and ${r} says it went great.`,
    fine: `${r} and ${t} met, and ${r} says it went fine.`,
    did_not_happen: `${r} let us know the meeting with ${t} didn't end up happening.`,
  }[props.outcome];
  const blocks: Block[] = [greeting(who.introducer), p(outcome)];
  if (props.note?.trim()) {
    blocks.push(quote(`${r} wrote:`, props.note));
  } else if (props.thanked) {
    blocks.push(p(`${r} says thank you for the intro.`));
  }
  if (props.targetOutcome) {
    const said = {
      great: "it went great",
      fine: "it was fine",
      did_not_happen: "it didn't happen",
    }[props.targetOutcome];
    blocks.push(small(`${t} told us privately that ${said}. Only you see this.`));
    if (props.targetNote?.trim())
      blocks.push(quote(`${t} wrote (for you only):`, props.targetNote));
  }
  blocks.push(p("Thanks for vouching."), fromVouch());
  return renderEmail({
    subject: replySubject(props.threadSubject),
    blocks,
    footer: `Sent by Vouch about your intro of ${r} to ${t}.`,
    unsubscribeUrl: props.unsubscribeUrl,
  });
}
