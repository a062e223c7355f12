import { Hono } from "hono";
import { html } from "hono/html";
import type { AppDeps } from "../app/deps.ts";
import { VouchError } from "../domain/errors.ts";
import { readUnsubscribeToken } from "../mail/outbound/links.ts";
import { page } from "./page.ts";

const WHAT: Record<string, string> = {
  reminders: "reminders about intros waiting on you",
  coaching: "tips and drafts for your next step",
  updates: "updates about intros that ended or stalled",
};

/** Turns a category off in a person's preferences (idempotent). */
export async function mute(deps: AppDeps, email: string, category: string): Promise<void> {
  const prefs = await deps.store.getPrefs(email);
  const muted = new Set((prefs.mutedCategories as string[] | undefined) ?? []);
  muted.add(category);
  await deps.store.updatePrefs(email, { mutedCategories: [...muted] }, deps.now());
}

/**
 * Unsubscribe links (RFC 8058): the GET asks, a POST does it. Mail clients' one-click button
 * POSTs `List-Unsubscribe=One-Click` to the same address.
 */
export function unsubscribePages(deps: AppDeps) {
  const app = new Hono();
  app.get("/unsubscribe/:token", (c) => {
    const t = readUnsubscribeToken(deps.secret, c.req.param("token"));
    if (!t)
      return c.html(
        page(
          "Link not valid",
          html`<h1>This link isn't valid</h1><p>It may have been cut short. Open it again from the email.</p>`,
        ),
        404,
      );
    const what = WHAT[t.category] ?? t.category;
    return c.html(
      page(
        "Unsubscribe",
        html`<h1>Stop ${what}?</h1>
<p>Emails to <strong>${t.email}</strong> of this kind will stop. Messages an intro cannot go on without (a request, a consent question, the introduction itself) still reach you.</p>
<form method="post"><button type="submit">Unsubscribe</button></form>`,
      ),
    );
  });
  app.post("/unsubscribe/:token", async (c) => {
    const t = readUnsubscribeToken(deps.secret, c.req.param("token"));
    if (!t) throw new VouchError("NOT_FOUND", "This unsubscribe link is not valid.");
    await mute(deps, t.email, t.category);
    return c.html(
      page(
        "Unsubscribed",
        html`<h1>Done</h1><p>You won't get ${WHAT[t.category] ?? t.category} any more.</p>`,
      ),
    );
  });
  return app;
}
