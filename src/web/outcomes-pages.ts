import { Hono } from "hono";
import { html } from "hono/html";
import type { AppDeps } from "../app/deps.ts";
import type { IntroView } from "../domain/view.ts";
import { pageQueriesOf } from "../store/page-queries.ts";
import { introLink } from "./dashboard-pages.ts";
import { listPage } from "./intro-views.ts";
import { appPage, statusLabel } from "./layout.ts";
import { shortTime, zoneOf } from "./local-time.ts";
import { pageLinks, pageNumber } from "./paging.ts";
import type { WebEnv } from "./session.ts";

/** Rows per page of outcomes. */
export const OUTCOMES_PAGE = 50;

/** The intros an introducer actually made (the target said yes), and any that were reported on. */
export function madeIntros(intros: IntroView[]): IntroView[] {
  return intros.filter((v) => v.consent || v.outcome || v.targetOutcome);
}

function requesterReport(v: IntroView, zone: string) {
  const o = v.outcome;
  if (!o) return html`<span class="muted">Not yet</span>`;
  return html`<strong data-outcome="${o.rating}">${statusLabel(o.rating)}</strong>${o.thanked ? ", thanked you" : ""}${o.note ? html`<br>“${o.note}”` : ""}<br><span class="muted">${shortTime(o.at, zone)}</span>`;
}

function targetReport(v: IntroView, zone: string) {
  const o = v.targetOutcome;
  if (!o) return html`<span class="muted">Not yet</span>`;
  return html`<strong data-target-outcome="${o.rating}">${statusLabel(o.rating)}</strong>${o.note ? html`<br>“${o.note}”` : ""}<br><span class="muted">${shortTime(o.at, zone)}</span>`;
}

/**
 * Outcomes (/outcomes): for an introducer, every intro they made, with the requester's report-back
 * and the target's private "how was it?", which no one else sees. Others see only their own,
 * which as requester or target is none: the list is of intros made as introducer.
 */
export function outcomesPages(deps: AppDeps) {
  const app = new Hono<WebEnv>();
  app.get("/outcomes", async (c) => {
    const me = c.get("me");
    if (!me) return c.redirect("/sign-in", 303);
    const page = pageNumber(c.req.query("page"));
    const first = page * OUTCOMES_PAGE;
    // One page of the intros made, and how many there are, in SQL; each one shown is viewed
    // through domain/view.ts, and shown only if the view agrees it was made.
    const [listed, count] = await Promise.all([
      listPage(deps, me.email, "made", { n: page, size: OUTCOMES_PAGE, role: "introducer" }),
      pageQueriesOf(deps.store).count(me.email, "made", "introducer"),
    ]);
    const shown = madeIntros(listed.views);
    const zone = await zoneOf(deps, me.email);
    return c.html(
      appPage(
        me,
        c.get("csrf"),
        "/outcomes",
        "Outcomes",
        html`<h1>How your intros went</h1>
<p class="muted">What each requester reported back, and what each person you introduced told you privately: only you see their answer.</p>
${
  shown.length
    ? html`<table class="outcomes"><caption class="muted" style="text-align:left">${count > OUTCOMES_PAGE ? `${first + 1} to ${first + shown.length} of ` : ""}${count} intro${count === 1 ? "" : "s"} you made, newest first</caption>
<thead><tr><th scope="col">Intro</th><th scope="col">Status</th><th scope="col">Requester's report</th><th scope="col">Target's view <span class="hint">(private to you)</span></th></tr></thead>
<tbody>${shown.map(
        (v) =>
          html`<tr data-intro="${v.id}"><td>${introLink(v, html`${v.requester.name} → ${v.target.name}`)}${v.consent ? html`<br><span class="muted">introduced ${shortTime(v.consent.at, zone)}</span>` : ""}</td><td>${statusLabel(v.status)}</td><td>${requesterReport(v, zone)}</td><td>${targetReport(v, zone)}</td></tr>`,
      )}</tbody></table>
${pageLinks("/outcomes", { page }, "page", listed.more, "intros")}`
    : page
      ? html`<p class="muted">No more intros. <a href="/outcomes">Back to the newest</a>.</p>`
      : html`<p class="muted">No intros made yet. Once someone you asked says yes, the intro shows here, and how it went once they tell you.</p>`
}`,
        { wide: true },
      ),
    );
  });
  return app;
}
