import { createHmac, timingSafeEqual } from "node:crypto";
import { Hono } from "hono";
import { html } from "hono/html";
import {
  correctContact,
  type ImportSummary,
  importContacts,
  isSharingPaths,
  listMyContacts,
  type MyContact,
  setPathSharing,
} from "../app/contacts.ts";
import type { AppDeps } from "../app/deps.ts";
import { importFormat } from "../app/import-format.ts";
import { IMPORT_FORMATS } from "../contacts/types.ts";
import { isVouchError, VouchError } from "../domain/errors.ts";
import { IMPORT_MAX_BYTES, readUpload } from "../http/upload.ts";
import { IMPORT_JS } from "./import-script.ts";
import { appPage, csrfField } from "./layout.ts";
import { pageLinks, pageNumber } from "./paging.ts";
import { strengthWords } from "./paths-pages.ts";
import { formOf, type Me, type WebEnv } from "./session.ts";

const FORMAT_LABELS: Record<(typeof IMPORT_FORMATS)[number], string> = {
  linkedin: "LinkedIn (Connections.csv)",
  google: "Google Contacts (CSV)",
  outlook: "Outlook (CSV)",
  vcard: "vCard (.vcf, from Apple, Google and others)",
  mbox: "Mailbox (.mbox, e.g. Google Takeout): headers only",
};

function importPage(me: Me, csrf: string, o: { summary?: ImportSummary; error?: string } = {}) {
  return appPage(
    me,
    csrf,
    "/contacts/import",
    "Import contacts",
    html`<h1>Import contacts</h1>
<p>Bring in the people you already know, so that Vouch can show you as a path to them, if you agree, and tell how strong each tie is. Only you ever see your list. Importing a file again updates it; a new mailbox file replaces the mail you imported before.</p>
${o.summary ? summaryBox(o.summary) : ""}
${o.error ? html`<p class="err" role="alert">${o.error}</p>` : ""}
<form method="post" action="/contacts/import" enctype="multipart/form-data" class="box" id="import-form">
${csrfField(csrf)}
<label for="i-format">What kind of file</label>
<select id="i-format" name="format" style="max-width:100%"><option value="">Find out from the file</option>${IMPORT_FORMATS.map((f) => html`<option value="${f}">${FORMAT_LABELS[f]}</option>`)}</select>
<label for="i-file">The file<span class="hint" id="i-file-hint">At most ${Math.round(IMPORT_MAX_BYTES / 1024 / 1024)} MB. From a mailbox, only who wrote to whom and when is read: never a message's text.</span></label>
<input type="file" id="i-file" name="file" style="max-width:100%" required aria-describedby="i-file-hint" accept=".csv,.vcf,.vcard,.mbox,text/csv,text/vcard,application/mbox">
<button type="submit">Import</button>
<div id="i-progress" hidden><label for="i-bar">Uploading</label><progress id="i-bar" max="100" value="0"></progress> <span id="i-pct" aria-live="polite"></span></div>
</form>
<div id="i-result" aria-live="polite" style="overflow-wrap:anywhere"></div>
<p><a href="/contacts">Your contacts</a></p>
<script src="/static/import.js" defer></script>`,
  );
}

function summaryBox(s: ImportSummary) {
  return html`<div class="box" role="status"><p class="ok">Imported ${s.imported} new, updated ${s.updated}${s.skipped.length ? html`, ${s.skipped.length} line(s) skipped or partly read` : ""}.</p>
${s.skipped.length ? html`<ul>${s.skipped.map((k) => html`<li>Line ${k.line}: ${k.reason}</li>`)}</ul>` : ""}
<p><a href="/contacts">See your contacts</a></p></div>`;
}

function contactRow(c: MyContact, i: number, csrf: string) {
  const pct = Math.round(c.strength * 100);
  return html`<li class="box contact${c.hidden ? " hidden-contact" : ""}">
<p><strong>${c.name ?? c.email ?? "(no name)"}</strong>${c.hidden ? html` <span class="badge">hidden</span>` : ""}${c.corrected ? html` <span class="badge">your own estimate</span>` : ""}<br>
<span class="muted">${[c.position, c.company].filter(Boolean).join(", ")}${c.email && c.name ? html` · ${c.email}` : ""}</span></p>
<p><meter min="0" max="1" low="0.3" high="0.6" optimum="1" value="${c.strength}" aria-label="Strength">${pct}%</meter> ${strengthWords(c.strength)}</p>
<ul>${c.reasons.map((r) => html`<li>${r}</li>`)}</ul>
<form method="post" action="/contacts/correct" class="correct">${csrfField(csrf)}<input type="hidden" name="key" value="${c.key}">
<label for="s-${i}">Your own estimate, 0 to 100%<span class="hint">Leave empty to use Vouch's reckoning</span></label>
<input type="number" id="s-${i}" name="strength" min="0" max="100" step="1" value="${c.corrected ? String(pct) : ""}">
<button type="submit" name="do" value="strength" class="secondary">Save estimate</button>
<button type="submit" name="do" value="${c.hidden ? "show" : "hide"}" class="secondary">${c.hidden ? "Show again" : "Hide"}</button>
</form></li>`;
}

