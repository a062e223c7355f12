import { Hono } from "hono";
import { html } from "hono/html";
import type { AppDeps } from "../app/deps.ts";
import { listIntros } from "../app/read-intros.ts";
import { introLink } from "./dashboard-pages.ts";
import { appPage, statusLabel } from "./layout.ts";
import type { WebEnv } from "./session.ts";

/** Targets: the intros offered to them. No account is needed to answer. */
export function targetPages(deps: AppDeps) {
  const app = new Hono<WebEnv>();
  app.get("/offers", async (c) => {
    const me = c.get("me");
    if (!me) return c.redirect("/sign-in", 303);
    const intros = await listIntros(deps, { email: me.email, role: "target" });
    return c.html(
      appPage(
        me,
        c.get("csrf"),
        "/offers",
        "Offered to me",
        html`<h1>Intros offered to you</h1>
${
  intros.length
    ? html`<ul>${intros.map((v) => html`<li>${introLink(v, html`${v.requester.name}, through ${v.introducer.name}`)}: ${statusLabel(v.status)}</li>`)}</ul>`
    : html`<p class="muted">Nobody has asked you yet.</p>`
}
<p><a href="/preferences">Set what intros reach you</a></p>`,
      ),
    );
  });
  return app;
}
