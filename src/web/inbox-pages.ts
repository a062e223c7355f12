import { Hono } from "hono";
import { html } from "hono/html";
import type { AppDeps } from "../app/deps.ts";
import { listIntros } from "../app/read-intros.ts";
import { checkRequest, type TargetProfile } from "../domain/coach/index.ts";
import { introLink } from "./dashboard-pages.ts";
import { appPage, statusLabel } from "./layout.ts";
import type { WebEnv } from "./session.ts";
import { triageFacts } from "./triage-data.ts";

/** The introducer's inbox: requests waiting on them, with what they need to decide. */
export function inboxPages(deps: AppDeps) {
  const app = new Hono<WebEnv>();
  app.get("/inbox", async (c) => {
    const me = c.get("me");
    if (!me) return c.redirect("/sign-in", 303);
    const all = await listIntros(deps, { email: me.email, role: "introducer", limit: 500 });
    const waiting = all.filter((v) => v.status === "requested");
    const facts = triageFacts(deps);
    const rows = await Promise.all(
      waiting.map(async (v) => {
        const score = checkRequest({
          text: v.requestText ?? "",
          subject: v.subject,
          profile: (v.targetProfile ?? undefined) as TargetProfile | undefined,
          targetName: v.target.name,
          requesterName: v.requester.name,
          introducerName: v.introducer.name,
        }).score;
        const record = await facts.record(v.requester.email ?? "");
        const load = await facts.load(v.target.email);
        return html`<tr><td>${introLink(v, html`${v.requester.name} → ${v.target.name}`)}</td>
<td><span data-score="${score}">${score}</span>/100</td>
<td>${record.total} asked: ${record.completed} completed, ${record.thanked} thanked, ${record.stalled} stalled, ${record.withdrawn} withdrawn</td>
<td>${load === null ? "unknown address" : `${load} in 90 days`}</td></tr>`;
      }),
    );
    const others = all.filter((v) => v.status !== "requested");
    return c.html(
      appPage(
        me,
        c.get("csrf"),
        "/inbox",
        "To triage",
        html`<h1>Requests to triage</h1>
${
  waiting.length
    ? html`<table><thead><tr><th scope="col">Request</th><th scope="col">Coach</th><th scope="col">Requester's record</th><th scope="col">Target asked</th></tr></thead><tbody>${rows}</tbody></table>`
    : html`<p class="muted">Nothing waiting on you.</p>`
}
<h2 style="font-size:1.15rem">Your other intros</h2>
${
  others.length
    ? html`<ul>${others.map((v) => html`<li>${introLink(v, html`${v.requester.name} → ${v.target.name}`)}: ${statusLabel(v.status)}</li>`)}</ul>`
    : html`<p class="muted">None yet.</p>`
}`,
      ),
    );
  });
  return app;
}
