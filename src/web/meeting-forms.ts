import { html } from "hono/html";
import { VouchError } from "../domain/errors.ts";
import type { IntroEvent } from "../domain/types.ts";
import type { IntroView } from "../domain/view.ts";
import { fromLocal, longTime, toLocalInput, zoneSelect } from "./local-time.ts";

const bad = (msg: string, field: string) => new VouchError("INVALID_INPUT", msg, { field });

/**
 * The meeting a participant agreed, typed as a wall-clock time in a time zone they chose: stored
 * as an instant, with that zone (the calendar invite is written in it).
 */
export function meetingEvent(actor: "requester" | "target", f: Record<string, string>): IntroEvent {
  const t = fromLocal(f.start ?? "", f.zone ?? "UTC");
  if (!t.ok) throw bad(t.message, "start");
  const minutes = Number(f.minutes ?? 30);
  if (!Number.isInteger(minutes) || minutes < 5 || minutes > 480)
    throw bad("Give the meeting's length, from 5 to 480 minutes.", "minutes");
  const end = new Date(Date.parse(t.iso) + minutes * 60_000).toISOString();
  return { type: "confirm_meeting", actor, start: t.iso, end, timeZone: t.zone };
}

/**
 * The form to record (or move) the agreed meeting. Its time is entered in the viewer's zone,
 * which they can change (an agreed meeting is shown in it); after a refused post it shows what
 * they typed.
 */
export function meetingFields(v: IntroView, zone: string, typed: Record<string, string> = {}) {
  const again = typed.event === "confirm_meeting";
  const z = again && typed.zone ? typed.zone : zone;
  const start = again ? (typed.start ?? "") : v.meeting ? toLocalInput(v.meeting.start, z) : "";
  const minutes = again
    ? (typed.minutes ?? "30")
    : v.meeting
      ? String(Math.round((Date.parse(v.meeting.end) - Date.parse(v.meeting.start)) / 60_000))
      : "30";
  return html`<label for="m-start">Date and time<span class="hint" id="m-start-hint">In the time zone below</span></label><input type="datetime-local" id="m-start" name="start" value="${start}" aria-describedby="m-start-hint" required>
${zoneSelect("m-zone", "zone", z)}
<label for="m-minutes">Length in minutes</label><input type="number" id="m-minutes" name="minutes" value="${minutes}" min="5" max="480" required>`;
}

/** A scheduling link: a link only when it is https (the API and replies may carry others). */
function linkItem(url: string) {
  return /^https:\/\//i.test(url)
    ? html`<li><a href="${url}" rel="noopener noreferrer nofollow">${url}</a></li>`
    : html`<li>${url}</li>`;
}

// Once a meeting is agreed, the times proposed before it are out of date.
const AGREED: readonly string[] = ["scheduled", "met", "completed"];

/**
 * The agreed meeting, the times proposed in the thread that are still ahead (in the viewer's
 * zone) until a meeting is agreed, and any scheduling links shared.
 */
export function meetingRows(v: IntroView, zone: string, now?: Date) {
  const m = v.meeting;
  const proposed = AGREED.includes(v.status)
    ? []
    : v.proposedTimes.filter((t) => !now || Date.parse(t) > now.getTime());
  const minutes = m ? Math.round((Date.parse(m.end) - Date.parse(m.start)) / 60_000) : 0;
  return html`${
    m
      ? html`<tr><th scope="row">Meeting</th><td><time datetime="${m.start}" data-meeting>${longTime(m.start, zone)}</time>, ${minutes} minutes${
          m.timeZone !== zone
            ? html`<br><span class="muted">Set as ${longTime(m.start, m.timeZone)}</span>`
            : ""
        }</td></tr>`
      : ""
  }${
    proposed.length
      ? html`<tr><th scope="row">Times proposed</th><td><ul class="plain">${proposed.map(
          (t) => html`<li><time datetime="${t}">${longTime(t, zone)}</time></li>`,
        )}</ul></td></tr>`
      : ""
  }${
    v.schedulingLinks.length
      ? html`<tr><th scope="row">Scheduling links</th><td><ul class="plain">${v.schedulingLinks.map(linkItem)}</ul></td></tr>`
      : ""
  }`;
}
