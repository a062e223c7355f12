import { html } from "hono/html";
import type { HtmlEscapedString } from "hono/utils/html";
import { page } from "./page.ts";
import type { Me } from "./session.ts";

type Content = HtmlEscapedString | Promise<HtmlEscapedString>;

const NAV = [
  ["/", "My requests"],
  ["/requests/new", "New request"],
  ["/inbox", "To triage"],
  ["/insights", "Insights"],
  ["/outcomes", "Outcomes"],
  ["/offers", "Offered to me"],
  ["/preferences", "Preferences"],
] as const;

/** The hidden CSRF field every form of the signed-in app carries. */
export const csrfField = (token: string) =>
  html`<input type="hidden" name="_csrf" value="${token}">`;

/** A page of the signed-in app: skip link, navigation (current page marked) and sign-out. */
export function appPage(
  me: Me,
  csrf: string,
  current: string,
  title: string,
  body: Content,
  opts: { wide?: boolean } = {},
) {
  return page(
    title,
    html`<a class="skip" href="#content">Skip to content</a>
<header class="top"><nav aria-label="Main"><ul>${NAV.map(
      ([href, label]) =>
        html`<li><a href="${href}"${href === current ? html` aria-current="page"` : ""}>${label}</a></li>`,
    )}</ul></nav>
<form method="post" action="/sign-out" class="signout">${csrfField(csrf)}<span class="muted">${me.email}</span> <button type="submit" class="link">Sign out</button></form></header>
<div id="content">${body}</div>`,
    opts,
  );
}

/** Status words as people read them. */
export const statusLabel = (s: string) => s.replaceAll("_", " ");

/** A date-time for people, in UTC (the server does not know the reader's zone). */
export const when = (iso: string | null | undefined) =>
  iso ? `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC` : "";
