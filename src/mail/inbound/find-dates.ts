// Dates and times named in a reply, as ISO-8601 in the sender's own UTC offset. chrono-node
// does the heavy lifting; the few rules in vague-dates.ts add what people say when they defer
// ("after the holidays", "im Januar", "mid-February", "next quarter"), which chrono leaves out.

import * as chrono from "chrono-node";
import { DateTime } from "luxon";
import { detectLanguages } from "./detect-language.ts";
import { findVagueDates, type LocalDay } from "./vague-dates.ts";

/** A date or time found in text. */
export interface FoundDate {
  /** The words that named it, e.g. "Thursday at 9am". */
  text: string;
  /** Where the words start in the text. */
  index: number;
  /** ISO-8601: "2026-11-26" for a day, "2026-11-26T09:00:00+01:00" when a time was given. */
  start: string;
  /** The end of a range ("2-3pm"), else null. */
  end: string | null;
  hasTime: boolean;
  /** True when a particular day is meant (a weekday, a date, "next week"), not only a month or season. */
  hasDay: boolean;
}

/** The instant the text was written, and the writer's UTC offset in minutes. */
export interface DateReference {
  now: Date;
  offsetMinutes?: number;
}

const PARSERS = {
  en: chrono.casual,
  fr: chrono.fr.casual,
  de: chrono.de.casual,
  es: chrono.es.casual,
};
// Words chrono reads as dates that, in replies, almost never are.
const NOISE =
  /^(?:(?:right |just |for )?now|currently|today|a (?:sec|second|minute|moment)|sat|sun|march|may|mon|wed|second|jetzt|gerade|maintenant|ahora|the year|in the year|this time)$/i;
const DURATION =
  /^\d+\s*(?:-\s*\d+\s*)?(?:min|mins|minutes?|h|hrs?|hours?|stunden?|heures?|minutos?|horas?)$/i;

function pad(n: number, w = 2): string {
  return String(Math.abs(n)).padStart(w, "0");
}

function formatDay(d: LocalDay): string {
  return `${pad(d.year, 4)}-${pad(d.month)}-${pad(d.day)}`;
}

function formatInstant(date: Date, offsetMinutes: number, withTime: boolean): string {
  const local = new Date(date.getTime() + offsetMinutes * 60_000);
  const day = formatDay({
    year: local.getUTCFullYear(),
    month: local.getUTCMonth() + 1,
    day: local.getUTCDate(),
  });
  if (!withTime) return day;
  const sign = offsetMinutes < 0 ? "-" : "+";
  const off = `${sign}${pad(Math.trunc(Math.abs(offsetMinutes) / 60))}:${pad(Math.abs(offsetMinutes) % 60)}`;
  return `${day}T${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}${off}`;
}

/** Lower-cases without changing the length, so that indices still point into the original. */
function lowerSameLength(text: string): string {
  const lower = text.toLowerCase();
  if (lower.length === text.length) return lower;
  let out = "";
  for (const ch of text) {
    const l = ch.toLowerCase();
    out += l.length === ch.length ? l : ch;
  }
  return out;
}

function blankUrls(text: string): string {
  // Booking links carry durations ("/20min") that chrono would read as times.
  return text.replace(
    /\b(?:https?:\/\/|www\.)\S+|\b[\w.-]+\.(?:com|co|io|me|app|google|ai)\/\S+/gi,
    (m) => " ".repeat(m.length),
  );
}

/** Every date or time named in the text, in order of appearance. Never throws. */
export function findDates(text: string, ref: DateReference): FoundDate[] {
  const offset = ref.offsetMinutes ?? 0;
  if (!Number.isFinite(ref.now.getTime())) return [];
  const sample = blankUrls(text.slice(0, 20_000));
  const found: FoundDate[] = [];
  for (const v of findVagueDates(lowerSameLength(sample), ref.now, offset)) {
    found.push({
      text: sample.slice(v.index, v.index + v.length),
      index: v.index,
      start: formatDay(v.day),
      end: null,
      hasTime: false,
      hasDay: v.hasDay,
    });
  }
  const overlaps = (index: number, length: number) =>
    found.some((f) => index < f.index + f.text.length && f.index < index + length);
  for (const lang of detectLanguages(sample)) {
    let results: chrono.ParsedResult[];
    try {
      results = PARSERS[lang].parse(
        sample,
        { instant: ref.now, timezone: offset },
        { forwardDate: true },
      );
    } catch {
      continue;
    }
    for (const r of results) {
      const words = r.text.trim();
      if (NOISE.test(words) || DURATION.test(words) || overlaps(r.index, r.text.length)) continue;
      const hasTime = r.start.isCertain("hour");
      const start = r.start.date();
      if (!Number.isFinite(start.getTime())) continue;
      const end = r.end?.date();
      found.push({
        text: r.text.trim(),
        index: r.index,
        start: formatInstant(start, offset, hasTime),
        end:
          end && Number.isFinite(end.getTime())
            ? formatInstant(end, offset, r.end?.isCertain("hour") ?? hasTime)
            : null,
        hasTime,
        hasDay: r.start.isCertain("day") || r.start.isCertain("weekday"),
      });
    }
  }
  return found.sort((a, b) => a.index - b.index);
}

/**
 * Times proposed for a meeting in a thread reply ("Thursday at 9am", "next Tuesday 2-3pm"):
 * the dates that name a particular day or time, relative to `now` in the writer's offset.
 *
 * With the writer's IANA `timeZone` (which has that offset now), a time is read as a wall-clock
 * time there, so "Thursday at 9am" after the clocks change is still 9am where they are; a time
 * the clocks skip moves forward (luxon), one that happens twice is the first.
 */
export function findProposedTimes(
  text: string,
  now: Date,
  offsetMinutes = 0,
  timeZone?: string,
): FoundDate[] {
  const found = findDates(text, { now, offsetMinutes }).filter((d) => d.hasDay || d.hasTime);
  if (!timeZone || DateTime.fromJSDate(now, { zone: timeZone }).offset !== offsetMinutes)
    return found;
  return found.map((d) =>
    d.hasTime
      ? { ...d, start: inZone(d.start, timeZone), end: d.end && inZone(d.end, timeZone) }
      : d,
  );
}

/** "2027-03-18T10:00:00-05:00" read as 10:00 in `zone`: "2027-03-18T10:00:00.000-04:00". */
function inZone(iso: string, zone: string): string {
  const wall = DateTime.fromISO(iso, { setZone: true });
  if (!wall.isValid || !iso.includes("T")) return iso;
  const local = DateTime.fromObject(
    {
      year: wall.year,
      month: wall.month,
      day: wall.day,
      hour: wall.hour,
      minute: wall.minute,
      second: wall.second,
    },
    { zone },
  );
  return local.isValid ? (local.toISO({ suppressMilliseconds: true }) ?? iso) : iso;
}
