import { Hono } from "hono";
import { html, raw } from "hono/html";

/**
 * Vouch's mark: two overlapping speech bubbles (the two people being introduced) and a check
 * where they overlap (both said yes). Static, drawn here; nothing user-written ever goes in it.
 * Its own colours, so it reads on the light and the dark page and as a favicon on any tab.
 */
export const LOGO_SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64" width="64" height="64">
<path d="M6 10h30a4 4 0 0 1 4 4v18a4 4 0 0 1-4 4H18l-8 8v-8H6a4 4 0 0 1-4-4V14a4 4 0 0 1 4-4z" fill="#2a6fc0" stroke="#fafaf7" stroke-width="1.5"/>
<path d="M28 22h30a4 4 0 0 1 4 4v18a4 4 0 0 1-4 4h-4v8l-8-8H28a4 4 0 0 1-4-4V26a4 4 0 0 1 4-4z" fill="#f0b429" stroke="#fafaf7" stroke-width="1.5"/>
<path d="M31 30l5 5 9-10" fill="none" stroke="#1b1b1b" stroke-width="4" stroke-linecap="round" stroke-linejoin="round"/>
</svg>`;

/**
 * The mark and the word, for the header of every page (the mark is decoration: the word names
 * it). Not a link: the first Tab of a page stays on what the page is for (the sign-in field,
 * the one-click confirm button, the skip link), and signed-in pages have Home in their menu.
 */
export const logo = html`<div class="logo">${raw(
  LOGO_SVG.replace("<svg ", '<svg aria-hidden="true" focusable="false" ').replace(
    'width="64" height="64"',
    'width="32" height="32"',
  ),
)}<span>Vouch</span></div>`;

/** /favicon.svg: the same mark, cached for a day. */
export function logoPages() {
  const app = new Hono();
  app.get("/favicon.svg", (c) =>
    c.body(LOGO_SVG, 200, {
      "content-type": "image/svg+xml",
      "cache-control": "public, max-age=86400",
    }),
  );
  return app;
}
