import { Hono } from "hono";
import { html } from "hono/html";
import type { AppDeps } from "../app/deps.ts";
import { completeSignIn, requestSignIn } from "../app/sign-in.ts";
import { isVouchError } from "../domain/errors.ts";
import type { WebStore } from "../store/web-store.ts";
import { csrfField } from "./layout.ts";
import { page } from "./page.ts";
import { endSession, formOf, startSession, type WebEnv } from "./session.ts";

/** The address the request came from: the socket's, not a header anyone can set. */
function clientIp(c: { env: unknown }): string {
  const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)
    ?.incoming;
  return incoming?.socket?.remoteAddress ?? "local";
}

/** The five steps of an intro, told as the seed's story (Alice, Jane and Maya). */
const STORY = html`<ol class="steps" aria-label="How an introduction works">
<li><strong>Alice asks Jane.</strong> She writes one short request, addressed to Maya, that Jane can forward as it is.</li>
<li><strong>Jane asks Maya.</strong> She forwards it, and Maya reads who Alice is and what she asks.</li>
<li><strong>Maya says yes.</strong> One button. Nobody is introduced without it, and "not now" is fine too.</li>
<li><strong>Jane introduces them</strong>, in one email with Alice and Maya both in CC.</li>
<li><strong>Alice moves Jane to BCC</strong>, meets Maya, then tells Jane how it went.</li>
</ol>`;

/**
 * What a signed-out visitor sees (at / and /sign-in): Vouch told as Alice, Jane and Maya's
 * story, with the sign-in form beside it (stacked on a phone).
 */
export function signInForm(csrf: string, opts: { email?: string; error?: string } = {}) {
  return page(
    "Sign in",
    html`<div class="visitor">
<section aria-labelledby="about">
<h1 id="about">Introductions both people agree to</h1>
<p>Alice wants to meet Maya. Jane knows them both. With Vouch:</p>
${STORY}
<p class="muted">Jane's word is on the line, so Maya says yes before anyone is introduced, and Jane hears how it went.</p>
</section>
<section class="box" aria-labelledby="sign-in">
<h2 id="sign-in">Sign in to Vouch</h2>
<p>Enter your email address and we'll send you a link to sign in. No password needed.</p>
${opts.error ? html`<p class="err" role="alert">${opts.error}</p>` : ""}
<form method="post" action="/sign-in">${csrfField(csrf)}
<label for="email">Email address</label>
<input type="email" id="email" name="email" autocomplete="email" required value="${opts.email ?? ""}">
<button type="submit">Email me a sign-in link</button>
</form>
<p class="muted">Asked to answer an intro? You don't need an account: the buttons in the email work on their own.</p>
</section>
</div>`,
    { wide: true },
  );
}

const PROBLEM = {
  unknown: "This sign-in link doesn't work. It may have been copied only in part.",
  used: "This sign-in link was already used. Each link works once.",
  expired: "This sign-in link has expired. Links work for 15 minutes.",
};

/** Passwordless sign-in: an emailed, single-use link; its GET asks, its POST signs in. */
export function signInPages(deps: AppDeps, web: WebStore) {
  const app = new Hono<WebEnv>();
  app.get("/sign-in", (c) => c.html(signInForm(c.get("csrf"))));
  app.post("/sign-in", async (c) => {
    const email = (await formOf(c)).email?.trim() ?? "";
    try {
      const r = await requestSignIn(deps, web, { email, ip: clientIp(c) });
      if (!r.ok)
        return c.html(
          signInForm(c.get("csrf"), {
            email,
            error: "Too many sign-in links were asked for. Wait a few minutes and try again.",
          }),
          429,
        );
    } catch (e) {
      if (!isVouchError(e) || e.code !== "INVALID_INPUT") throw e;
      return c.html(
        signInForm(c.get("csrf"), { email, error: "That doesn't look like an email address." }),
        400,
      );
    }
    return c.html(
      page(
        "Check your email",
        html`<h1>Check your email</h1><p>If <strong>${email}</strong> is right, a sign-in link is on its way. It works once, for 15 minutes.</p>`,
      ),
    );
  });
  // Mail scanners open links: the GET only shows a button.
  app.get("/sign-in/:token", (c) =>
    c.html(
      page(
        "Sign in",
        html`<h1>Sign in to Vouch</h1>
<form method="post">${csrfField(c.get("csrf"))}<button type="submit">Sign me in</button></form>
<p class="muted">Nothing happens until you press the button.</p>`,
      ),
    ),
  );
  app.post("/sign-in/:token", async (c) => {
    const r = await completeSignIn(deps, web, c.req.param("token"));
    if (!r.ok)
      return c.html(
        page(
          "Link not valid",
          html`<h1>This link can't sign you in</h1><p>${PROBLEM[r.problem]}</p><p><a href="/sign-in">Get a new sign-in link</a></p>`,
        ),
        r.problem === "unknown" ? 404 : 410,
      );
    await startSession(c, deps, r.sessionId);
    return c.redirect("/", 303);
  });
  app.post("/sign-out", async (c) => {
    await endSession(c, web);
    return c.redirect("/sign-in", 303);
  });
  return app;
}
