import { Hono } from "hono";
import { html } from "hono/html";
import { createIntro } from "../app/create-intro.ts";
import type { AppDeps } from "../app/deps.ts";
import { isVouchError, VouchError } from "../domain/errors.ts";
import { LIMITS } from "../domain/text-limits.ts";
import { coachPanel, type Welcome } from "./coach-panel.ts";
import { type Composed, composeDraft, type Draft, draftOf } from "./composer-draft.ts";
import { COMPOSER_JS } from "./composer-script.ts";
import { appPage, csrfField } from "./layout.ts";
import { formOf, type Me, type WebEnv } from "./session.ts";
import { welcomedTopics } from "./target-topics.ts";

const EMAIL_MAX = 254;

type Field = {
  name: keyof Draft;
  label: string;
  hint?: string;
  kind?: "email" | "textarea";
  required?: boolean;
  /** The limit the server holds it to (src/domain/text-limits.ts). */
  max?: number;
};

const GROUPS: { legend: string; fields: Field[] }[] = [
  {
    legend: "Who",
    fields: [
      { name: "yourName", label: "Your name", required: true, max: LIMITS.name },
      {
        name: "introducerName",
        label: "Who will introduce you (name)",
        required: true,
        max: LIMITS.name,
      },
      {
        name: "introducerEmail",
        label: "Their email address",
        kind: "email",
        required: true,
        max: EMAIL_MAX,
      },
      {
        name: "targetName",
        label: "Who you want to meet (name)",
        required: true,
        max: LIMITS.name,
      },
      {
        name: "targetEmail",
        label: "Their email address (optional)",
        hint: "Leave it empty if only the introducer knows it. You won't see it before they say yes.",
        kind: "email",
        max: EMAIL_MAX,
      },
    ],
  },
  {
    legend: "What you found out about them",
    fields: [
      { name: "targetRole", label: "Their role", hint: "e.g. Staff engineer" },
      { name: "targetCompanies", label: "Companies they worked at", hint: "Separated by commas" },
      { name: "targetInterests", label: "What they care about", hint: "Separated by commas" },
      { name: "targetNotes", label: "Other notes", kind: "textarea" },
    ],
  },
  {
    legend: "Your request",
    fields: [
      {
        name: "ask",
        label: "Your ask",
        hint: "What you'd like from them, addressed to them: “I'd greatly appreciate a chance to chat with you about…”",
        kind: "textarea",
        required: true,
        max: LIMITS.requestText,
      },
      {
        name: "whyThem",
        label: "Why them",
        hint: "Your situation, and what in their background makes them the right person.",
        kind: "textarea",
        max: LIMITS.requestText,
      },
      {
        name: "nextStep",
        label: "The next step, with a time",
        hint: "“Would a quick 20 min coffee work for you this Friday at 3pm?”",
        kind: "textarea",
        max: LIMITS.requestText,
      },
      {
        name: "alternative",
        label: "An alternative",
        hint: "“Can also do a phone call / anything you'd prefer.”",
        max: LIMITS.requestText,
      },
      {
        name: "aboutMe",
        label: "About me (one line each)",
        kind: "textarea",
        max: LIMITS.requestText,
      },
      {
        name: "links",
        label: "Your links (one per line)",
        kind: "textarea",
        max: LIMITS.requestText,
      },
    ],
  },
];

function input(f: Field, value: string) {
  const id = `c-${f.name}`;
  const hintId = `${id}-hint`;
  const describe = f.hint ? html` aria-describedby="${hintId}"` : "";
  const req = f.required ? html` required` : "";
  const max = f.max ? html` maxlength="${f.max}"` : "";
  const control =
    f.kind === "textarea"
      ? html`<textarea id="${id}" name="${f.name}"${describe}${req}${max}>${value}</textarea>`
      : html`<input type="${f.kind ?? "text"}" id="${id}" name="${f.name}" value="${value}"${describe}${req}${max}>`;
  return html`<label for="${id}">${f.label}${f.hint ? html`<span class="hint" id="${hintId}">${f.hint}</span>` : ""}</label>${control}`;
}

