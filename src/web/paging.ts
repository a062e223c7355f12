import { html } from "hono/html";

/** A page number from the query string: 0 when absent or bad, at most 10,000. */
export function pageNumber(q: string | undefined): number {
  return Math.max(0, Math.min(10_000, Number.parseInt(q ?? "0", 10) || 0));
}

/**
 * "Newer …" / "Older …" links for one list of a page, keeping the other lists' page numbers
 * and filters (`keep`) so that paging one list does not reset another.
 */
export function pageLinks(
  path: string,
  keep: Record<string, number | string>,
  param: string,
  more: boolean,
  noun: string,
  anchor = "",
) {
  const at = Number(keep[param] ?? 0);
  const href = (n: number) => {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries({ ...keep, [param]: n })) if (v) q.set(k, String(v));
    const s = q.toString();
    return `${path}${s ? `?${s}` : ""}${anchor}`;
  };
  if (!at && !more) return "";
  return html`<nav aria-label="Pages of ${noun}" class="pages"><p>${at > 0 ? html`<a href="${href(at - 1)}" rel="prev">Newer ${noun}</a> ` : ""}${more ? html`<a href="${href(at + 1)}" rel="next">Older ${noun}</a>` : ""}</p></nav>`;
}
