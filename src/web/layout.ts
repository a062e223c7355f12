import { html } from "hono/html";
import type { HtmlEscapedString } from "hono/utils/html";
import { page } from "./page.ts";
import type { Me, Sections } from "./session.ts";

type Content = HtmlEscapedString | Promise<HtmlEscapedString>;

// Each link, and the section of the person's roles it needs (none: always shown).
const NAV: readonly (readonly [string, string, keyof Sections | null])[] = [
  ["/", "Home", null],
  ["/requests/new", "New request", null],
  ["/inbox", "To triage", "introduces"],
  ["/insights", "Insights", "introduces"],
  ["/outcomes", "Outcomes", "introduces"],
  ["/offers", "Offered to me", "offered"],
  ["/paths", "Find a path", null],
  ["/contacts", "My contacts", null],
  ["/preferences", "Preferences", null],
];

/** The hidden CSRF field every form of the signed-in app carries. */
export const csrfField = (token: string) =>
  html`<input type="hidden" name="_csrf" value="${token}">`;

/**
 * A page of the signed-in app: skip link, navigation (current page marked; a role's sections only
 * for people who have something in them) and sign-out.
 */
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
<header class="top"><nav aria-label="Main"><ul>${NAV.filter(
      // A section shows only to people who have something in it (all, when that is unknown).
      ([href, , need]) => !need || !me.sections || me.sections[need] || href === current,
    ).map(
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