/** The target's welcomed topics, looked up by the address the requester typed. */
async function welcomeOf(deps: AppDeps, d: Draft): Promise<Welcome> {
  const name = d.targetName.trim().split(/\s+/)[0] || "They";
  return { name, topics: await welcomedTopics(deps, d.targetEmail) };
}

export function composerPage(
  me: Me,
  csrf: string,
  d: Draft,
  composed: Composed,
  o: { error?: string; welcome?: Welcome } = {},
) {
  const { error } = o;
  return appPage(
    me,
    csrf,
    "/requests/new",
    "New request",
    html`<h1>Ask for an introduction</h1>
<p class="muted">Write to the person you want to meet; your introducer forwards it as it is. The coach checks it as you type.</p>
${error ? html`<p class="err" role="alert">${error}</p>` : ""}
<div class="grid">
<form method="post" action="/requests/new" id="composer">${csrfField(csrf)}<input type="hidden" name="timeZone" value="">
${GROUPS.map(
  (g) =>
    html`<fieldset class="box"><legend><strong>${g.legend}</strong></legend>${g.fields.map((f) => input(f, d[f.name]))}</fieldset>`,
)}
<button type="submit" name="do" value="check" class="secondary">Check with the coach</button>
<button type="submit" name="do" value="send">Send to the introducer</button>
</form>
<div id="coach-panel" aria-live="polite">${coachPanel(composed, o.welcome)}</div>
</div>
<script src="/static/composer.js" defer></script>`,
    { wide: true },
  );
}

/** The requester's composer: live coach, exact preview, and sending through createIntro. */
export function composerPages(deps: AppDeps) {
  const app = new Hono<WebEnv>();
  app.get("/static/composer.js", (c) =>
    c.body(COMPOSER_JS, 200, { "content-type": "text/javascript; charset=utf-8" }),
  );
  app.get("/requests/new", async (c) => {
    const me = c.get("me");
    if (!me) return c.redirect("/sign-in", 303);
    const last = (await deps.store.listIntros({ email: me.email, role: "requester", limit: 1 }))[0];
    const d = draftOf({ yourName: last?.requester.name ?? "" });
    return c.html(composerPage(me, c.get("csrf"), d, composeDraft(deps, me.email, d)));
  });
  app.post("/requests/coach", async (c) => {
    const me = c.get("me");
    if (!me) throw new VouchError("UNAUTHENTICATED", "Sign in first.");
    const d = draftOf(await formOf(c));
    return c.html(coachPanel(composeDraft(deps, me.email, d), await welcomeOf(deps, d)));
  });
  app.post("/requests/new", async (c) => {
    const me = c.get("me");
    if (!me) return c.redirect("/sign-in", 303);
    const form = await formOf(c);
    const d = draftOf(form);
    const composed = composeDraft(deps, me.email, d);
    const welcome = await welcomeOf(deps, d);
    if (form.do !== "send")
      return c.html(composerPage(me, c.get("csrf"), d, composed, { welcome }));
    try {
      const intro = await createIntro(
        deps,
        {
          requester: { name: d.yourName.trim(), email: me.email },
          introducer: { name: d.introducerName, email: d.introducerEmail },
          target: { name: d.targetName, email: d.targetEmail.trim() || null },
          subject: composed.subject,
          requestText: composed.text,
          targetProfile: composed.profile,
          submit: true,
          // From the browser (the composer script); the server falls back to the setting.
          timeZone: form.timeZone || undefined,
        },
        "web",
      );
      return c.redirect(`/intros/${encodeURIComponent(intro.id)}`, 303);
    } catch (e) {
      if (
        !isVouchError(e) ||
        !["INVALID_INPUT", "REQUEST_REJECTED", "HEADER_INJECTION"].includes(e.code)
      )
        throw e;
      return c.html(
        composerPage(me, c.get("csrf"), d, composed, { error: e.message, welcome }),
        422,
      );
    }
  });
  return app;
}
