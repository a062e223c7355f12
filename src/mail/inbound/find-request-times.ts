// The meeting times a request proposes in its next step ("Would a 20-minute call work next
// Tuesday at 10am, or Wednesday at 4pm?"), so that once the target has said yes they can confirm
// one with a click. People often name the day and the hour apart ("this Friday afternoon at your
// office at, say, 3pm"): a day followed in the same sentence by an hour is read as one time.
import { DateTime } from "luxon";
import { findProposedTimes } from "./find-dates.ts";

/** At most this many times are taken from one request. */
const MAX_TIMES = 3;
/** A request's next step is near: a date read as next year ("Monday 23 November", written on the
 *  24th) is not one. */
const MAX_AHEAD_MS = 60 * 86_400_000;

/**
 * Times in the next 60 days (ISO, UTC) named with both a day and an hour in `text`, read as
 * wall-clock times in `zone` (the requester's), as of `now`. Times without a day or an hour, or
 * already past, are left out.
 */
export function findRequestTimes(text: string, now: Date, zone: string): string[] {
  const offset = DateTime.fromJSDate(now, { zone }).offset;
  if (!Number.isFinite(offset)) return [];
  const found = findProposedTimes(text, now, offset, zone);
  const out: string[] = [];
  for (const [k, d] of found.entries()) {
    let start: string | null = null;
    if (d.hasDay && d.hasTime) start = d.start;
    else if (d.hasDay && !d.hasTime) {
      const next = found[k + 1];
      const between = next ? text.slice(d.index + d.text.length, next.index) : "";
      if (next?.hasTime && !next.hasDay && between.length <= 60 && !/[.!?\n]/.test(between)) {
        const day = DateTime.fromISO(d.start, { zone });
        const hour = DateTime.fromISO(next.start, { setZone: true });
        const at = day.set({ hour: hour.hour, minute: hour.minute, second: 0, millisecond: 0 });
        if (at.isValid) start = at.toISO();
      }
    }
    if (!start) continue;
    const ms = Date.parse(start);
    if (!(ms > now.getTime()) || ms - now.getTime() > MAX_AHEAD_MS) continue;
    const iso = new Date(ms).toISOString();
    if (!out.includes(iso)) out.push(iso);
    if (out.length === MAX_TIMES) break;
  }
  return out;
}
