import { Hono } from "hono";
import { html } from "hono/html";
import { applyEvent } from "../app/apply-event.ts";
import type { AppDeps } from "../app/deps.ts";
import { outcomeEvent } from "../app/link-actions.ts";
import { readIntro, viewerRole } from "../app/read-intros.ts";
import { splitRequest } from "../domain/coach/index.ts";
import { isVouchError, VouchError } from "../domain/errors.ts";
import type { IntroEvent, OutcomeRating, Role } from "../domain/types.ts";
import type { IntroView } from "../domain/view.ts";
import { HTTP_STATUS } from "../http/error-map.ts";
import { COPY_JS } from "./copy-script.ts";
import { actionForms, bccReply, ownIntroPanel } from "./intro-forms.ts";
import { describeEvent, storyOf, whatNext } from "./intro-story.ts";
import { appPage, statusLabel } from "./layout.ts";
import { shortTime, zoneOf } from "./local-time.ts";
import { meetingEvent, meetingRows } from "./meeting-forms.ts";
import { proposeEvent } from "./propose-times-form.ts";
import { formOf, type Me, type WebEnv } from "./session.ts";
import { welcomedTopics, welcomesLine } from "./target-topics.ts";

const first = (n: string) => n.trim().split(/\s+/)[0] ?? n;
const opt = (s: string | undefined) => (s?.trim() ? s.trim() : undefined);

/**
 * The event a form on the intro page asks for, with the viewer's role as its actor (`now`
 * refuses proposed times already past).
 */
export function eventFrom(role: Role, f: Record<string, string>, now: Date): IntroEvent {
  const bad = (msg: string) => new VouchError("INVALID_INPUT", msg, { field: "event" });
  switch (`${role}:${f.event}`) {
    case "introducer:forward":
      return {
        type: "forward_for_consent",
        actor: "introducer",
        note: opt(f.note),
        targetEmail: opt(f.targetEmail),
      };
    case "introducer:ask_changes":
      if (!opt(f.note)) throw bad("Say what should change.");
      return { type: "ask_for_changes", actor: "introducer", note: f.note?.trim() ?? "" };
    case "introducer:decline":
    case "target:decline":
      return { type: "decline", actor: role as "introducer", reason: opt(f.reason) };
    case "target:accept":
      // A signed-in click by the target is authenticated consent.
      return {
        type: "accept",
        actor: "target",
        evidence: { via: "web", confidence: 1, authenticated: true },
      };
    case "target:defer":
      return {
        type: "defer",
        actor: "target",
        until: opt(f.until) ? new Date(`${f.until}T09:00:00Z`).toISOString() : undefined,
      };
    case "requester:revise":
      if (!opt(f.request)) throw bad("The request cannot be empty.");
      return { type: "revise", actor: "requester", requestText: f.request ?? "" };
    case "introducer:own_sent":
      return { type: "own_intro_sent", actor: "introducer" };
    case "requester:withdraw":
      return { type: "withdraw", actor: "requester" };
    case "requester:reply_sent":
      return { type: "reply_in_thread", actor: "requester", movedIntroducerToBcc: true };
    case "requester:confirm_meeting":
    case "target:confirm_meeting":
      return meetingEvent(role === "target" ? "target" : "requester", f);
    case "requester:propose_times":
    case "target:propose_times":
      return proposeEvent(role === "target" ? "target" : "requester", f, now);
    case "requester:report":
    case "target:report": {
      const rating = f.rating as OutcomeRating;
      if (!["great", "fine", "did_not_happen"].includes(rating)) throw bad("Choose how it went.");
      return outcomeEvent(role === "target" ? "target" : "requester", rating, f);
    }
  }
  throw bad("You can't do that on this intro.");
}

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/** An event's details, with instants shown in the reader's zone. */
function dataLine(data: Record<string, unknown> | undefined, zone: string) {
  if (!data) return "";
  const show = (x: unknown) =>
    typeof x === "string" && INSTANT.test(x) ? shortTime(x, zone) : String(x);
  const parts = Object.entries(data).filter(
    ([, x]) => typeof x === "string" || typeof x === "number" || typeof x === "boolean",
  );
  return parts.length
    ? html`<br><span class="muted">${parts.map(([k, x], n) => html`${n ? "; " : ""}${k}: ${show(x)}`)}</span>`
    : "";
}

function timeline(v: IntroView, zone: string) {
  type Row = { at: string; item: unknown };
  const rows: Row[] = v.events.map((e) => ({
    at: e.at,
    item: html`<time datetime="${e.at}">${shortTime(e.at, zone)}</time>: ${describeEvent(v, e)} <span class="muted">(${e.channel})</span>${dataLine(e.data, zone)}`,
  }));
  for (const m of v.emails)
    rows.push({
      at: m.sentAt ?? "9999",
      item: html`${m.sentAt ? html`<time datetime="${m.sentAt}">${shortTime(m.sentAt, zone)}</time>` : "Queued"}: email <em>${m.template.replaceAll("_", " ")}</em> to ${m.to.join(", ")}${m.cc.length ? ` (cc ${m.cc.join(", ")})` : ""}: ${m.status}`,
    });
  rows.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  return html`<ol class="timeline">${rows.map((r) => html`<li>${r.item}</li>`)}</ol>`;
}

