import { Hono } from "hono";
import { html } from "hono/html";
import type { AppDeps } from "../app/deps.ts";
import { funnelOf, funnelSvg } from "./funnel-chart.ts";
import { capNote, INTRODUCER_CAP, introducerIntros } from "./introducer-intros.ts";
import { appPage } from "./layout.ts";
import { madeIntros } from "./outcomes-pages.ts";
import type { WebEnv } from "./session.ts";
import { triageFacts } from "./triage-data.ts";

/** An introducer's insights: the funnel, each target's load, and outcomes in brief. */
export function insightsPages(deps: AppDeps, cap = INTRODUCER_CAP) {
  const app = new Hono<WebEnv>();
  app.get("/insights", async (c) => {
    const me = c.get("me");
    if (!me) return c.redirect("/sign-in", 303);
    const { intros, capped } = await introducerIntros(deps, me.email, cap);
    const stages = funnelOf(intros);
    const facts = triageFacts(deps);
    const byTarget = new Map<
      string,
      { name: string; email: string | null; asked: number; yes: number }
    >();
    for (const v of intros) {
      const key = v.target.email ?? `name:${v.target.name}`;
      const t = byTarget.get(key) ?? {
        name: v.target.name,
        email: v.target.email,
        asked: 0,
        yes: 0,
      };
      if (v.events.some((e) => e.type === "forward_for_consent")) t.asked++;
      if (v.consent) t.yes++;
      byTarget.set(key, t);
    }
    const loads = await Promise.all(
      [...byTarget.values()].map(async (t) => ({ ...t, recent: await facts.load(t.email) })),
    );
    const made = madeIntros(intros);
    const rated = (r: string) => made.filter((v) => v.outcome?.rating === r).length;
    return c.html(
      appPage(
        me,
        c.get("csrf"),
        "/insights",
        "Insights",
        html`<h1>Your intros at a glance</h1>
${capNote(capped)}
<h2 style="font-size:1.15rem">Funnel</h2>
${funnelSvg(stages)}
<h2 style="font-size:1.15rem">Load on each person you introduce</h2>
${
  loads.length
    ? html`<table><thead><tr><th scope="col">Target</th><th scope="col">Asked by you</th><th scope="col">Said yes</th><th scope="col">Asked through Vouch, 90 days</th></tr></thead><tbody>${loads.map(
        (t) =>
          html`<tr><td>${t.name}</td><td>${t.asked}</td><td>${t.yes}</td><td>${t.recent ?? "unknown"}</td></tr>`,
      )}</tbody></table>`
    : html`<p class="muted">No intros yet.</p>`
}
<h2 style="font-size:1.15rem" id="outcomes">Outcomes</h2>
${
  made.length
    ? html`<p>Of ${made.length} intro${made.length === 1 ? "" : "s"} you made, ${made.filter((v) => v.outcome).length} reported back: ${rated("great")} great, ${rated("fine")} fine, ${rated("did_not_happen")} didn't happen; ${made.filter((v) => v.targetOutcome).length} of the people you introduced told you how it was.</p>`
    : html`<p class="muted">No intros made yet.</p>`
}
<p><a href="/outcomes">Every outcome, with what each person said</a></p>`,
      ),
    );
  });
  return app;
}
