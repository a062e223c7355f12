import { Hono } from "hono";
import { html } from "hono/html";
import type { AppDeps } from "../app/deps.ts";
import { listIntros } from "../app/read-intros.ts";
import { checkRequest, type TargetProfile } from "../domain/coach/index.ts";
import type { IntroView } from "../domain/view.ts";
import { introLink } from "./dashboard-pages.ts";
import { appPage, statusLabel } from "./layout.ts";
import { pageLinks, pageNumber } from "./paging.ts";
import type { WebEnv } from "./session.ts";
import { askedThroughLine, askedThroughText } from "./target-asks.ts";
import { welcomesLine } from "./target-topics.ts";
import { triageFacts } from "./triage-data.ts";

/** Rows per page of each list in the inbox. */
export const INBOX_PAGE = 50;

/** The introducer's inbox: requests waiting on them, with what they need to decide. */
export function inboxPages(deps: AppDeps) {
  const app = new Hono<WebEnv>();
  app.get("/inbox", async (c) => {
    const me = c.get("me");
    if (!me) return c.redirect("/sign-in", 303);
    const page = pageNumber(c.req.query("page"));
    const allPage = pageNumber(c.req.query("all"));
    // One more than a page each, to know whether there is an older page (newest first).
    const q = { email: me.email, role: "introducer" as const, limit: INBOX_PAGE + 1 };
    const waiting = await listIntros(deps, {
      ...q,
      status: "requested",
      offset: page * INBOX_PAGE,
    });
    const all = await listIntros(deps, { ...q, offset: allPage * INBOX_PAGE });
    const facts = triageFacts(deps);
    const row = async (v: IntroView) => {
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
      const topics = await facts.topics(v.target.email);
      const through = await facts.through(v.target.email);
      return html`<tr><td>${introLink(v, html`${v.requester.name} → ${v.target.name}`)}${welcomesLine(v.target.name, topics)}${askedThroughLine(askedThroughText(v.target.name, through, me.email))}</td>
<td><span data-score="${score}">${score}</span>/100</td>
<td>${record.total} asked: ${record.completed} completed, ${record.thanked} thanked, ${record.stalled} stalled, ${record.withdrawn} withdrawn</td>
<td>${load === null ? "unknown address" : `${load} in 90 days`}</td></tr>`;
    };
    const shown = waiting.slice(0, INBOX_PAGE);
    const rows = await Promise.all(shown.map(row));
    const others = all.slice(0, INBOX_PAGE);
    const keep = { page, all: allPage };
    return c.html(
      appPage(
        me,
        c.get("csrf"),
        "/inbox",
        "To triage",
        html`<h1>Requests to triage</h1>
${
  shown.length
    ? html`<table id="waiting"><caption class="muted" style="text-align:left">Requests ${page * INBOX_PAGE + 1} to ${page * INBOX_PAGE + shown.length} waiting on you, newest first</caption>
<thead><tr><th scope="col">Request</th><th scope="col">Coach</th><th scope="col">Requester's record</th><th scope="col">Target asked</th></tr></thead><tbody>${rows}</tbody></table>
${pageLinks("/inbox", keep, "page", waiting.length > INBOX_PAGE, "requests")}`
    : html`<p class="muted">${page ? "No more requests waiting on you." : "Nothing waiting on you."}</p>`
}
<h2 style="font-size:1.15rem" id="all">All your intros</h2>
${
  others.length
    ? html`<ul>${others.map((v) => html`<li>${introLink(v, html`${v.requester.name} → ${v.target.name}`)}: ${statusLabel(v.status)}</li>`)}</ul>
${pageLinks("/inbox", keep, "all", all.length > INBOX_PAGE, "intros", "#all")}`
    : html`<p class="muted">None yet.</p>`
}`,
      ),
    );
  });
  return app;
}