const STEP_WORDS = { done: "done", current: "where it stands", todo: "to come" } as const;

/**
 * The lifecycle as a story at the top of the page: an ordered list of steps in plain words, the
 * current one marked for assistive technology (aria-current="step") and by its look; a side exit
 * (declined, withdrawn, expired, not now) in words below it.
 */
export function storyList(v: IntroView) {
  const s = storyOf(v);
  return html`<ol class="story" aria-label="How this intro is going">${s.steps.map(
    (st) =>
      html`<li data-step="${st.state}"${st.state === "current" ? html` aria-current="step"` : ""}>${st.label}<span class="sr"> (${STEP_WORDS[st.state]})</span></li>`,
  )}</ol>${
    s.exit
      ? html`<p class="exit" data-exit="${v.status}"><strong>${s.ended ? "Ended" : "For now"}:</strong> ${s.exit}.</p>`
      : ""
  }`;
}

/** What the intro page needs besides the intro: the viewer's zone, and a refused form's values. */
export interface IntroPageOpts {
  zone?: string;
  /** What the viewer's last action did (after its redirect), e.g. who was emailed. */
  notice?: string;
  /** The clock: proposed times already past are no longer listed. */
  now?: Date;
  /** The target's welcomed topics, shown as given (for the introducer, while they decide). */
  topics?: string[];
  error?: string;
  typed?: Record<string, string>;
}

