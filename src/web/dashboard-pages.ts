import { Hono } from "hono";
import { html } from "hono/html";
import type { AppDeps } from "../app/deps.ts";
import { listIntros } from "../app/read-intros.ts";
import type { IntroView } from "../domain/view.ts";
import { NEED_SECTIONS, NEED_STATUSES, type Need, needOf } from "./home-items.ts";
import { whatNext } from "./intro-story.ts";
import { appPage, statusLabel, when } from "./layout.ts";
import { pageLinks, pageNumber } from "./paging.ts";
import type { Me, WebEnv } from "./session.ts";
import { signInForm } from "./sign-in-pages.ts";

export const introLink = (v: Pick<IntroView, "id">, label: unknown) =>
  html`<a href="/intros/${encodeURIComponent(v.id)}">${label}</a>`;

/** Intros per page of "Your intros" on the home page. */
export const PAGE_SIZE = 50;

/** How many intros of each status the home page reads for "what needs you" (newest first). */
export const NEED_CAP = 200;

const YOUR_PART = { requester: "You asked", introducer: "You introduce", target: "Asked of you" };

function needItem(n: Need) {
  const v = n.view;
  return html`<li class="box need" data-need="${n.kind}"><p>${n.text} <span class="badge" data-status="${v.status}">${statusLabel(v.status)}</span><br><span class="muted">${v.subject}</span></p>
<a class="act" href="${n.action.href}">${n.action.label}</a></li>`;
}

export function homePage(
  me: Me,
  csrf: string,
  needs: Need[],
  intros: IntroView[],
  pageNo = 0,
  more = false,
) {
  const sections = NEED_SECTIONS.map((s) => ({
    ...s,
    items: needs.filter((n) => n.kind === s.kind),
  })).filter((s) => s.items.length);
  const listed = new Set(needs.map((n) => n.view.id));
  // The rest of the person's intros: what is listed above is not repeated.
  const rest = intros.filter((v) => !listed.has(v.id));
  return appPage(
    me,
    csrf,
    "/",
    "Home",
    html`<h1>What needs you</h1>
${
  sections.length
    ? sections.map(
        (s) => html`<section aria-labelledby="need-${s.kind}" data-section="${s.kind}">
<h2 id="need-${s.kind}" style="font-size:1.15rem">${s.title} <span class="muted">(${s.items.length})</span></h2>
<ul class="plain">${s.items.map(needItem)}</ul></section>`,
      )
    : html`<p class="muted" data-section="none">Nothing needs you right now.</p>`
}
<p><a href="/requests/new">Ask for a new introduction</a></p>
<h2 style="font-size:1.15rem" id="all">Your intros</h2>
${
  rest.length
    ? html`<table><caption class="muted" style="text-align:left">Newest first${pageNo ? `, page ${pageNo + 1}` : ""}</caption>
<thead><tr><th scope="col">Intro</th><th scope="col">Your part</th><th scope="col">Status</th><th scope="col">What happens next</th></tr></thead>
<tbody>${rest.map(
        (v) =>
          html`<tr><td>${introLink(v, html`${v.requester.name} → ${v.target.name}`)}<br><span class="muted">through ${v.introducer.name}</span></td><td>${v.viewer === "operator" ? "" : YOUR_PART[v.viewer]}</td><td><span class="badge" data-status="${v.status}">${statusLabel(v.status)}</span><br><span class="muted">${when(v.updatedAt)}</span></td><td>${whatNext(v)}</td></tr>`,
      )}</tbody></table>`
    : html`<p class="muted">${pageNo ? "No more intros." : intros.length ? "All of them are listed above." : "No intros yet."}</p>`
}
${pageLinks("/", { page: pageNo }, "page", more, "intros", "#all")}`,
  );
}

/** The home page: sign-in for strangers; for the signed-in, what needs them and their intros. */
export function dashboardPages(deps: AppDeps) {
  const app = new Hono<WebEnv>();
  app.get("/", async (c) => {
    const me = c.get("me");
    if (!me) return c.html(signInForm(c.get("csrf")));
    const pageNo = pageNumber(c.req.query("page"));
    const now = deps.now();
    // Read only through listIntros, so domain/view.ts alone decides what this person may see
    // (a target's intro appears once they are asked; addresses only after consent).
    const [waiting, intros] = await Promise.all([
      Promise.all(
        NEED_STATUSES.map((status) =>
          listIntros(deps, { email: me.email, status, limit: NEED_CAP }),
        ),
      ),
      // One more than a page, to know whether there is an older page (newest first).
      listIntros(deps, { email: me.email, limit: PAGE_SIZE + 1, offset: pageNo * PAGE_SIZE }),
    ]);
    const needs = waiting
      .flat()
      .map((v) => needOf(v, now))
      .filter((n): n is Need => n !== null);
    return c.html(
      homePage(
        me,
        c.get("csrf"),
        needs,
        intros.slice(0, PAGE_SIZE),
        pageNo,
        intros.length > PAGE_SIZE,
      ),
    );
  });
  return app;
}
