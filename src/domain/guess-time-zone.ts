// A person who never set a time zone still writes Date headers: "Thu, 26 Nov 2026 09:12:00 -0500".
// The offset alone cannot follow daylight-saving changes, so it is turned into a real IANA zone:
// the first zone, among those the person's correspondents use and then widely used ones, that has
// exactly that offset at that instant. A fixed Etc/GMT zone is the last resort.

/** Widely used zones, ordered so that where two share an offset at some time of year, the more
 *  likely one for a Date header comes first (e.g. -05:00 in July is Chicago, not New York). */
const LIKELY_ZONES = [
  "America/New_York",
  "America/Chicago",
  "America/Denver",
  "America/Los_Angeles",
  "America/Phoenix",
  "America/Anchorage",
  "Pacific/Honolulu",
  "America/Halifax",
  "America/St_Johns",
  "America/Sao_Paulo",
  "America/Argentina/Buenos_Aires",
  "America/Mexico_City",
  "America/Bogota",
  "Europe/London",
  "Europe/Paris",
  "Europe/Athens",
  "Europe/Istanbul",
  "Europe/Moscow",
  "Africa/Lagos",
  "Africa/Johannesburg",
  "Africa/Nairobi",
  "Asia/Dubai",
  "Asia/Tehran",
  "Asia/Kabul",
  "Asia/Karachi",
  "Asia/Kolkata",
  "Asia/Kathmandu",
  "Asia/Dhaka",
  "Asia/Yangon",
  "Asia/Bangkok",
  "Asia/Shanghai",
  "Asia/Tokyo",
  "Australia/Adelaide",
  "Australia/Darwin",
  "Australia/Brisbane",
  "Australia/Sydney",
  "Pacific/Auckland",
];

const formats = new Map<string, Intl.DateTimeFormat>();

const HOUR = 3_600_000;
/** Offsets by zone and hour, for hours that hold no change of offset. */
const hourly = new Map<string, number | null>();

/** The zone's offset from UTC at `at`, in minutes east; null for a name Intl does not know. */
export function offsetMinutesAt(zone: string, at: Date): number | null {
  // An hour whose first and last millisecond share an offset holds no change of offset (no zone
  // changes twice within an hour), so one lookup serves all of it; Intl costs microseconds.
  const hour = Math.floor(at.getTime() / HOUR);
  const key = `${zone}\n${hour}`;
  const known = hourly.get(key);
  if (known !== undefined) return known;
  const start = offsetAt(zone, new Date(hour * HOUR));
  if (start !== offsetAt(zone, new Date((hour + 1) * HOUR - 1))) return offsetAt(zone, at);
  if (hourly.size >= 10_000) hourly.clear();
  hourly.set(key, start);
  return start;
}

function offsetAt(zone: string, at: Date): number | null {
  let f = formats.get(zone);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat("en-US", { timeZone: zone, timeZoneName: "longOffset" });
    } catch {
      return null;
    }
    formats.set(zone, f);
  }
  // "11/26/2026, GMT-05:00" (or "…, GMT" at +00:00): format() costs half of formatToParts().
  const m = /GMT(?:([+-])(\d{1,2})(?::(\d{2}))?)?$/.exec(f.format(at));
  if (!m) return null;
  if (!m[1]) return 0;
  const minutes = Number(m[2]) * 60 + Number(m[3] ?? 0);
  return m[1] === "-" ? -minutes : minutes;
}

/**
 * The IANA zone most likely behind a Date header's offset (minutes east of UTC) at `at`.
 * `preferred` zones (say, the other participants' settings) are tried first.
 */
export function guessTimeZone(offsetMinutes: number, at: Date, preferred: string[] = []): string {
  for (const zone of [...preferred, ...LIKELY_ZONES]) {
    if (offsetMinutesAt(zone, at) === offsetMinutes) return zone;
  }
  if (offsetMinutes === 0) return "UTC";
  if (offsetMinutes % 60 !== 0 || Math.abs(offsetMinutes) > 14 * 60) return "UTC";
  const h = offsetMinutes / 60;
  // IANA's Etc zones count the other way: UTC+2 is Etc/GMT-2.
  return `Etc/GMT${h > 0 ? "-" : "+"}${Math.abs(h)}`;
}
