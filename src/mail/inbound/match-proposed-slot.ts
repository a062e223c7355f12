// "Thursday works for me" in answer to proposed times: the reply names a day (or an hour) rather
// than a full time, and it settles the one proposed slot that falls on that day (or at that hour)
// where the writer is. Two slots that day, or none, settle nothing: the one-click buttons remain.
import { DateTime, FixedOffsetZone } from "luxon";
import type { FoundDate } from "./find-dates.ts";

/**
 * The proposed slot (an ISO start from `proposed`) a reply accepts, or null. `named` are the dates
 * the reply names (as findProposedTimes returns them, day-only ones included); `zone` is the
 * writer's zone, else their UTC offset in minutes. Only slots still ahead of `now` count.
 */
export function matchProposedSlot(
  named: FoundDate[],
  proposed: string[],
  zone: string | number,
  now: Date,
): string | null {
  const ahead = proposed.filter((p) => Date.parse(p) > now.getTime());
  if (!ahead.length || !named.length) return null;
  const where = typeof zone === "string" ? zone : FixedOffsetZone.instance(zone);
  const local = (iso: string) => DateTime.fromISO(iso).setZone(where);
  const matches = new Set<string>();
  for (const d of named) {
    const said = DateTime.fromISO(d.start, { setZone: true });
    if (!said.isValid) continue;
    for (const p of ahead) {
      const slot = local(p);
      // What the reply names (a day, an hour — "9am works" — or both) must all fit the slot.
      if (d.hasDay && slot.toISODate() !== said.toISODate()) continue;
      if (d.hasTime && (slot.hour !== said.hour || slot.minute !== said.minute)) continue;
      matches.add(p);
    }
  }
  return matches.size === 1 ? ([...matches][0] as string) : null;
}
