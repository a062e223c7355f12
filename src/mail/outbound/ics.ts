import { getVtimezoneComponent } from "@touch4it/ical-timezones";
import ical, {
  ICalAttendeeRole,
  ICalAttendeeStatus,
  ICalCalendarMethod,
  ICalEventStatus,
} from "ical-generator";
import { DateTime } from "luxon";
import type { Intro } from "../../domain/types.ts";

/**
 * A calendar invite that Gmail and Outlook show with Accept/Decline: METHOD:REQUEST, an
 * ORGANIZER, each invitee as ATTENDEE;RSVP=TRUE;PARTSTAT=NEEDS-ACTION, a UID that stays the same
 * for the intro's meeting and a SEQUENCE that grows with each change; METHOD:CANCEL cancels it.
 */
export function meetingIcs(
  intro: Intro,
  method: "request" | "cancel",
  opts: { mailDomain: string; organizerEmail: string; now: Date },
): string {
  const m = intro.meeting;
  if (!m) throw new Error(`intro ${intro.id} has no meeting`);
  const cal = ical({
    prodId: { company: "Vouch", product: "Vouch", language: "EN" },
    method: method === "request" ? ICalCalendarMethod.REQUEST : ICalCalendarMethod.CANCEL,
    timezone: { name: m.timeZone, generator: (tz: string) => getVtimezoneComponent(tz) },
  });
  const attendees = [intro.requester, { name: intro.target.name, email: intro.target.email ?? "" }];
  cal.createEvent({
    id: `${intro.id}@${opts.mailDomain}`,
    sequence: method === "cancel" ? m.sequence + 1 : m.sequence,
    stamp: opts.now,
    // Local times in the organiser's zone (luxon knows its DST rules), written with its TZID.
    start: DateTime.fromISO(m.start, { zone: m.timeZone }),
    end: DateTime.fromISO(m.end, { zone: m.timeZone }),
    timezone: m.timeZone,
    summary: `${intro.requester.name} / ${intro.target.name} (intro by ${intro.introducer.name})`,
    description: `Introduced by ${intro.introducer.name} through Vouch.`,
    status: method === "cancel" ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    organizer: { name: intro.requester.name, email: opts.organizerEmail },
    attendees: attendees.map((a) => ({
      name: a.name,
      email: a.email,
      rsvp: true,
      role: ICalAttendeeRole.REQ,
      status: ICalAttendeeStatus.NEEDSACTION,
    })),
  });
  return cal.toString();
}
