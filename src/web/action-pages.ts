import { Hono } from "hono";
import { html } from "hono/html";
import type { AppDeps } from "../app/deps.ts";
import { confirmIntake, lookupIntakeLink } from "../app/intake-mail.ts";
import { type ActionField, type LinkProblem, lookupLink, useLink } from "../app/link-actions.ts";
import { isVouchError } from "../domain/errors.ts";
import { LIMITS } from "../domain/text-limits.ts";
import { page } from "./page.ts";
import { formOf } from "./session.ts";

const PROBLEMS: Record<LinkProblem, { title: string; text: string }> = {
  unknown: {
    title: "This link doesn't work",
    text: "It may have been copied only in part. Open it again from the email, or simply reply to the email in your own words: that works too.",
  },
  used: {
    title: "This link was already used",
    text: "Each link works once, so nothing happened twice. If you meant to change your answer, reply to the email and say so.",
  },
  expired: {
    title: "This link has expired",
    text: "Links in Vouch emails work for 30 days. Reply to the email in your own words instead, and it will be taken care of.",
  },
  not_yours: {
    title: "This link is for someone else",
    text: "It was sent to another person. If it was forwarded to you, ask them to use it, or reply to the email you received yourself.",
  },
  gone: { title: "This intro no longer exists", text: "There is nothing left to do here." },
};

function field(f: ActionField) {
  const id = `f-${f.name}`;
  if (f.kind === "checkbox") {
    return html`<label class="check" for="${id}"><input type="checkbox" id="${id}" name="${f.name}" value="yes" checked> ${f.label}</label>`;
  }
  const req = f.required ? html` required aria-required="true"` : "";
  // The server's limits (src/domain/text-limits.ts): a revised request's, else a note's.
  const max =
    f.kind === "textarea"
      ? html` maxlength="${f.name === "request" ? LIMITS.requestText : LIMITS.note}"`
      : f.kind === "email"
        ? html` maxlength="254"`
        : "";
  const input =
    f.kind === "textarea"
      ? html`<textarea id="${id}" name="${f.name}"${req}${max}>${f.value ?? ""}</textarea>`
      : html`<input type="${f.kind}" id="${id}" name="${f.name}" value="${f.value ?? ""}"${req}${max}>`;
  return html`<label for="${id}">${f.label}</label>${input}`;
}

function problemPage(problem: LinkProblem) {
  const p = PROBLEMS[problem];
  return page(p.title, html`<h1>${p.title}</h1><p>${p.text}</p>`);
}

/**
 * One-click links from emails. Mail scanners open every link, so a GET only shows what will
 * happen, with a button; only the POST acts. Tokens are single-use, expire, and belong to one
 * person, one intro and one action.
 */
export function actionPages(deps: AppDeps) {
  const app = new Hono();
  app.get("/a/:token", async (c) => {
    c.header("Cache-Control", "no-store");
    // A request to intros@ held until its sender confirms it came from their mailbox.
    const intake = await lookupIntakeLink(deps, c.req.param("token"));
    if (intake) {
      if (!intake.ok) return c.html(problemPage(intake.problem), 410);
      const title = "Confirm your intro request";
      return c.html(
        page(
          title,
          html`<h1>${title}</h1>
<p>Vouch received a request “${intake.subject}” from ${intake.email} and holds it until you confirm that you sent it. Nobody else has seen it.</p>
<form method="post"><button type="submit">Yes, I sent it</button></form>
<p class="muted">Nothing happens until you press the button. If you didn't send it, close this page.</p>`,
        ),
      );
    }
    const found = await lookupLink(deps, c.req.param("token"));
    if (!found.ok)
      return c.html(problemPage(found.problem), found.problem === "unknown" ? 404 : 410);
    const { action, intro } = found;
    return c.html(
      page(
        action.title(intro),
        html`<h1>${action.title(intro)}</h1>
<p>${action.explain(intro)}</p>
<form method="post">
${(action.fields?.(intro) ?? []).map(field)}
<button type="submit">${action.button}</button>
</form>
<p class="muted">Nothing happens until you press the button.</p>`,
      ),
    );
  });

  app.post("/a/:token", async (c) => {
    c.header("Cache-Control", "no-store");
    const form = await formOf(c);
    try {
      const intake = await lookupIntakeLink(deps, c.req.param("token"));
      if (intake) {
        if (!intake.ok) return c.html(problemPage(intake.problem), 410);
        const o = await confirmIntake(deps, c.req.param("token"));
        const text =
          o.status === "processed"
            ? "Thank you. Your request is on its way to your introducer."
            : o.status === "rejected"
              ? "Thank you. Vouch couldn't start the request yet: it has emailed you what is missing."
              : "Thank you.";
        return c.html(page("Confirmed", html`<h1>Confirmed</h1><p>${text}</p>`));
      }
      const r = await useLink(deps, c.req.param("token"), form);
      return c.html(page("Done", html`<h1>Done</h1><p>${r.message}</p>`));
    } catch (e) {
      if (!isVouchError(e)) throw e;
      if (e.code === "NOT_FOUND") {
        const problem = (e.details.problem as LinkProblem) ?? "unknown";
        return c.html(problemPage(problem), problem === "unknown" ? 404 : 410);
      }
      const title =
        e.code === "INVALID_TRANSITION" ? "This has already moved on" : "Something is missing";
      const text =
        e.code === "INVALID_TRANSITION"
          ? `The intro is now ${String(e.details.status ?? "").replaceAll("_", " ")}, so this answer no longer applies. Nothing was changed.`
          : e.message;
      return c.html(
        page(title, html`<h1>${title}</h1><p class="err">${text}</p><p><a href="">Go back</a></p>`),
        e.code === "INVALID_TRANSITION" ? 409 : 400,
      );
    }
  });
  return app;
}
