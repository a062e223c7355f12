import { Hono } from "hono";
import { html } from "hono/html";
import type { AppDeps } from "../app/deps.ts";
import { findPaths, type PathResult } from "../app/paths.ts";
import { isVouchError } from "../domain/errors.ts";
import { appPage } from "./layout.ts";
import type { Me, WebEnv } from "./session.ts";

const BY = {
  name: { label: "Name", hint: "e.g. Maya Okafor" },
  company: { label: "Company", hint: "e.g. Northwind Robotics" },
  target: { label: "Email address", hint: "e.g. maya@northwind.example" },
} as const;
type By = keyof typeof BY;

/** A strength in words beside its number, so that a number alone never has to be read. */
export function strengthWords(s: number): string {
  const pct = `${Math.round(s * 100)}%`;
  if (s >= 0.6) return `strong tie (${pct})`;
  if (s >= 0.3) return `some tie (${pct})`;
  return `weak tie (${pct})`;
}

/** The composer with the introducer and the person filled in (an email only if you gave it). */
function askHref(p: PathResult, by: By, text: string): string {
  const q = new URLSearchParams({
    introducerName: p.introducer.name,
    introducerEmail: p.introducer.email,
    targetName: p.contact.name ?? "",
  });
  if (p.contact.company) q.set("targetCompanies", p.contact.company);
  if (by === "target") q.set("targetEmail", text.trim());
  return `/requests/new?${q.toString()}`;
}

function result(p: PathResult, by: By, text: string) {
  const who = p.contact.name ?? "them";
  return html`<li class="box path">
<p><strong>${p.introducer.name}</strong> <span class="muted">${p.introducer.email}</span> knows <strong>${who}</strong>${p.contact.company ? html` at ${p.contact.company}` : ""}.</p>
<p><meter min="0" max="1" low="0.3" high="0.6" optimum="1" value="${p.strength}" aria-label="Strength of this path">${Math.round(p.strength * 100)}%</meter> ${strengthWords(p.strength)}</p>
<ul>${p.reasons.map((r) => html`<li>${r}</li>`)}</ul>
<a class="act" href="${askHref(p, by, text)}">Ask ${p.introducer.name} for an intro to ${who}</a>
</li>`;
}

function findPage(
  me: Me,
  csrf: string,
  q: { by: By; text: string },
  found: PathResult[] | null,
  error?: string,
) {
  return appPage(
    me,
    csrf,
    "/paths",
    "Find a path",
    html`<h1>Find a path</h1>
<p>Who can introduce you to someone? Vouch looks through the contacts of members who agreed to be shown as a path, and ranks them by how well they know the person, how well you know them, and how their intros went. Nobody else's contact list is ever shown: only the one person you are looking for.</p>
<form method="get" action="/paths" class="box" role="search">
<fieldset class="plain"><legend><strong>Look for them by</strong></legend>
${(Object.keys(BY) as By[]).map(
  (k) =>
    html`<label class="check" for="by-${k}"><input type="radio" id="by-${k}" name="by" value="${k}"${q.by === k ? html` checked` : ""}> ${BY[k].label} <span class="hint">${BY[k].hint}</span></label>`,
)}
</fieldset>
<label for="q">Who</label>
<input type="text" id="q" name="q" maxlength="200" value="${q.text}" required${error ? html` aria-invalid="true" aria-describedby="q-error"` : ""}>
${error ? html`<p class="err" role="alert" id="q-error">${error}</p>` : ""}
<button type="submit">Find a path</button>
</form>
${
  found === null
    ? ""
    : found.length
      ? html`<h2>${found.length === 1 ? "One path" : `${found.length} paths`}, best first</h2><ul class="plain">${found.map((p) => result(p, q.by, q.text))}</ul>`
      : html`<p class="box" role="status">No path found. Nobody who agreed to be shown as a path knows them${q.by === "company" ? " (try the company's name as people write it)" : ""}. You can still <a href="/requests/new">ask someone you know</a>.</p>`
}`,
  );
}

/** "Find a path": who among the members who agreed can introduce you, each one a click from the composer. */
export function pathsPages(deps: AppDeps) {
  const app = new Hono<WebEnv>();
  app.get("/paths", async (c) => {
    const me = c.get("me");
    if (!me) return c.redirect("/sign-in", 303);
    const by = (c.req.query("by") ?? "name") as By;
    const q = { by: by in BY ? by : "name", text: c.req.query("q") ?? "" };
    if (!q.text.trim()) return c.html(findPage(me, c.get("csrf"), q, null));
    try {
      const found = await findPaths(deps, { requester: me.email, [q.by]: q.text.trim() });
      return c.html(findPage(me, c.get("csrf"), q, found));
    } catch (e) {
      if (!isVouchError(e) || e.code !== "INVALID_INPUT") throw e;
      return c.html(findPage(me, c.get("csrf"), q, null, `${e.message}.`), 400);
    }
  });
  return app;
}
