import { Hono } from "hono";
import { html } from "hono/html";
import type { AppDeps } from "../app/deps.ts";
import { introLink } from "./dashboard-pages.ts";
import { listPage } from "./intro-views.ts";
import { appPage, statusLabel } from "./layout.ts";
import { pageLinks, pageNumber } from "./paging.ts";
import type { WebEnv } from "./session.ts";

/** Intros per page of the ones offered to a person. */
export const OFFERS_PAGE = 50;

/** Targets: the intros offered to them, newest first. No account is needed to answer. */
export function targetPages(deps: AppDeps) {
  const app = new Hono<WebEnv>();
  app.get("/offers", async (c) => {
    const me = c.get("me");
    if (!me) return c.redirect("/sign-in", 303);
    const page = pageNumber(c.req.query("page"));
    const { views, more } = await listPage(deps, me.email, "all", {
      n: page,
      size: OFFERS_PAGE,
      role: "target",
    });
    return c.html(
      appPage(
        me,
        c.get("csrf"),
        "/offers",
        "Offered to me",
        html`<h1>Intros offered to you</h1>
${
  views.length
    ? html`<ul>${views.map((v) => html`<li>${introLink(v, html`${v.requester.name}, through ${v.introducer.name}`)}: ${statusLabel(v.status)}</li>`)}</ul>
${pageLinks("/offers", { page }, "page", more, "intros")}`
    : html`<p class="muted">${page ? "No more intros." : "Nobody has asked you yet."}</p>`
}
<p><a href="/preferences">Set what intros reach you</a></p>`,
      ),
    );
  });
  return app;
}
