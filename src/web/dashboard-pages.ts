import { Hono } from "hono";
import { html } from "hono/html";
import type { AppDeps } from "../app/deps.ts";
import type { IntroView } from "../domain/view.ts";
import { pageQueriesOf } from "../store/page-queries.ts";
import { NEED_SECTIONS, type Need, type NeedKind, needOf } from "./home-items.ts";
import { whatNext } from "./intro-story.ts";
import { listPage, viewsOf } from "./intro-views.ts";
import { appPage, statusLabel, when } from "./layout.ts";
import { pageLinks, pageNumber } from "./paging.ts";
import type { Me, WebEnv } from "./session.ts";
import { signInForm } from "./sign-in-pages.ts";

export const introLink = (v: Pick<IntroView, "id">, label: unknown) =>
  html`<a href="/intros/${encodeURIComponent(v.id)}">${label}</a>`;

/** Intros per page of "Your intros" on the home page, and of one need's own page. */
export const PAGE_SIZE = 50;

/** How many items of each need the home page shows; the rest are on the need's own page. */
export const NEEDS_SHOWN = 5;

/** Candidates read for times to confirm (the page keeps those still ahead). */
const MEETING_CANDIDATES = 50;

const YOUR_PART = { requester: "You asked", introducer: "You introduce", target: "Asked of you" };

function needItem(n: Need) {
  const v = n.view;
  return html`<li class="box need" data-need="${n.kind}"><p>${n.text} <span class="badge" data-status="${v.status}">${statusLabel(v.status)}</span><br><span class="muted">${v.subject}</span></p>
<a class="act" href="${n.action.href}">${n.action.label}</a></li>`;
}

/** One kind of need: the items shown, and how many there are in all. */
export interface NeedSection {
  kind: NeedKind;
  title: string;
  items: Need[];
  total: number;
}

function needSection(s: NeedSection, more: unknown) {
  return html`<section aria-labelledby="need-${s.kind}" data-section="${s.kind}">
<h2 id="need-${s.kind}" style="font-size:1.15rem">${s.title} <span class="muted">(${s.total})</span></h2>
<ul class="plain">${s.items.map(needItem)}</ul>${more}</section>`;
}

export function homePage(
  me: Me,
  csrf: string,
  sections: NeedSection[],
  intros: IntroView[],
  pageNo = 0,
  more = false,
) {
  const shown = sections.filter((s) => s.total);
  const listed = new Set(shown.flatMap((s) => s.items.map((n) => n.view.id)));
  // The rest of the person's intros: what is listed above is not repeated.
  const rest = intros.filter((v) => !listed.has(v.id));
  return appPage(
    me,
    csrf,
    "/",
    "Home",
    html`<h1>What needs you</h1>
${
  shown.length
    ? shown.map((s) =>
        needSection(
          s,
          s.total > s.items.length
            ? html`<p><a href="/?need=${s.kind}">All ${s.total} ${s.title.toLowerCase()}</a></p>`
            : "",
        ),
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

/** One need on a page of its own: every item, a page at a time. */
function needPage(me: Me, csrf: string, s: NeedSection, pageNo: number, more: boolean) {
  return appPage(
    me,
    csrf,
    "/",
    s.title,
    html`<h1>What needs you</h1>
<p><a href="/">Back to everything that needs you</a></p>
${needSection(
  s,
  s.items.length
    ? pageLinks("/", { need: s.kind, page: pageNo }, "page", more, "items")
    : html`<p class="muted">${pageNo ? "No more of these." : "None right now."}</p>`,
)}`,
  );
}

/**
 * What needs `email`, one kind at a time: the list of intros that can need it (in SQL, newest
 * first), then needOf on each one shown. `take` items from `skip` on; the total is counted in
 * SQL, except for times to confirm, where only times still ahead count (read from at most 50).
 */
async function needsOf(
  deps: AppDeps,
  email: string,
  kinds: readonly NeedKind[],
  take: number,
  skip = 0,
): Promise<{ sections: NeedSection[]; more: boolean }> {
  const pq = pageQueriesOf(deps.store);
  const now = deps.now();
  const found = await Promise.all(
    kinds.map(async (kind) => {
      const limit = kind === "meeting" ? MEETING_CANDIDATES : take + 1;
      const [listed, total] = await Promise.all([
        pq.list(email, kind, { limit, offset: kind === "meeting" ? 0 : skip }),
        kind === "meeting" ? null : pq.count(email, kind),
      ]);
      return { kind, listed, total };
    }),
  );
  const views = await viewsOf(
    deps,
    found.flatMap((f) => f.listed),
  );
  const byId = new Map(views.map((v) => [v.id, v]));
  let more = false;
  const sections = found.map(({ kind, listed, total }) => {
    const needs = listed
      .map((l) => byId.get(l.id))
      .map((v) => (v ? needOf(v, now) : null))
      .filter((n): n is Need => n?.kind === kind);
    const items = kind === "meeting" ? needs.slice(skip, skip + take + 1) : needs;
    if (items.length > take) more = true;
    const title = NEED_SECTIONS.find((s) => s.kind === kind)?.title ?? kind;
    return { kind, title, items: items.slice(0, take), total: total ?? needs.length };
  });
  return { sections, more };
}

/** The home page: sign-in for strangers; for the signed-in, what needs them and their intros. */
export function dashboardPages(deps: AppDeps) {
  const app = new Hono<WebEnv>();
  app.get("/", async (c) => {
    const me = c.get("me");
    if (!me) return c.html(signInForm(c.get("csrf")));
    const pageNo = pageNumber(c.req.query("page"));
    const kind = NEED_SECTIONS.find((s) => s.kind === c.req.query("need"))?.kind;
    if (kind) {
      const { sections, more } = await needsOf(
        deps,
        me.email,
        [kind],
        PAGE_SIZE,
        pageNo * PAGE_SIZE,
      );
      return c.html(needPage(me, c.get("csrf"), sections[0] as NeedSection, pageNo, more));
    }
    // Each list is read in SQL, and only the intros shown are viewed, through domain/view.ts
    // (a target's intro appears once they are asked; addresses only after consent).
    const [{ sections }, page] = await Promise.all([
      needsOf(
        deps,
        me.email,
        NEED_SECTIONS.map((s) => s.kind),
        NEEDS_SHOWN,
      ),
      listPage(deps, me.email, "all", { n: pageNo, size: PAGE_SIZE }),
    ]);
    return c.html(homePage(me, c.get("csrf"), sections, page.views, pageNo, page.more));
  });
  return app;
}
