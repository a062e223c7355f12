import type { EdgeEvidence, Strength } from "./types.ts";

/**
 * How strong a member's tie to a contact is, 0..1, and why, in words (docs/warm-paths.md):
 *
 *     strength = override, if the member set one                   ("You set this yourself")
 *              = base + (1 − base) · (1 − e^(−P / K))             otherwise, rounded to 0.001
 *
 *   base: a tie that exists but says nothing of closeness; it does not decay.
 *         0.12 a LinkedIn connection, 0.15 an address-book entry, 0.20 both, else 0.
 *   P:    points from what the two did together, each part decayed by its age:
 *         · 2^(−age in days / HALF_LIFE_DAYS), HALF_LIFE_DAYS = 120 (about 4 months).
 *     Vouch: 3 per intro both took part in, +4 per intro that ended in a meeting,
 *            aged from the last of them.
 *     Mail:  (1 · two-way + 0.15 · one-way) · g, aged from the last message either way, where
 *            two-way = min(sent, received)              (a message that got one back),
 *            one-way = max(sent, received) − two-way    (mail nobody answered),
 *            g = 1 / (1 + max(0, meanOtherRecipients − 2) / 4)
 *                (1 for personal mail, 0.5 with 6 others on it, 0.2 with 18).
 *   K = 6: 6 fresh points (6 exchanges each way, or about one intro that ended in a meeting) take
 *          a contact 63% of the way from base to 1; 14 emails each way, the last 3 weeks ago, give
 *          0.87; 2 intros together, 1 met, the last a month ago, give 0.75.
 *
 * So meetings through Vouch and replies both ways weigh most, one-way mail and big recipient lists
 * little, a bare LinkedIn connection stays at 0.12 and an address-book entry at 0.15, and everything
 * that was done together fades by half every four months without new contact. More two-way mail
 * never lowers the score; an older last contact never raises it.
 */
export function strengthOf(e: EdgeEvidence, now: Date): Strength {
  if (e.override !== null && e.override !== undefined) {
    return { score: clamp01(e.override), reasons: ["You set this yourself"] };
  }
  const reasons: string[] = [];
  let points = 0;

  if (e.vouch && e.vouch.intros + e.vouch.met > 0) {
    const { intros, met, lastAt } = e.vouch;
    points += (INTRO_POINTS * intros + MET_POINTS * met) * decay(lastAt, now);
    let words = `${count(intros, "intro")} together through Vouch`;
    if (met > 0) words += `, ${met} met`;
    if (lastAt) words += `, last ${describeAge(lastAt, now)}`;
    reasons.push(words);
  }

  const mail = e.mail;
  if (mail && mail.sent + mail.received > 0) {
    const twoWay = Math.min(mail.sent, mail.received);
    const oneWay = Math.max(mail.sent, mail.received) - twoWay;
    const last = latest(mail.lastSentAt, mail.lastReceivedAt) ?? mail.firstAt;
    points +=
      (TWO_WAY_POINTS * twoWay + ONE_WAY_POINTS * oneWay) *
      groupFactor(mail.meanOtherRecipients) *
      decay(last, now);
    reasons.push(describeMail(mail, last, now));
  }

  const hasMail = mail !== null && mail.sent + mail.received > 0;
  const base =
    e.linkedin && e.inAddressBook
      ? BASE_BOTH
      : e.linkedin
        ? BASE_LINKEDIN
        : e.inAddressBook
          ? BASE_ADDRESS_BOOK
          : 0;
  if (e.linkedin) {
    const since = monthYear(e.linkedin.connectedOn);
    reasons.push(
      `LinkedIn connection${since ? ` since ${since}` : ""}${hasMail ? "" : ", no emails"}`,
    );
  }
  if (e.inAddressBook) {
    reasons.push(`In your address book${hasMail || e.linkedin ? "" : ", no emails"}`);
  }
  if (reasons.length === 0) return { score: 0, reasons: ["No shared history"] };

  const score = base + (1 - base) * (1 - Math.exp(-points / K));
  return { score: clamp01(Math.round(score * 1000) / 1000), reasons };
}

/** Half-life of points, in days. */
export const HALF_LIFE_DAYS = 120;
export const K = 6;
export const INTRO_POINTS = 3;
export const MET_POINTS = 4;
export const TWO_WAY_POINTS = 1;
export const ONE_WAY_POINTS = 0.15;
export const BASE_LINKEDIN = 0.12;
export const BASE_ADDRESS_BOOK = 0.15;
export const BASE_BOTH = 0.2;

const DAY = 86_400_000;

function clamp01(n: number): number {
  return Number.isFinite(n) ? Math.min(1, Math.max(0, n)) : 0;
}

/** 2^(−age/half-life); a date in the future or none at all counts as now. */
function decay(iso: string | null, now: Date): number {
  const t = iso ? Date.parse(iso) : Number.NaN;
  if (Number.isNaN(t)) return 1;
  const days = Math.max(0, (now.getTime() - t) / DAY);
  return 2 ** (-days / HALF_LIFE_DAYS);
}

/** 1 for mail to at most 2 others, falling as the recipient list grows. */
function groupFactor(meanOthers: number): number {
  const others = Number.isFinite(meanOthers) ? meanOthers : 0;
  return 1 / (1 + Math.max(0, others - 2) / 4);
}

function latest(a: string | null, b: string | null): string | null {
  if (!a) return b;
  if (!b) return a;
  return Date.parse(a) >= Date.parse(b) ? a : b;
}

function count(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

function describeMail(mail: NonNullable<EdgeEvidence["mail"]>, last: string, now: Date): string {
  const { sent, received } = mail;
  let words: string;
  if (sent === received) words = `${count(sent, "email")} each way`;
  else if (sent > 0 && received > 0)
    words = `${count(sent, "email")} to them, ${received} from them`;
  else if (sent > 0) words = `${count(sent, "email")} to them, no reply`;
  else words = `${count(received, "email")} from them, none answered`;
  const others = Math.round(mail.meanOtherRecipients);
  if (others > 2) words += `, mostly with ${others} others`;
  return `${words}, last ${describeAge(last, now)}`;
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** "2024-03-12" → "Mar 2024"; null for no date or one that does not read. */
export function monthYear(date: string | null): string | null {
  const m = date ? /^(\d{4})-(\d{2})/.exec(date) : null;
  const month = m ? MONTHS[Number(m[2]) - 1] : undefined;
  return m && month ? `${month} ${m[1]}` : null;
}

/**
 * How long ago `iso` was, as people say it: "today", "yesterday", "4 days ago", "3 weeks ago",
 * "2 months ago", "1 year ago". A time in the future is "today"; one that does not read is
 * "some time ago".
 */
export function describeAge(iso: string, now: Date): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return "some time ago";
  const days = Math.floor(Math.max(0, now.getTime() - t) / DAY);
  if (days === 0) return "today";
  if (days === 1) return "yesterday";
  if (days < 7) return `${days} days ago`;
  if (days < 30) return `${count(Math.floor(days / 7), "week")} ago`;
  if (days < 365) return `${count(Math.max(1, Math.floor(days / 30.44)), "month")} ago`;
  return `${count(Math.max(1, Math.floor(days / 365.25)), "year")} ago`;
}
