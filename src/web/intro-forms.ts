import { html } from "hono/html";
import { LIMITS } from "../domain/text-limits.ts";
import { meetingHappened } from "../domain/transition.ts";
import type { EventType } from "../domain/types.ts";
import type { IntroView } from "../domain/view.ts";
import { replySubject } from "../mail/headers.ts";
import { introductionText } from "../mail/templates/introduction.ts";
import { mailtoUrl } from "../mail/templates/mailto.ts";
import { plannedNextStep, requesterReplyDraft } from "../mail/templates/requester-nudge.ts";
import { introNames } from "../mail/templates/user-text.ts";
import { csrfField } from "./layout.ts";
import { meetingFields } from "./meeting-forms.ts";
import { proposeFields } from "./propose-times-form.ts";

const first = (n: string) => n.trim().split(/\s+/)[0] ?? n;

function form(
  v: IntroView,
  csrf: string,
  event: string,
  title: string,
  body: unknown,
  button: string,
  secondary = false,
) {
  return html`<form method="post" action="/intros/${encodeURIComponent(v.id)}/act" class="box" aria-label="${title}">
${csrfField(csrf)}<input type="hidden" name="event" value="${event}">
<h3 style="margin:0;font-size:1.05rem">${title}</h3>${body}
<button type="submit"${secondary ? html` class="secondary"` : ""}>${button}</button></form>`;
}

/** A textarea held to the server's limit: a revised request's, else a note's. */
const text = (id: string, name: string, label: string, required = false, value = "") =>
  html`<label for="${id}">${label}</label><textarea id="${id}" name="${name}" maxlength="${name === "request" ? LIMITS.requestText : LIMITS.note}"${required ? html` required` : ""}>${value}</textarea>`;

/** Whether the requester has written in the intro thread (a reply, or times proposed). */
export function requesterReplied(v: IntroView): boolean {
  return v.events.some(
    (e) => e.actor === "requester" && (e.type === "reply_in_thread" || e.type === "propose_times"),
  );
}

/** Withdrawing makes sense until the introduction; after it, the two have been introduced. */
const WITHDRAWABLE = ["draft", "requested", "changes_requested", "consent_requested", "deferred"];

/** The seed's reply after the intro: thank and BCC the introducer, thank the target, next step. */
export function bccReply(v: IntroView, csrf: string, zone = "UTC", now = new Date()) {
  if (!v.target.email || !["introduced", "connected", "scheduled"].includes(v.status)) return "";
  // Once Vouch has seen the reply (the introducer in BCC, or any reply of the requester's in the
  // thread), the ready reply and its "I've sent it" have done their job.
  if (v.introducerMovedToBcc || requesterReplied(v)) return "";
  const names = introNames({
    requester: { name: v.requester.name },
    introducer: { name: v.introducer.name },
    target: { name: v.target.name },
  });
  // It proposes what is already planned: the agreed meeting, or the times proposed.
  const body = requesterReplyDraft(names, plannedNextStep(v, zone, now));
  const subject = replySubject(v.subject);
  const url = mailtoUrl({ to: [v.target.email], bcc: [v.threadAddress], subject, body });
  return html`<section class="box" aria-labelledby="bcc-h"><h2 id="bcc-h" style="font-size:1.15rem;margin-top:0">Your reply, with ${first(v.introducer.name)} moved to BCC</h2>
<p>Reply in the intro thread to <strong>${v.target.email}</strong>, with <code>${v.threadAddress}</code> in BCC so Vouch can follow.</p>
<p><a id="bcc-mailto" href="${url}">Open this reply in your email app</a></p>
<label for="bcc-text">Or copy it</label><textarea id="bcc-text" rows="10" readonly>${body}</textarea>
<p class="copy-row"><button type="button" class="secondary" id="bcc-copy" data-copy="bcc-text" data-status="bcc-copy-status" hidden>Copy the reply</button> <span id="bcc-copy-status" role="status"></span></p>
<script src="/static/copy.js" defer></script>
${
  v.allowedEvents.includes("reply_in_thread")
    ? html`<form method="post" action="/intros/${encodeURIComponent(v.id)}/act">${csrfField(csrf)}<input type="hidden" name="event" value="reply_sent"><button type="submit">I've sent it</button></form>`
    : ""
}</section>`;
}

/**
 * For an introducer who introduces from their own mailbox, once the target said yes: the
 * introduction ready to send from their mail app (Vouch in BCC), and "I've sent it".
 */
export function ownIntroPanel(v: IntroView, csrf: string, blurb: string) {
  if (
    v.viewer !== "introducer" ||
    v.introduceFrom !== "own_mailbox" ||
    v.status !== "consent_requested" ||
    !v.consent ||
    !v.target.email ||
    !v.requester.email
  )
    return "";
  const text = introductionText({
    requester: { name: v.requester.name },
    introducer: { name: v.introducer.name },
    target: { name: v.target.name },
    threadSubject: v.subject,
    blurb,
  });
  const url = mailtoUrl({
    to: [v.target.email],
    cc: [v.requester.email],
    bcc: [v.threadAddress],
    subject: replySubject(v.subject),
    body: text,
  });
  return html`<section class="box" aria-labelledby="own-h"><h2 id="own-h" style="font-size:1.15rem;margin-top:0">${first(v.target.name)} said yes: your introduction, ready to send</h2>
