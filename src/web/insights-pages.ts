import { Hono } from "hono";
import { html } from "hono/html";
import type { AppDeps } from "../app/deps.ts";
import { pageQueriesOf } from "../store/page-queries.ts";
import { funnelSvg } from "./funnel-chart.ts";
import { appPage } from "./layout.ts";
import type { WebEnv } from "./session.ts";

/** How many of the people an introducer asks the load table shows (the most asked first). */
export const TARGETS_SHOWN = 20;

const DAY = 86_400_000;

/**
 * An introducer's insights: the funnel, each target's load, and outcomes in brief, all counted
 * in SQL over every intro they introduce (drafts are not theirs to see).
 */
export function insightsPages(deps: AppDeps) {
  const app = new Hono<WebEnv>();
  app.get("/insights", async (c) => {
    const me = c.get("me");
    if (!me) return c.redirect("/sign-in", 303);
    const pq = pageQueriesOf(deps.store);
    const f = await pq.introducerFigures(me.email, TARGETS_SHOWN);
    const { targets, targetCount: total } = f;
    const recent = await pq.recentAsks(
      targets.map((t) => t.email),
      new Date(deps.now().getTime() - 90 * DAY),
    );
    return c.html(
      appPage(
        me,
        c.get("csrf"),
        "/insights",
        "Insights",
        html`<h1>Your intros at a glance</h1>
<h2 style="font-size:1.15rem">Funnel</h2>
${funnelSvg(f.funnel)}
<h2 style="font-size:1.15rem">Load on each person you introduce</h2>
${
  targets.length
    ? html`<table>${total > targets.length ? html`<caption class="muted" style="text-align:left">The ${targets.length} you asked most, of ${total}</caption>` : ""}<thead><tr><th scope="col">Target</th><th scope="col">Asked by you</th><th scope="col">Said yes</th><th scope="col">Asked through Vouch, 90 days</th></tr></thead><tbody>${targets.map(
        (t) =>
          html`<tr><td>${t.name}</td><td>${t.asked}</td><td>${t.yes}</td><td>${recent.get(t.email) ?? 0}</td></tr>`,
      )}</tbody></table>`
    : html`<p class="muted">No intros yet.</p>`
}
<h2 style="font-size:1.15rem" id="outcomes">Outcomes</h2>
${
  f.made
    ? html`<p>Of ${f.made} intro${f.made === 1 ? "" : "s"} you made, ${f.reported} reported back: ${f.rated.great} great, ${f.rated.fine} fine, ${f.rated.did_not_happen} didn't happen; ${f.targetTold} of the people you introduced told you how it was.</p>`
    : html`<p class="muted">No intros made yet.</p>`
}
<p><a href="/outcomes">Every outcome, with what each person said</a></p>`,
      ),
    );
  });
  return app;
}
