import { Hono } from "hono";
import { html } from "hono/html";
import type { AppDeps } from "../app/deps.ts";
import { funnelStages, funnelSvg } from "./funnel-chart.ts";
import { appPage } from "./layout.ts";
import type { WebEnv } from "./session.ts";
import { LOAD_DAYS, loadSince } from "./triage-data.ts";

/** An introducer's insights: the funnel, each target's load, and outcomes in brief, all counted
 *  by the database over every intro of theirs. */
export function insightsPages(deps: AppDeps) {
  const app = new Hono<WebEnv>();
  app.get("/insights", async (c) => {
    const me = c.get("me");
    if (!me) return c.redirect("/sign-in", 303);
    const [counts, targets] = await Promise.all([
      deps.store.introducerCounts(me.email),
      deps.store.introducerTargets(me.email),
    ]);
    const stages = funnelStages(counts.funnel);
    const asks = await deps.store.countAsks({
      targets: targets.flatMap((t) => (t.email ? [t.email] : [])),
      since: loadSince(deps.now()),
    });
    const loads = targets.map((t) => ({
      ...t,
      recent: t.email ? (asks.get(t.email) ?? 0) : null,
    }));
    const made = counts.made;
    return c.html(
      appPage(
        me,
        c.get("csrf"),
        "/insights",
        "Insights",
        html`<h1>Your intros at a glance</h1>
<h2 style="font-size:1.15rem">Funnel</h2>
${funnelSvg(stages)}
<h2 style="font-size:1.15rem">Load on each person you introduce</h2>
${
  loads.length
    ? html`<table><thead><tr><th scope="col">Target</th><th scope="col">Asked by you</th><th scope="col">Said yes</th><th scope="col">Asked through Vouch, ${LOAD_DAYS} days</th></tr></thead><tbody>${loads.map(
        (t) =>
          html`<tr><td>${t.name}</td><td>${t.asked}</td><td>${t.yes}</td><td>${t.recent ?? "unknown"}</td></tr>`,
      )}</tbody></table>`
    : html`<p class="muted">No intros yet.</p>`
}
<h2 style="font-size:1.15rem" id="outcomes">Outcomes</h2>
${
  made.total
    ? html`<p>Of ${made.total} intro${made.total === 1 ? "" : "s"} you made, ${made.reported} reported back: ${made.great} great, ${made.fine} fine, ${made.didNotHappen} didn't happen; ${made.targetTold} of the people you introduced told you how it was.</p>`
    : html`<p class="muted">No intros made yet.</p>`
}
<p><a href="/outcomes">Every outcome, with what each person said</a></p>`,
      ),
    );
  });
  return app;
}
