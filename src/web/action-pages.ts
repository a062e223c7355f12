import { Hono } from "hono";
import { html } from "hono/html";
import type { AppDeps } from "../app/deps.ts";
import { confirmIntake, lookupIntakeLink } from "../app/intake-mail.ts";
import {
  type ActionField,
  type LinkProblem,
  lookupLink,
  useLink,
  useOpeningLink,
} from "../app/link-actions.ts";
import { openSession } from "../app/sign-in.ts";
import { isVouchError, VouchError } from "../domain/errors.ts";
import { LIMITS } from "../domain/text-limits.ts";
import { webStoreFor } from "../store/web-store.ts";
import { csrfField } from "./layout.ts";
import { page } from "./page.ts";
import { formOf, loadSession, sameToken, startSession, type WebEnv } from "./session.ts";

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

/** The intro moved on since the email: the link's answer no longer applies. */
function movedOnPage(status: string) {
  const title = "This has already moved on";
  return page(
    title,
    html`<h1>${title}</h1><p class="err">The intro is now ${status.replaceAll("_", " ")}, so this link no longer applies. Nothing was changed.</p><p><a href="/">Go to Vouch</a></p>`,
  );
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
  const app = new Hono<WebEnv>();
  const web = webStoreFor(deps.store);
  // Who is signed in, and the CSRF token of a link that signs its person in (the POST checks it,
  // so that no other site can sign a browser in to someone else's account).
  app.use("/a/*", loadSession(deps, web));
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
    if (action.opens) {
      const path = action.opens(intro);
      if (!path) return c.html(movedOnPage(intro.status), 409);
      // Already signed in as the link's person: straight there, the link left unused.
      if (c.get("me")?.email === found.token.email) return c.redirect(path, 303);
      return c.html(
        page(
          action.title(intro),
          html`<h1>${action.title(intro)}</h1>
<p>${action.explain(intro)}</p>
<form method="post">${csrfField(c.get("csrf"))}<button type="submit">${action.button}</button></form>
<p class="muted">Nothing happens until you press the button. The link works once.</p>`,
        ),
      );
    }
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
      const found = await lookupLink(deps, c.req.param("token"));
      if (found.ok && found.action.opens) {
        if (!found.action.opens(found.intro)) return c.html(movedOnPage(found.intro.status), 409);
        if (!sameToken(form._csrf ?? "", c.get("csrf")))
          throw new VouchError(
            "FORBIDDEN",
            "This form has expired or did not come from Vouch. Open the link from the email again.",
          );
        const { email, path } = await useOpeningLink(deps, c.req.param("token"));
        await startSession(c, deps, await openSession(deps, web, email));
        return c.redirect(path, 303);
      }
      const r = await useLink(deps, c.req.param("token"), form);
      return c.html(page("Done", html`<h1>Done</h1><p>${r.message}</p>`));
    } catch (e) {
      if (!isVouchError(e)) throw e;
      if (e.code === "NOT_FOUND") {
        const problem = (e.details.problem as LinkProblem) ?? "unknown";
        return c.html(problemPage(problem), problem === "unknown" ? 404 : 410);
      }
      if (e.code === "INVALID_TRANSITION")
        return c.html(movedOnPage(String(e.details.status ?? "")), 409);
      // A form from elsewhere: the app's own error page (403).
      if (e.code === "FORBIDDEN") throw e;
      const title = "Something is missing";
      return c.html(
        page(
          title,
          html`<h1>${title}</h1><p class="err">${e.message}</p><p><a href="">Go back</a></p>`,
        ),
        400,
      );
    }
  });
  return app;
}