export function introPage(me: Me, csrf: string, v: IntroView, o: IntroPageOpts = {}) {
  const zone = o.zone ?? "UTC";
  const person = (p: { name: string; email: string | null }) =>
    html`${p.name}${p.email ? html` &lt;${p.email}&gt;` : ""}`;
  return appPage(
    me,
    csrf,
    "",
    v.subject,
    html`<p class="muted">You are the ${v.viewer} of this intro.</p>
<h1>${v.subject}</h1>
${storyList(v)}
<p>Status: <span class="badge" data-status="${v.status}">${statusLabel(v.status)}</span></p>
<p><strong>Next:</strong> ${whatNext(v)}${v.nextTimerAt ? html` <span class="muted">Vouch checks in again on ${shortTime(v.nextTimerAt, zone)}.</span>` : ""}</p>
${o.notice ? html`<p class="ok" role="status">${o.notice}</p>` : ""}
${o.error ? html`<p class="err" role="alert">${o.error}</p>` : ""}
<table><tbody>
<tr><th scope="row">Requester</th><td>${person(v.requester)}</td></tr>
<tr><th scope="row">Introducer</th><td>${person(v.introducer)}</td></tr>
<tr><th scope="row">Target</th><td>${person(v.target)}</td></tr>
${v.coach ? html`<tr><th scope="row">Coach score</th><td>${v.coach.score}/100</td></tr>` : ""}
${v.declineReason ? html`<tr><th scope="row">Private reason</th><td>${v.declineReason}</td></tr>` : ""}
${v.outcome ? html`<tr><th scope="row">Outcome</th><td>${statusLabel(v.outcome.rating)}${v.outcome.thanked ? ", thanked" : ""}${v.outcome.note ? html`: ${v.outcome.note}` : ""}</td></tr>` : ""}
${v.targetOutcome ? html`<tr><th scope="row">${v.target.name}'s view</th><td>${statusLabel(v.targetOutcome.rating)}${v.targetOutcome.note ? html`: ${v.targetOutcome.note}` : ""}</td></tr>` : ""}
${meetingRows(v, zone, o.now)}
</tbody></table>
${welcomesLine(v.target.name, o.topics ?? [])}
${v.requestText ? html`<h2 style="font-size:1.15rem">The request</h2><pre class="box">${v.requestText}</pre>` : ""}
${v.viewer === "requester" ? bccReply(v, csrf, zone, o.now) : ""}
${ownIntroPanel(v, csrf, splitRequest(v.requestText ?? "", v.subject).blurb || (v.requestText ?? ""))}
<h2 style="font-size:1.15rem">What you can do</h2>
${(() => {
  const forms = actionForms(v, csrf, zone, o.typed, o.now);
  return forms.length ? forms : html`<p class="muted">Nothing for you to do right now.</p>`;
})()}
<h2 style="font-size:1.15rem">History</h2>
${timeline(v, zone)}`,
  );
}

// What each action did, in words, shown after its redirect: who was told, and how.
const NOTICES: Record<string, (v: IntroView) => string> = {
  forward_for_consent: (v) =>
    `${first(v.target.name)} has been asked: Vouch emailed them your note and ${first(v.requester.name)}'s request.`,
  ask_for_changes: (v) => `Sent to ${first(v.requester.name)}: your note on what should change.`,
  decline: (v) =>
    v.viewer === "target"
      ? `Sent to ${first(v.introducer.name)}: you said no. ${first(v.requester.name)} never sees your reason.`
      : `Declined: ${first(v.requester.name)} is told kindly; ${first(v.target.name)} hears nothing.`,
  accept: (v) =>
    v.introduceFrom === "own_mailbox"
      ? `Sent to ${first(v.introducer.name)}: you said yes. They introduce you to ${first(v.requester.name)} by email.`
      : `Sent to ${first(v.introducer.name)}: you said yes. The introduction to ${first(v.requester.name)} is in your email.`,
  defer: (v) =>
    `Sent to ${first(v.introducer.name)}: not now.${v.deferUntil ? ` They can ask again after ${v.deferUntil.slice(0, 10)}.` : ""}`,
  revise: (v) =>
    v.status === "requested"
      ? `Sent to ${first(v.introducer.name)}: your revised request.`
      : "Saved: your request is revised.",
  own_intro_sent: (v) =>
    `Recorded: you introduced ${first(v.requester.name)} and ${first(v.target.name)}. Vouch follows the thread from here.`,
  withdraw: (v) =>
    v.events.some((e) => e.type === "submit")
      ? `Withdrawn: ${first(v.introducer.name)} is told by email.`
      : "Withdrawn: the draft was never sent.",
  reply_in_thread: (v) =>
    `Noted: you replied to ${first(v.target.name)}. Vouch follows the thread from here.`,
  propose_times: (v) =>
    `Sent: ${v.viewer === "target" ? v.requester.name : v.target.name} gets these times by email, with a one-click confirm for each.`,
  confirm_meeting: () => "Meeting set: you both get a calendar invite by email.",
  report_outcome: (v) =>
    v.viewer === "target"
      ? `Saved: only ${first(v.introducer.name)} sees how it went.`
      : `Sent to ${first(v.introducer.name)}: your report. Thank you!`,
};

/**
 * The notice for `?done=<event>` after a redirect: only when this viewer's own latest event is
 * that one (a link with someone else's `done` says nothing); nothing for anything else.
 */
function noticeFor(v: IntroView, done: string | undefined): string | null {
  const make = done && Object.hasOwn(NOTICES, done) ? NOTICES[done] : undefined;
  const mine = v.events.filter((e) => e.actor === v.viewer).at(-1);
  return make && mine?.type === done ? make(v) : null;
}

/** The intro timeline (/intros/:id): what this viewer may see, and the actions they may take. */
export function introPages(deps: AppDeps) {
  const app = new Hono<WebEnv>();
  /** The page as this person sees it: times in their zone, the target's topics for the introducer. */
  const render = async (me: Me, csrf: string, v: IntroView, more: IntroPageOpts = {}) => {
    const zone = await zoneOf(deps, me.email);
    // While the introducer decides whether to ask the target.
    const deciding = ["requested", "changes_requested"].includes(v.status);
    const topics =
      v.viewer === "introducer" && deciding ? await welcomedTopics(deps, v.target.email) : [];
    return introPage(me, csrf, v, { zone, topics, now: deps.now(), ...more });
  };
  app.get("/static/copy.js", (c) =>
    c.body(COPY_JS, 200, { "content-type": "text/javascript; charset=utf-8" }),
  );
  app.get("/intros/:id", async (c) => {
    const me = c.get("me");
    if (!me) return c.redirect("/sign-in", 303);
    try {
      const v = await readIntro(deps, c.req.param("id"), { email: me.email });
      const notice = noticeFor(v, c.req.query("done"));
      return c.html(await render(me, c.get("csrf"), v, notice ? { notice } : {}));
    } catch (e) {
      if (isVouchError(e) && e.code === "NOT_FOUND")
        return c.html(
          appPage(
            me,
            c.get("csrf"),
            "",
            "Not found",
            html`<h1>No such intro</h1><p>There is no intro here that you take part in.</p>`,
          ),
          404,
        );
      throw e;
    }
  });
  app.post("/intros/:id/act", async (c) => {
    const me = c.get("me");
    if (!me) return c.redirect("/sign-in", 303);
    const id = c.req.param("id");
    const form = await formOf(c);
    try {
      const { role } = await viewerRole(deps, id, me.email);
      const event = eventFrom(role, form, deps.now());
      await applyEvent(deps, id, event, "web");
      const done = Object.hasOwn(NOTICES, event.type) ? `?done=${event.type}` : "";
      return c.redirect(`/intros/${encodeURIComponent(id)}${done}`, 303);
    } catch (e) {
      if (!isVouchError(e)) throw e;
      if (e.code === "NOT_FOUND") throw new VouchError("NOT_FOUND", "No such intro.");
      const v = await readIntro(deps, id, { email: me.email });
      const status = HTTP_STATUS[e.code] ?? 400;
      return c.html(await render(me, c.get("csrf"), v, { error: e.message, typed: form }), status);
    }
  });
  return app;
}
