/** Dates and times as an email states them. Pure: the instant and the zone are both inputs. */
import { VouchError } from "../../domain/errors.ts";

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

function parse(field: string, iso: string): Date {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) {
    throw new VouchError("INVALID_INPUT", `${field} is not an ISO-8601 date`, { field });
  }
  return d;
}

function parts(d: Date, timeZone: string): Record<string, string> {
  let fmt: Intl.DateTimeFormat;
  try {
    // Built from parts with a 24-hour clock: ICU's "9:00 AM" uses a narrow no-break space,
    // which differs between ICU versions and is invisible in a snapshot.
    fmt = new Intl.DateTimeFormat("en-GB", {
      timeZone,
      weekday: "long",
      day: "numeric",
      month: "long",
      year: "numeric",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    });
  } catch {
    throw new VouchError("INVALID_INPUT", `unknown time zone "${timeZone}"`, { field: "timeZone" });
  }
  const out: Record<string, string> = {};
  for (const p of fmt.formatToParts(d)) out[p.type] = p.value;
  return out;
}

/**
 * "Friday 15 January 2027". A bare date (`2027-01-15`) is a calendar day, not an instant, so it
 * is shown as written, whatever the zone.
 */
export function formatDay(iso: string, timeZone = "UTC", field = "date"): string {
  const d = parse(field, iso);
  parts(d, timeZone); // a bad zone is a caller's bug even when this date does not need it
  const p = parts(d, DATE_ONLY.test(iso) ? "UTC" : timeZone);
  return `${p.weekday} ${p.day} ${p.month} ${p.year}`;
}

/** "Thursday 3 December 2026, 09:00–09:30 (Europe/London time)". */
export function formatMeetingTime(startIso: string, endIso: string, timeZone: string): string {
  const s = parts(parse("start", startIso), timeZone);
  const e = parts(parse("end", endIso), timeZone);
  const sameDay = s.day === e.day && s.month === e.month && s.year === e.year;
  const end = sameDay
    ? `${e.hour}:${e.minute}`
    : `${e.weekday} ${e.day} ${e.month} ${e.year}, ${e.hour}:${e.minute}`;
  return `${s.weekday} ${s.day} ${s.month} ${s.year}, ${s.hour}:${s.minute}–${end} (${timeZone} time)`;
}

/** "Thu 3 Dec, 09:00": a start time short enough for a button, in the given zone. */
export function formatSlot(startIso: string, timeZone: string): string {
  const s = parts(parse("start", startIso), timeZone);
  return `${s.weekday?.slice(0, 3)} ${s.day} ${s.month?.slice(0, 3)}, ${s.hour}:${s.minute}`;
}
