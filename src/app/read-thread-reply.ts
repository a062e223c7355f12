import { SCHEDULING_LINKS_MAX, schedulingLink } from "../domain/scheduling-link.ts";
import type { Intro, Role } from "../domain/types.ts";
import {
  findProposedTimes,
  findSchedulingLinks,
  matchProposedSlot,
  type ParsedMessage,
  stripQuotedReply,
} from "../mail/inbound/index.ts";
import type { ThreadReading } from "./decide-reply.ts";
import type { InboundDeps } from "./sender-auth.ts";
import { timeZonePreference } from "./time-zone.ts";

// Words that settle a time rather than offer one.
const AGREED =
  /\b(works (for me|great|well)|sounds (good|great|perfect)|see you|looking forward to (meeting|seeing|chatting|talking)|it'?s a date|confirmed|booked|sent (you )?an invite)\b/i;
const SAYS_BCC = /\b(moved?|moving)\b[^.\n]{0,40}\bto\s+bcc\b|\bbcc['’]?ing\b|\(bcc\)/i;

const lower = (s: string) => s.toLowerCase();

/**
 * Reads a participant's reply in the intro thread: who already has it, whether the introducer
 * was moved to BCC (the thread address in the envelope only, or said in words), the times it
 * offers or settles (wall-clock times in the writer's zone), and its booking links.
 */
export async function readThreadReply(
  deps: InboundDeps,
  msg: ParsedMessage,
  rcptTo: string[],
  intro: Intro,
  role: "requester" | "target",
): Promise<ThreadReading> {
  const threadAddr = lower(`intros+${intro.threadToken}@${deps.mailDomain}`);
  const visible = [...msg.to, ...msg.cc].map((m) => lower(m.email));
  const reply = stripQuotedReply(msg.text, { senderName: msg.from?.name });
  // BCC shows only in the envelope: the thread address received it but is not in To/Cc.
  const inEnvelopeOnly = rcptTo.map(lower).includes(threadAddr) && !visible.includes(threadAddr);
  const moved = role === "requester" && (inEnvelopeOnly || SAYS_BCC.test(reply));
  const alreadyTo: Role[] = (["requester", "introducer", "target"] as Role[]).filter((r) => {
    const email = r === "target" ? intro.target.email : intro[r].email;
    return email !== null && visible.includes(email);
  });
  const writerZone = await timeZonePreference(deps.store, lower(msg.from?.email ?? ""));
  const now = deps.now();
  const named = findProposedTimes(reply, now, msg.dateOffsetMinutes ?? 0, writerZone ?? undefined);
  const found = named.filter((t) => t.hasTime);
  // A time already past when the message is read offers nothing.
  const times = found.filter((t) => Date.parse(t.start) > now.getTime()).map((t) => t.start);
  // Booking pages of the providers find-links.ts knows; the same https check as the web form.
  const links = findSchedulingLinks(reply)
    .map((l) => schedulingLink(l.url.replace(/^http:\/\//i, "https://")))
    .flatMap((l) => (l.ok ? [l.url] : []))
    .slice(0, SCHEDULING_LINKS_MAX);
  // A time both sides now hold: one of the proposed slots ("Thursday works for me"), else a day
  // and time the reply settles ("Looking forward to meeting you this Thursday at 9am").
  const settles = AGREED.test(reply);
  const slot = settles
    ? matchProposedSlot(named, intro.proposedTimes, writerZone ?? msg.dateOffsetMinutes ?? 0, now)
    : null;
  const dated = found.find((t) => t.hasDay);
  const window = slot
    ? { start: slot, end: null }
    : settles && dated
      ? { start: dated.start, end: dated.end }
      : null;
  const agreed = window
    ? {
        start: new Date(window.start).toISOString(),
        end: new Date(
          window.end ? Date.parse(window.end) : Date.parse(window.start) + 30 * 60_000,
        ).toISOString(),
        timeZone: writerZone ?? "UTC",
      }
    : null;
  return {
    subject: msg.subject,
    reply,
    movedIntroducerToBcc: moved,
    alreadyTo,
    // Times are offered (with one-click confirms) only by a reply that does not settle one.
    offered: agreed ? [] : times,
    times,
    links,
    agreed,
  };
}
