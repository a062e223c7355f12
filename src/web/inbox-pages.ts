import { Hono } from "hono";
import { html } from "hono/html";
import { LRUCache } from "lru-cache";
import type { AppDeps } from "../app/deps.ts";
import { checkRequest, type TargetProfile } from "../domain/coach/index.ts";
import type { IntroView } from "../domain/view.ts";
import { introLink } from "./dashboard-pages.ts";
import { listPage } from "./intro-views.ts";
import { appPage, statusLabel } from "./layout.ts";
import { pageLinks, pageNumber } from "./paging.ts";
import type { WebEnv } from "./session.ts";
import { askedThroughLine, askedThroughText } from "./target-asks.ts";
import { welcomesLine } from "./target-topics.ts";
import { triageFacts } from "./triage-data.ts";

/** Rows per page of each list in the inbox. */
export const INBOX_PAGE = 50;

// The coach's score of a request depends only on what it reads, so it is kept: the inbox shows
// the same requests on every visit, and reading fifty requests costs more than the rest of the page.
const scores = new LRUCache<string, number>({ max: 2000 });
function coachScore(v: IntroView): number {
  const input = {
    text: v.requestText ?? "",
    subject: v.subject,
    profile: (v.targetProfile ?? undefined) as TargetProfile | undefined,
    targetName: v.target.name,
    requesterName: v.requester.name,
    introducerName: v.introducer.name,
  };
  const key = JSON.stringify(input);
  let score = scores.get(key);
  if (score === undefined) {
    score = checkRequest(input).score;
    scores.set(key, score);
  }
  return score;
}

/** The introducer's inbox: requests waiting on them, with what they need to decide. */
export function inboxPages(deps: AppDeps) {
  const app = new Hono<WebEnv>();
  app.get("/inbox", async (c) => {
    const me = c.get("me");
    if (!me) return c.redirect("/sign-in", 303);
    const page = pageNumber(c.req.query("page"));
    const allPage = pageNumber(c.req.query("all"));
    // Each list is one page read in SQL, and its figures are counted in SQL for the page.
    const [waiting, all] = await Promise.all([
      listPage(deps, me.email, "triage", { n: page, size: INBOX_PAGE }),
      listPage(deps, me.email, "all", { n: allPage, size: INBOX_PAGE, role: "introducer" }),
    ]);
    const shown = waiting.views;
    const facts = await triageFacts(deps, shown);
    const row = (v: IntroView) => {
      const score = coachScore(v);
      const record = facts.record(v.requester.email);
      const load = facts.load(v.target.email);
      return html`<tr><td>${introLink(v, html`${v.requester.name} → ${v.target.name}`)}${welcomesLine(v.target.name, facts.topics(v.target.email))}${askedThroughLine(askedThroughText(v.target.name, facts.through(v.target.email), me.email))}</td>
<td><span data-score="${score}">${score}</span>/100</td>
<td>${record.total} asked: ${record.completed} completed, ${record.thanked} thanked, ${record.stalled} stalled, ${record.withdrawn} withdrawn</td>
<td>${load === null ? "unknown address" : `${load} in 90 days`}</td></tr>`;
    };
    const rows = shown.map(row);
    const others = all.views;
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
${pageLinks("/inbox", keep, "page", waiting.more, "requests")}`
    : html`<p class="muted">${page ? "No more requests waiting on you." : "Nothing waiting on you."}</p>`
}
<h2 style="font-size:1.15rem" id="all">All your intros</h2>
${
  others.length
    ? html`<ul>${others.map((v) => html`<li>${introLink(v, html`${v.requester.name} → ${v.target.name}`)}: ${statusLabel(v.status)}</li>`)}</ul>
${pageLinks("/inbox", keep, "all", all.more, "intros", "#all")}`
    : html`<p class="muted">None yet.</p>`
}`,
      ),
    );
  });
  return app;
}
