import type { Context } from "hono";
import { html } from "hono/html";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { page } from "./page.ts";

/**
 * Whether an error is answered as a page: a browser (it asks for text/html) outside the JSON
 * API and the inbound webhooks, which always answer coded JSON.
 */
export function wantsHtml(c: Context): boolean {
  const path = c.req.path;
  if (path === "/api" || path.startsWith("/api/") || path.startsWith("/inbound/")) return false;
  return (c.req.header("accept") ?? "").includes("text/html");
}

const TITLES: Partial<Record<number, string>> = {
  400: "That did not work",
  401: "Sign in first",
  403: "Not yours to see",
  404: "Not found",
  409: "That cannot be done now",
  413: "That is too large",
  500: "Something went wrong",
};

/** An error as a page in the app's layout; the message is escaped like every user text. */
export function errorPage(c: Context, status: ContentfulStatusCode, message: string) {
  const title = TITLES[status] ?? (status >= 500 ? "Something went wrong" : "That did not work");
  return c.html(
    page(
      title,
      html`<h1>${title}</h1>
<p>${message}</p>
<p><a href="/">Back to Vouch</a></p>`,
    ),
    status,
  );
}
