import { replySubject } from "../headers.ts";
import { draft, greeting, p, renderEmail, small } from "./layout.ts";
import { mailtoUrl } from "./mailto.ts";
import type { BaseProps, DraftRecipients, IntroPeople, RenderedEmail } from "./types.ts";
import { type IntroNames, introNames, isolate } from "./user-text.ts";
import { formatMeetingTime } from "./when.ts";

/** The nudge after the intro: the next step is the requester's, with a ready reply. */
export interface RequesterNudgeProps extends BaseProps, IntroPeople {
  /** The intro thread's subject: the ready reply answers in that thread. */
  introSubject: string;
  /** Who the ready reply goes to: the target (or the thread address), the introducer in BCC. */
  reply: DraftRecipients;
  /** What the requester proposes, e.g. "I sent an invite through Calendly. Looking forward to
   *  meeting you this Thursday at 9am." A general proposal is used when absent. */
  nextStep?: string;
}

/** What is already planned: the agreed meeting, and the times proposed in the thread. */
export interface Plans {
  meeting: { start: string; end: string; timeZone: string } | null;
  proposedTimes: string[];
}

/** How long a proposed slot is taken to last, as the one-click confirm books it. */
const SLOT_MS = 30 * 60_000;

/**
 * The next step the ready reply proposes, from what is already planned, shown in `zone`: the
 * agreed meeting, else the times still ahead that were proposed (the target had each with a
 * one-click confirm). Undefined when nothing is planned: the general proposal is used then.
 */
export function plannedNextStep(plans: Plans, zone: string, now: Date): string | undefined {
  const m = plans.meeting;
  if (m && Date.parse(m.end) > now.getTime())
    return `Looking forward to meeting you on ${formatMeetingTime(m.start, m.end, m.timeZone)}.`;
  const ahead = [...new Set(plans.proposedTimes)]
    .filter((t) => Date.parse(t) > now.getTime())
    .sort();
  if (!ahead.length) return undefined;
  const when = (t: string) =>
    formatMeetingTime(t, new Date(Date.parse(t) + SLOT_MS).toISOString(), zone);
  if (ahead.length === 1)
    return `Would ${when(ahead[0] as string)} work for you, as proposed? If another time suits you better, just say.`;
  return `Would one of the times proposed work for you: ${ahead.map(when).join("; or ")}? If another time suits you better, just say.`;
}

/** The seed's reply: thank and BCC the introducer, thank the target, propose the next step. */
export function requesterReplyDraft(who: IntroNames, nextStep: string | undefined): string {
  const step =
    isolate(nextStep?.trim() ?? "") ||
    "Would a quick 20-minute call sometime next week work for you? Happy to fit around your calendar, or to meet in person if you prefer.";
  return [
    `Thanks for the intro ${who.introducer.first} (moved to BCC).`,
    `Thanks ${who.target.first}. ${step}`,
    `-- ${who.requester.first}`,
  ].join("\n\n");
}

export function requesterNudge(props: RequesterNudgeProps): RenderedEmail {
  const who = introNames(props);
  const body = requesterReplyDraft(who, props.nextStep);
  const url = mailtoUrl({ ...props.reply, subject: replySubject(props.introSubject), body });
  return renderEmail({
    subject: `${who.introducer.first} introduced you to ${who.target.first}: the next step is yours`,
    blocks: [
      greeting(who.requester),
      p(
        `${who.introducer.full} has introduced you to ${who.target.full}. The next step is yours, and a quick reply is what makes ${who.introducer.first} glad to have vouched for you.`,
      ),
      draft(
        `Here's a reply you can send in the intro thread. It moves ${who.introducer.first} to BCC, thanks ${who.target.first} and proposes the next step:`,
        body,
        { label: "Open this reply in your email app", url },
      ),
      small(
        `Change it as you like. If you write your own, move ${who.introducer.first} to BCC and say so, so ${who.introducer.first} knows you've taken it from here.`,
      ),
    ],
    footer: `Sent by Vouch about ${who.introducer.first}'s intro of ${who.requester.first} to ${who.target.first}.`,
    unsubscribeUrl: props.unsubscribeUrl,
  });
}
