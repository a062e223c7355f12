import { html } from "hono/html";
import { VouchError } from "../domain/errors.ts";
import { schedulingLink } from "../domain/scheduling-link.ts";
import type { IntroEvent } from "../domain/types.ts";
import { SLOT_MINUTES } from "../mail/outbound/slot-links.ts";
import { fromLocal, longTime, zoneSelect } from "./local-time.ts";

/** How many times the form offers (the first is required). */
export const PROPOSED_SLOTS = 3;

const bad = (msg: string, field: string) => new VouchError("INVALID_INPUT", msg, { field });
const ORDINAL = ["First", "Second", "Third"];

/**
 * The times a participant proposes, typed as wall-clock times in a zone they chose (as the
 * meeting form takes them: a skipped time is refused with the one that exists, a repeated one is
 * the first), plus an optional scheduling link. A time not after `now` is refused, since nobody
 * could confirm it.
 */
export function proposeEvent(
  actor: "requester" | "target",
  f: Record<string, string>,
  now: Date,
): IntroEvent {
  const zone = f.zone ?? "UTC";
  const times: string[] = [];
  for (let n = 1; n <= PROPOSED_SLOTS; n++) {
    const typed = (f[`time${n}`] ?? "").trim();
    if (!typed) continue;
    const t = fromLocal(typed, zone);
    if (!t.ok) throw bad(`${ORDINAL[n - 1]} time: ${t.message}`, `time${n}`);
    if (Date.parse(t.iso) <= now.getTime())
      throw bad(
        `${ORDINAL[n - 1]} time: ${longTime(t.iso, zone)} has already passed. Propose a time that is still ahead.`,
        `time${n}`,
      );
    if (!times.includes(t.iso)) times.push(t.iso);
  }
  if (!times.length) throw bad("Give at least one time.", "time1");
  const typedLink = (f.link ?? "").trim();
  if (!typedLink) return { type: "propose_times", actor, times };
  const link = schedulingLink(typedLink);
  if (!link.ok)
    throw bad(
      "The scheduling link must be a full https:// address, like https://cal.com/you/30.",
      "link",
    );
  return { type: "propose_times", actor, times, links: [link.url] };
}

/**
 * The fields of the "Propose times" form: up to three times in the viewer's zone (which they can
 * change) and a scheduling link. After a refused post they show what was typed.
 */
export function proposeFields(other: string, zone: string, typed: Record<string, string> = {}) {
  const again = typed.event === "propose_times";
  const z = again && typed.zone ? typed.zone : zone;
  const value = (name: string) => (again ? (typed[name] ?? "") : "");
  const slots = Array.from({ length: PROPOSED_SLOTS }, (_, k) => {
    const n = k + 1;
    const label = n === 1 ? `${ORDINAL[k]} time` : `${ORDINAL[k]} time (optional)`;
    return html`<label for="p-time${n}">${label}</label><input type="datetime-local" id="p-time${n}" name="time${n}" value="${value(`time${n}`)}" aria-describedby="p-hint"${n === 1 ? html` required` : ""}>`;
  });
  return html`<p class="hint" id="p-hint">In the time zone below; each is a ${SLOT_MINUTES}-minute slot. ${other} gets an email with a one-click confirm for each, in their own time zone.</p>
${slots}
${zoneSelect("p-zone", "zone", z, "Time zone of these times")}
<label for="p-link">Your scheduling link (optional)<span class="hint" id="p-link-hint">An https:// booking page, like https://cal.com/you/30</span></label><input type="url" id="p-link" name="link" value="${value("link")}" pattern="https://.+" aria-describedby="p-link-hint">`;
}