function contactsPage(
  me: Me,
  csrf: string,
  list: Awaited<ReturnType<typeof listMyContacts>>,
  sharing: boolean,
  notice?: string,
) {
  return appPage(
    me,
    csrf,
    "/contacts",
    "My contacts",
    html`<h1>My contacts</h1>
${notice ? html`<p class="ok" role="status">${notice}</p>` : ""}
<form method="post" action="/contacts/sharing" class="box">${csrfField(csrf)}
<h2>Show me as a path</h2>
<p>${sharing ? html`<strong>On.</strong> ` : html`<strong>Off.</strong> `}When someone looks for a person you know, and you agree to be shown, they see your name and email address, that one person's name and company, and why your tie is strong (for example “14 emails each way, last 3 weeks ago”). They never see your list, and never anyone you hid. They can then ask you for an intro, which you can always decline.</p>
<input type="hidden" name="sharing" value="${sharing ? "off" : "on"}">
<button type="submit">${sharing ? "Stop showing me as a path" : "Show me as a path"}</button>
</form>
<p><a href="/contacts/import">Import contacts</a> from LinkedIn, Google, Outlook, a vCard file or a mailbox.</p>
<h2>${list.total} contact${list.total === 1 ? "" : "s"}, strongest first</h2>
<p class="muted">Only you see this list. Hide anyone who should never be a path; correct any strength Vouch got wrong.</p>
<ul class="plain">${list.contacts.map((c, i) => contactRow(c, i, csrf))}</ul>
${pageLinks("/contacts", { page: list.page }, "page", list.more, "contacts")}`,
  );
}

const hmacEq = (a: string, b: string) => {
  // Compared through an HMAC so that the lengths leak nothing either.
  const k = "csrf-compare";
  return timingSafeEqual(
    createHmac("sha256", k).update(a).digest(),
    createHmac("sha256", k).update(b).digest(),
  );
};

/** Import contacts, My contacts (correct, hide, consent to be a path). */
export function contactsPages(deps: AppDeps) {
  const app = new Hono<WebEnv>();
  app.get("/static/import.js", (c) =>
    c.body(IMPORT_JS, 200, { "content-type": "text/javascript; charset=utf-8" }),
  );

  app.get("/contacts/import", (c) => {
    const me = c.get("me");
    if (!me) return c.redirect("/sign-in", 303);
    return c.html(importPage(me, c.get("csrf")));
  });

  // Not behind checkCsrf, which would read the whole multipart body: the token comes first in
  // the form (or in X-CSRF-Token from the page's script) and is checked before the file is read.
  app.post("/contacts/import", async (c) => {
    const me = c.get("me");
    const wantsJson = (c.req.header("accept") ?? "").includes("application/json");
    if (!me) {
      if (wantsJson) throw new VouchError("UNAUTHENTICATED", "Sign in first.");
      return c.redirect("/sign-in", 303);
    }
    const upload = await readUpload(c.req.raw);
    const token = c.req.header("x-csrf-token") ?? upload.fields._csrf ?? "";
    if (!token || !hmacEq(token, c.get("csrf")))
      throw new VouchError(
        "FORBIDDEN",
        "This form has expired or did not come from Vouch. Go back, reload the page and try again.",
      );
    try {
      const summary = await importContacts(deps, {
        owner: me.email,
        format: importFormat(c.req.query("format") ?? upload.fields.format),
        fileName: c.req.query("fileName") ?? upload.fileName,
        input: upload.input,
      });
      if (wantsJson) return c.json(summary, 200);
      return c.html(importPage(me, c.get("csrf"), { summary }));
    } catch (e) {
      if (!isVouchError(e) || wantsJson || !["INVALID_INPUT", "TOO_LARGE"].includes(e.code))
        throw e;
      return c.html(
        importPage(me, c.get("csrf"), { error: `${e.message}. Nothing was imported.` }),
        e.code === "TOO_LARGE" ? 413 : 400,
      );
    }
  });

  app.get("/contacts", async (c) => {
    const me = c.get("me");
    if (!me) return c.redirect("/sign-in", 303);
    const [list, sharing] = await Promise.all([
      listMyContacts(deps, me.email, pageNumber(c.req.query("page"))),
      isSharingPaths(deps, me.email),
    ]);
    const done = c.req.query("done");
    const notice =
      done === "shared"
        ? "You are now shown as a path to the people you know."
        : done === "unshared"
          ? "You are no longer shown as a path."
          : done === "saved"
            ? "Saved."
            : undefined;
    return c.html(contactsPage(me, c.get("csrf"), list, sharing, notice));
  });

  app.post("/contacts/sharing", async (c) => {
    const me = c.get("me");
    if (!me) return c.redirect("/sign-in", 303);
    const on = (await formOf(c)).sharing === "on";
    await setPathSharing(deps, me.email, on);
    return c.redirect(`/contacts?done=${on ? "shared" : "unshared"}`, 303);
  });

  app.post("/contacts/correct", async (c) => {
    const me = c.get("me");
    if (!me) return c.redirect("/sign-in", 303);
    const f = await formOf(c);
    const key = f.key ?? "";
    if (f.do === "hide" || f.do === "show")
      await correctContact(deps, me.email, key, { hidden: f.do === "hide" });
    else {
      const typed = (f.strength ?? "").trim();
      const n = Number(typed);
      if (typed && !(Number.isFinite(n) && n >= 0 && n <= 100))
        throw new VouchError("INVALID_INPUT", "Your estimate must be a number from 0 to 100", {
          field: "strength",
        });
      await correctContact(deps, me.email, key, { strength: typed ? n / 100 : null });
    }
    return c.redirect("/contacts?done=saved", 303);
  });
  return app;
}
