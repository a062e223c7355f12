import { Hono } from "hono";
import { html } from "hono/html";
import type { AppDeps } from "../app/deps.ts";
import { listIntros } from "../app/read-intros.ts";
import { introLink } from "./dashboard-pages.ts";
import { appPage, csrfField, statusLabel } from "./layout.ts";
import { formOf, type Me, type WebEnv } from "./session.ts";

/** What a target asks of the intros that reach them; kept in people.prefs. */
export interface TargetPrefs {
  topics: string[];
  monthlyMax: number | null;
  paused: boolean;
}

export function targetPrefsOf(prefs: Record<string, unknown>): TargetPrefs {
  return {
    topics: Array.isArray(prefs.topics) ? (prefs.topics as unknown[]).map(String) : [],
    monthlyMax: typeof prefs.monthlyMax === "number" ? prefs.monthlyMax : null,
    paused: prefs.paused === true,
  };
}

function prefsPage(me: Me, csrf: string, p: TargetPrefs, saved: boolean) {
  return appPage(
    me,
    csrf,
    "/preferences",
    "Preferences",
    html`<h1>What intros reach you</h1>
${saved ? html`<p class="ok" role="status">Saved.</p>` : ""}
<form method="post" action="/preferences">${csrfField(csrf)}
<label for="p-topics">Topics you welcome<span class="hint" id="p-topics-hint">Separated by commas, e.g. careers in tech, climate startups</span></label>
<input type="text" id="p-topics" name="topics" aria-describedby="p-topics-hint" value="${p.topics.join(", ")}">
<label for="p-max">At most this many intro requests a month<span class="hint" id="p-max-hint">Leave empty for no limit</span></label>
<input type="number" id="p-max" name="monthlyMax" min="0" max="100" aria-describedby="p-max-hint" value="${p.monthlyMax ?? ""}">
<label class="check" for="p-paused"><input type="checkbox" id="p-paused" name="paused" value="yes"${p.paused ? html` checked` : ""}> Pause: no intro requests for now</label>
<button type="submit">Save</button>
</form>`,
  );
}

/** Targets: the intros offered to them, and their preferences. No account is needed to answer. */
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
  app.get("/preferences", async (c) => {
    const me = c.get("me");
    if (!me) return c.redirect("/sign-in", 303);
    const p = targetPrefsOf(await deps.store.getPrefs(me.email));
    return c.html(prefsPage(me, c.get("csrf"), p, c.req.query("saved") === "1"));
  });
  app.post("/preferences", async (c) => {
    const me = c.get("me");
    if (!me) return c.redirect("/sign-in", 303);
    const f = await formOf(c);
    const max = Number.parseInt(f.monthlyMax ?? "", 10);
    const prefs = await deps.store.getPrefs(me.email);
    await deps.store.setPrefs(
      me.email,
      {
        ...prefs,
        topics: (f.topics ?? "")
          .split(",")
          .map((t) => t.trim())
          .filter(Boolean)
          .slice(0, 30),
        monthlyMax: Number.isFinite(max) && max >= 0 ? Math.min(max, 100) : null,
        paused: f.paused === "yes",
      },
      deps.now(),
    );
    return c.redirect("/preferences?saved=1", 303);
  });
  return app;
}
