import { html } from "hono/html";
import { DateTime } from "luxon";
import type { AppDeps } from "../app/deps.ts";
import { knownZone, timeZonePreference } from "../app/time-zone.ts";

// The answers of the app's one check, kept: it builds an Intl.DateTimeFormat, which costs more
// than formatting a time, and a list page formats a hundred. Bounded, since anyone may type a zone.
const checked = new Map<string, boolean>();

/** Whether `zone` is an IANA time zone this runtime knows (the app's one check). */
export function isZone(zone: string): boolean {
  let ok = checked.get(zone);
  if (ok === undefined) {
    ok = knownZone(zone) !== null;
    if (checked.size >= 1000) checked.clear();
    checked.set(zone, ok);
  }
  return ok;
}

/** The zone a person reads and enters times in: the one they set or that their mail suggests,
 *  else UTC. */
export async function zoneOf(deps: AppDeps, email: string): Promise<string> {
  const z = await timeZonePreference(deps.store, email);
  return z && isZone(z) ? z : "UTC";
}

export type LocalTime =
  | { ok: true; iso: string; zone: string; ambiguous: boolean }
  | { ok: false; message: string };

const WALL = "yyyy-MM-dd'T'HH:mm";

/**
 * A wall-clock time typed in a form (`2026-11-02T09:00`, as datetime-local sends it) in `zone`,
 * as an instant. A time the clocks skip (spring forward) is refused with the time that exists;
 * a time that happens twice (fall back) is the first of the two, and the page shows which.
 */
export function fromLocal(local: string, zone: string): LocalTime {
  if (!isZone(zone)) return { ok: false, message: "Choose a time zone from the list." };
  const m = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})(?::00(?:\.0+)?)?$/.exec(local.trim());
  if (!m) return { ok: false, message: "Give the date and time, like 2026-12-03 09:00." };
  const wall = `${m[1]}T${m[2]}`;
  const d = DateTime.fromISO(wall, { zone });
  if (!d.isValid) return { ok: false, message: "That date does not exist." };
  const real = d
    .getPossibleOffsets()
    .filter((x) => x.toFormat(WALL) === wall)
    .sort((a, b) => a.toMillis() - b.toMillis());
  const first = real[0];
  if (!first) {
    return {
      ok: false,
      message: `${m[1]} ${m[2]} does not exist in ${zone}: the clocks jump forward then. Did you mean ${d.toFormat("HH:mm")}?`,
    };
  }
  return { ok: true, iso: first.toUTC().toISO() ?? "", zone, ambiguous: real.length > 1 };
}

/** A wall-clock value for a datetime-local input, from an instant. */
export function toLocalInput(iso: string, zone: string): string {
  return DateTime.fromISO(iso, { zone: "utc" }).setZone(zone).toFormat(WALL);
}

const offset = (d: DateTime) => (d.offset === 0 ? "UTC" : `UTC${d.toFormat("ZZ")}`);

/** "Mon 2 Nov 2026, 09:00 (America/New_York, UTC-05:00)": an instant in the reader's zone. */
export function longTime(iso: string, zone: string): string {
  const d = DateTime.fromISO(iso, { zone: "utc" }).setZone(isZone(zone) ? zone : "UTC");
  if (!d.isValid) return iso;
  const z = d.zoneName === "UTC" ? "UTC" : `${d.zoneName}, ${offset(d)}`;
  return `${d.toFormat("ccc d LLL yyyy, HH:mm")} (${z})`;
}

/** "2026-12-01 11:00 Europe/Paris": a short date-time for lists, in the reader's zone. */
export function shortTime(iso: string | null | undefined, zone = "UTC"): string {
  if (!iso) return "";
  const d = DateTime.fromISO(iso, { zone: "utc" }).setZone(isZone(zone) ? zone : "UTC");
  if (!d.isValid) return iso;
  return `${d.toFormat("yyyy-MM-dd HH:mm")} ${d.zoneName === "UTC" ? "UTC" : d.zoneName}`;
}

let zones: string[] | undefined;
/** Every IANA zone this runtime knows, UTC first. */
export function allZones(): string[] {
  zones ??= ["UTC", ...Intl.supportedValuesOf("timeZone").filter((z) => z !== "UTC")];
  return zones;
}

/** A labelled <select> of time zones with `selected` chosen (kept even if not in the list). */
export function zoneSelect(id: string, name: string, selected: string, label = "Time zone") {
  const list = allZones().includes(selected) ? allZones() : [selected, ...allZones()];
  return html`<label for="${id}">${label}</label><select id="${id}" name="${name}">${list.map(
    (z) =>
      html`<option value="${z}"${z === selected ? html` selected` : ""}>${z.replaceAll("_", " ")}</option>`,
  )}</select>`;
}