<p>Send it from your own mailbox to <strong>${v.target.email}</strong>, with <strong>${v.requester.email}</strong> in CC and <code>${v.threadAddress}</code> in BCC: that copy tells Vouch the intro is made.</p>
<p><a id="own-mailto" href="${url}">Write it from my mail app</a></p>
<label for="own-text">Or copy it</label><textarea id="own-text" rows="12" readonly>${text}</textarea>
<p class="copy-row"><button type="button" class="secondary" id="own-copy" data-copy="own-text" data-status="own-copy-status" hidden>Copy the introduction</button> <span id="own-copy-status" role="status"></span></p>
<script src="/static/copy.js" defer></script>
<form method="post" action="/intros/${encodeURIComponent(v.id)}/act">${csrfField(csrf)}<input type="hidden" name="event" value="own_sent"><button type="submit">I've sent the introduction</button></form></section>`;
}

/** The forms of the actions this viewer may take now (from the lifecycle's allowed events). */
export function actionForms(
  v: IntroView,
  csrf: string,
  zone = "UTC",
  typed: Record<string, string> = {},
  now = new Date(),
) {
  const can = (e: EventType) => v.allowedEvents.includes(e);
  const t = first(v.target.name);
  const r = first(v.requester.name);
  const i = first(v.introducer.name);
  const out: unknown[] = [];
  if (v.viewer === "introducer") {
    if (can("forward_for_consent"))
      out.push(
        form(
          v,
          csrf,
          "forward",
          `Ask ${t}`,
          html`${text("f-note", "note", `A note to ${t} (optional)`)}${
            v.target.email
              ? ""
              : html`<label for="f-target">${t}'s email address</label><input type="email" id="f-target" name="targetEmail" required>`
          }`,
          `Ask ${t}`,
        ),
      );
    if (can("ask_for_changes"))
      out.push(
        form(
          v,
          csrf,
          "ask_changes",
          `Ask ${r} for changes`,
          text("c-note", "note", "What should change?", true),
          "Send my note",
          true,
        ),
      );
    if (can("decline"))
      out.push(
        form(
          v,
          csrf,
          "decline",
          "Decline kindly",
          html`<p class="muted">${r} is told kindly; ${t} hears nothing.</p>${text("d-reason", "reason", "A private note for your records (optional)")}`,
          "Decline",
          true,
        ),
      );
  }
  if (v.viewer === "target") {
    if (can("accept"))
      out.push(form(v, csrf, "accept", `Yes, introduce me to ${r}`, "", "Yes, introduce us"));
    if (can("defer"))
      out.push(
        form(
          v,
          csrf,
          "defer",
          "Not right now",
          html`<label for="n-until">Ask me again after (optional)</label><input type="date" id="n-until" name="until">`,
          "Not now",
          true,
        ),
      );
    if (can("decline"))
      out.push(
        form(
          v,
          csrf,
          "decline",
          "No, thanks",
          text("t-reason", "reason", `A reason, just for ${i} (optional)`),
          "No, thanks",
          true,
        ),
      );
  }
  // After the introducer asked for changes, the request is edited in the composer (with the
  // coach and the note beside it); a draft is revised right here.
  if (v.viewer === "requester" && can("revise") && v.status === "changes_requested")
    out.push(
      html`<section class="box" aria-label="Revise your request"><h3 style="margin:0;font-size:1.05rem">Revise your request</h3>
<p>Edit it in the composer, with ${i}'s note and the coach beside it; sending it goes back to ${i}.</p>
<p><a class="button" href="/intros/${encodeURIComponent(v.id)}/revise">Revise in the composer</a></p></section>`,
    );
  else if (v.viewer === "requester" && can("revise"))
    out.push(
      form(
        v,
        csrf,
        "revise",
        "Revise your request",
        text("r-text", "request", "Your request", true, v.requestText ?? ""),
        "Send the revised request",
      ),
    );
  // Proposed times are offered (with one-click confirms) only while a meeting can be confirmed.
  if (v.viewer !== "introducer" && can("propose_times") && can("confirm_meeting")) {
    const other = v.viewer === "requester" ? t : r;
    out.push(
      form(
        v,
        csrf,
        "propose_times",
        `Propose times to ${other}`,
        proposeFields(other, zone, typed),
        "Propose these times",
      ),
    );
  }
  if (v.viewer !== "introducer" && can("confirm_meeting"))
    out.push(
      form(
        v,
        csrf,
        "confirm_meeting",
        v.meeting
          ? "Moved the meeting?"
          : `Agreed a time with ${v.viewer === "requester" ? t : r}?`,
        meetingFields(v, zone, typed),
        v.meeting ? "Move the meeting" : "Record the meeting",
        true,
      ),
    );
  if (v.viewer !== "introducer" && can("report_outcome")) out.push(reportForm(v, csrf, now));
  if (v.viewer === "requester" && can("withdraw") && WITHDRAWABLE.includes(v.status))
    out.push(form(v, csrf, "withdraw", "Withdraw the request", "", "Withdraw", true));
  return out;
}

function reportForm(v: IntroView, csrf: string, now: Date) {
  const i = first(v.introducer.name);
  // How it went is asked only once the meeting may have happened; before, only that it didn't.
  const held = meetingHappened(v, now);
  const radios = html`<fieldset><legend>How did it go?</legend>
${
  held
    ? html`<label class="check" for="o-great"><input type="radio" id="o-great" name="rating" value="great" required> It went great</label>
<label class="check" for="o-fine"><input type="radio" id="o-fine" name="rating" value="fine"> It was fine</label>
`
    : ""
}<label class="check" for="o-none"><input type="radio" id="o-none" name="rating" value="did_not_happen"${held ? "" : html` required`}> It didn't happen</label></fieldset>`;
  const thanked =
    v.viewer === "requester"
      ? html`<label class="check" for="o-thanked"><input type="checkbox" id="o-thanked" name="thanked" value="yes"> I've thanked ${i}</label>`
      : "";
  return form(
    v,
    csrf,
    "report",
    v.viewer === "requester" ? `Report back to ${i}` : `How was it? (only ${i} sees this)`,
    html`${radios}${text("o-note", "note", "Anything to add? (optional)")}${thanked}`,
    "Send",
  );
}
