import { Hono } from "hono";
import { html } from "hono/html";
import type { AppDeps } from "../app/deps.ts";
import { listIntros } from "../app/read-intros.ts";
import { introLink } from "./dashboard-pages.ts";
import { funnelOf, funnelSvg } from "./funnel-chart.ts";
import { appPage, statusLabel, when } from "./layout.ts";
import type { WebEnv } from "./session.ts";
import { triageFacts } from "./triage-data.ts";

/** An introducer's insights: the funnel, each target's load, and every outcome. */
export function insightsPages(deps: AppDeps) {
  const app = new Hono<WebEnv>();
  app.get("/insights", async (c) => {
    const me = c.get("me");
    if (!me) return c.redirect("/sign-in", 303);
    const intros = await listIntros(deps, { email: me.email, role: "introducer", limit: 5000 });
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
    const outcomes = intros.filter((v) => v.outcome || v.targetOutcome);
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
    ? html`<table><thead><tr><th scope="col">Target</th><th scope="col">Asked by you</th><th scope="col">Said yes</th><th scope="col">Asked through Vouch, 90 days</th></tr></thead><tbody>${loads.map(
        (t) =>
          html`<tr><td>${t.name}</td><td>${t.asked}</td><td>${t.yes}</td><td>${t.recent ?? "unknown"}</td></tr>`,
      )}</tbody></table>`
    : html`<p class="muted">No intros yet.</p>`
}
<h2 style="font-size:1.15rem" id="outcomes">Outcomes</h2>
${
  outcomes.length
    ? html`<ul class="outcomes">${outcomes.map(
        (v) =>
          html`<li>${introLink(v, html`${v.requester.name} → ${v.target.name}`)}: ${statusLabel(v.status)}${
            v.outcome
              ? html`; ${v.requester.name}: <strong data-outcome="${v.outcome.rating}">${statusLabel(v.outcome.rating)}</strong>${v.outcome.thanked ? ", thanked you" : ""}${v.outcome.note ? html` (“${v.outcome.note}”)` : ""} <span class="muted">${when(v.outcome.at)}</span>`
              : ""
          }${v.targetOutcome ? html`; ${v.target.name}: ${statusLabel(v.targetOutcome.rating)}${v.targetOutcome.note ? html` (“${v.targetOutcome.note}”)` : ""}` : ""}</li>`,
      )}</ul>`
    : html`<p class="muted">No outcomes reported yet.</p>`
}`,
      ),
    );
  });
  return app;
}
