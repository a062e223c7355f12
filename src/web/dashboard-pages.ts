import { Hono } from "hono";
import { html } from "hono/html";
import type { AppDeps } from "../app/deps.ts";
import { listIntros } from "../app/read-intros.ts";
import type { IntroView } from "../domain/view.ts";
import { whatNext } from "./intro-story.ts";
import { appPage, statusLabel, when } from "./layout.ts";
import type { Me, WebEnv } from "./session.ts";
import { signInForm } from "./sign-in-pages.ts";

export const introLink = (v: Pick<IntroView, "id">, label: unknown) =>
  html`<a href="/intros/${encodeURIComponent(v.id)}">${label}</a>`;

/** Requests per page of "My requests". */
export const PAGE_SIZE = 50;

export function myRequestsPage(me: Me, csrf: string, intros: IntroView[], pageNo = 0) {
  const more = intros.length > PAGE_SIZE;
  const shown = intros.slice(0, PAGE_SIZE);
  return appPage(
    me,
    csrf,
    "/",
    "My requests",
    html`<h1>My requests</h1>
<p><a href="/requests/new">Ask for a new introduction</a></p>
${
  shown.length
    ? html`<table><caption class="muted" style="text-align:left">Requests ${pageNo * PAGE_SIZE + 1} to ${pageNo * PAGE_SIZE + shown.length}, newest first</caption>
<thead><tr><th scope="col">To meet</th><th scope="col">Through</th><th scope="col">Status</th><th scope="col">What happens next</th></tr></thead>
<tbody>${shown.map(
        (v) =>
          html`<tr><td>${introLink(v, v.target.name)}</td><td>${v.introducer.name}</td><td><span class="badge" data-status="${v.status}">${statusLabel(v.status)}</span><br><span class="muted">${when(v.updatedAt)}</span></td><td>${whatNext(v)}</td></tr>`,
      )}</tbody></table>
<p>${pageNo > 0 ? html`<a href="/?page=${pageNo - 1}">Newer requests</a> ` : ""}${more ? html`<a href="/?page=${pageNo + 1}">Older requests</a>` : ""}</p>`
    : html`<p class="muted">No requests yet.</p>`
}`,
  );
}

/** The home page: sign-in for strangers, "My requests" for the signed-in. */
export function dashboardPages(deps: AppDeps) {
  const app = new Hono<WebEnv>();
  app.get("/", async (c) => {
    const me = c.get("me");
    if (!me) return c.html(signInForm(c.get("csrf")));
    const pageNo = Math.max(
      0,
      Math.min(10_000, Number.parseInt(c.req.query("page") ?? "0", 10) || 0),
    );
    // One more than a page, to know whether there is an older page (newest first).
    const intros = await listIntros(deps, {
      email: me.email,
      role: "requester",
      limit: PAGE_SIZE + 1,
      offset: pageNo * PAGE_SIZE,
    });
    return c.html(myRequestsPage(me, c.get("csrf"), intros, pageNo));
  });
  return app;
}
