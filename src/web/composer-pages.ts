import { Hono } from "hono";
import { html } from "hono/html";
import { applyEvent } from "../app/apply-event.ts";
import { createIntro } from "../app/create-intro.ts";
import type { AppDeps } from "../app/deps.ts";
import { readIntro } from "../app/read-intros.ts";
import { isVouchError, VouchError } from "../domain/errors.ts";
import { profileOf } from "../domain/profile.ts";
import { LIMITS } from "../domain/text-limits.ts";
import type { Intro } from "../domain/types.ts";
import type { IntroView } from "../domain/view.ts";
import { pageQueriesOf } from "../store/page-queries.ts";
import { coachPanel, type OpenRequests, type Welcome } from "./coach-panel.ts";
import {
  type Composed,
  composeDraft,
  composeRevision,
  type Draft,
  draftOf,
} from "./composer-draft.ts";
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

/** The requester's own open requests to the address they typed (a warning, not a block). */
async function openOf(deps: AppDeps, me: Me, d: Draft): Promise<OpenRequests | undefined> {
  const email = d.targetEmail.trim().toLowerCase();
  if (!email.includes("@")) return undefined;
  return { email, requests: await deps.store.openRequestsTo(me.email, email) };
}

export function composerPage(
  me: Me,
  csrf: string,
  d: Draft,
  composed: Composed,
  o: { error?: string; welcome?: Welcome; open?: OpenRequests | undefined } = {},
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
<div id="coach-panel" aria-live="polite">${coachPanel(composed, o.welcome, o.open)}</div>
</div>
<script src="/static/composer.js" defer></script>`,
    { wide: true },
  );
}

/** The introducer's latest note on what should change, as the requester may see it. */
export function changesNote(v: IntroView): string | null {
  const e = v.events.filter((x) => x.type === "ask_for_changes").at(-1);
  return typeof e?.data?.note === "string" ? e.data.note : null;
}

/** The composer in revise mode: the request as it stands, the introducer's note, the live coach. */
export function revisePage(
  me: Me,
  csrf: string,
  v: IntroView,
  text: string,
  composed: Composed,
  o: { error?: string } = {},
) {
  const id = encodeURIComponent(v.id);
  const note = changesNote(v);
  return appPage(
    me,
    csrf,
    "",
    "Revise your request",
    html`<h1>Revise your request</h1>
<p class="muted">${v.introducer.name} asked for changes before asking ${v.target.name}. Edit your request; when you send it, it goes back to ${v.introducer.name}. The coach checks it as you type.</p>
${note ? html`<section class="box" aria-labelledby="note-h"><h2 id="note-h" style="font-size:1.15rem;margin-top:0">${v.introducer.name}'s note</h2><p class="note">${note}</p></section>` : ""}
${o.error ? html`<p class="err" role="alert">${o.error}</p>` : ""}
<div class="grid">
<form method="post" action="/intros/${id}/revise" id="composer" data-coach="/intros/${id}/revise/coach">${csrfField(csrf)}
<fieldset class="box"><legend><strong>Your request</strong></legend>
<p class="muted">Subject: ${v.subject}</p>
<label for="c-request">Your request<span class="hint" id="c-request-hint">Exactly what ${v.introducer.name} forwards to ${v.target.name}.</span></label><textarea id="c-request" name="request" aria-describedby="c-request-hint" required maxlength="${LIMITS.requestText}" rows="18">${text}</textarea>
</fieldset>
<button type="submit" name="do" value="check" class="secondary">Check with the coach</button>
<button type="submit" name="do" value="send">Send the revised request to ${v.introducer.name}</button>
</form>
<div id="coach-panel" aria-live="polite">${coachPanel(composed)}</div>
</div>
<p><a href="/intros/${id}">Back to the intro</a></p>
<script src="/static/composer.js" defer></script>`,
    { wide: true },
  );
}

/** Who a link may fill in: the introducer and the target (a warm path's "Ask for this intro"). */
const PREFILL = [
  "introducerName",
  "introducerEmail",
  "targetName",
  "targetEmail",
  "targetCompanies",
] as const;

export function prefillOf(query: Record<string, string>): Partial<Draft> {
  return Object.fromEntries(
    PREFILL.filter((k) => typeof query[k] === "string").map((k) => [
      k,
      (query[k] as string).slice(0, k.endsWith("Email") ? EMAIL_MAX : LIMITS.name),
    ]),
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
    // The name they gave in their newest request (one index probe, then one intro read).
    const pq = pageQueriesOf(deps.store);
    const newest = await pq.list(me.email, "all", { role: "requester", limit: 1 });
    const [last] = await pq.intros(newest.map((l) => l.id));
    // The profile, when set, is only where a new request starts: every field stays editable.
    const p = profileOf(await deps.store.getPrefs(me.email));
    const d = draftOf({
      yourName: p.displayName ?? last?.requester.name ?? "",
      aboutMe: p.bio ?? "",
      links: [p.website, p.linkedin].filter(Boolean).join("\n"),
      // "Ask for this intro" on a warm path opens the composer with who and whom filled in.
      ...prefillOf(c.req.query()),
    });
    return c.html(composerPage(me, c.get("csrf"), d, composeDraft(deps, me.email, d)));
  });
  app.post("/requests/coach", async (c) => {
    const me = c.get("me");
    if (!me) throw new VouchError("UNAUTHENTICATED", "Sign in first.");
    const d = draftOf(await formOf(c));
    const [welcome, open] = await Promise.all([welcomeOf(deps, d), openOf(deps, me, d)]);
    return c.html(coachPanel(composeDraft(deps, me.email, d), welcome, open));
  });
  app.post("/requests/new", async (c) => {
    const me = c.get("me");
    if (!me) return c.redirect("/sign-in", 303);
    const form = await formOf(c);
    const d = draftOf(form);
    const composed = composeDraft(deps, me.email, d);
    const [welcome, open] = await Promise.all([welcomeOf(deps, d), openOf(deps, me, d)]);
    if (form.do !== "send")
      return c.html(composerPage(me, c.get("csrf"), d, composed, { welcome, open }));
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
        composerPage(me, c.get("csrf"), d, composed, { error: e.message, welcome, open }),
        422,
      );
    }
  });
  /**
   * Revise mode: only the requester of the intro (anyone else: not found), only while the
   * introducer waits for changes. Returns the view and the full intro, or a page saying why not.
   */
  const revisable = async (
    me: Me,
    csrf: string,
    id: string,
  ): Promise<{ v: IntroView; intro: Intro } | { page: ReturnType<typeof appPage> }> => {
    const v = await readIntro(deps, id, { email: me.email }).catch((e) => {
      if (isVouchError(e) && e.code === "NOT_FOUND")
        throw new VouchError("NOT_FOUND", "No such intro.");
      throw e;
    });
    const intro = await deps.store.getIntro(id);
    if (v.viewer !== "requester" || !intro) throw new VouchError("NOT_FOUND", "No such intro.");
    if (v.status !== "changes_requested")
      return {
        page: appPage(
          me,
          csrf,
          "",
          "Nothing to revise",
          html`<h1>Nothing to revise</h1><p class="err" role="alert">${v.introducer.name} is not waiting for changes to this request, so there is nothing to revise now.</p><p><a href="/intros/${encodeURIComponent(id)}">Back to the intro</a></p>`,
        ),
      };
    return { v, intro };
  };
  app.get("/intros/:id/revise", async (c) => {
    const me = c.get("me");
    if (!me) return c.redirect("/sign-in", 303);
    const r = await revisable(me, c.get("csrf"), c.req.param("id"));
    if ("page" in r) return c.html(r.page, 409);
    const text = r.intro.requestText;
    return c.html(revisePage(me, c.get("csrf"), r.v, text, composeRevision(deps, r.intro, text)));
  });
  app.post("/intros/:id/revise/coach", async (c) => {
    const me = c.get("me");
    if (!me) throw new VouchError("UNAUTHENTICATED", "Sign in first.");
    const r = await revisable(me, c.get("csrf"), c.req.param("id"));
    if ("page" in r) throw new VouchError("INVALID_TRANSITION", "Nothing to revise now.");
    const form = await formOf(c);
    return c.html(coachPanel(composeRevision(deps, r.intro, form.request ?? "")));
  });
  app.post("/intros/:id/revise", async (c) => {
    const me = c.get("me");
    if (!me) return c.redirect("/sign-in", 303);
    const id = c.req.param("id");
    const r = await revisable(me, c.get("csrf"), id);
    if ("page" in r) return c.html(r.page, 409);
    const form = await formOf(c);
    const text = form.request ?? "";
    const composed = composeRevision(deps, r.intro, text);
    const page = (error?: string) =>
      revisePage(me, c.get("csrf"), r.v, text, composed, error ? { error } : {});
    if (form.do !== "send") return c.html(page());
    try {
      if (!text.trim())
        throw new VouchError("INVALID_INPUT", "The request cannot be empty.", { field: "request" });
      // The same event as the intro page's form: back to `requested`, the introducer emailed,
      // and refused (nothing written) if the coach finds an error.
      await applyEvent(deps, id, { type: "revise", actor: "requester", requestText: text }, "web");
      return c.redirect(`/intros/${encodeURIComponent(id)}?done=revise`, 303);
    } catch (e) {
      if (
        !isVouchError(e) ||
        !["INVALID_INPUT", "REQUEST_REJECTED", "INVALID_TRANSITION"].includes(e.code)
      )
        throw e;
      return c.html(page(e.message), e.code === "INVALID_TRANSITION" ? 409 : 422);
    }
  });
  return app;
}
