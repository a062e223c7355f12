/**
 * What a proposed scheduling link may be, wherever it comes from (the web form, the API): a full
 * https:// address on a named host, without a user name or password, at most 500 characters.
 */

/** The longest scheduling link accepted. */
export const SCHEDULING_LINK_MAX_LENGTH = 500;
/** How many scheduling links one proposal may carry. */
export const SCHEDULING_LINKS_MAX = 5;

/**
 * A scheduling link as typed: accepted only as a full https:// address on a named host without
 * credentials (http:, javascript:, a bare word are refused), and returned normalised.
 */
export function schedulingLink(typed: string): { ok: true; url: string } | { ok: false } {
  const s = typed.trim();
  if (s.length > SCHEDULING_LINK_MAX_LENGTH || /\s/.test(s)) return { ok: false };
  let u: URL;
  try {
    u = new URL(s);
  } catch {
    return { ok: false };
  }
  if (u.protocol !== "https:" || !u.hostname.includes(".") || u.username || u.password)
    return { ok: false };
  return { ok: true, url: u.href };
}
