// Entity decoding for html-to-text, by the HTML specification's own table (the `entities`
// package: every one of the ~2,231 named references, numeric ones with the spec's Windows-1252
// remapping, so `&#146;` is ’ as browsers show it). The invisible formatting references a mail
// client sprinkles into its HTML (soft hyphens, zero-width joiners) are dropped, not decoded.
import { decodeHTML } from "entities";

const INVISIBLE = /&(?:shy|zwnj|zwj|#0*173|#x0*ad|#0*820[45]|#x0*200[cd]);?/gi;

/** Decodes HTML character references (named, decimal and hex), as a browser would. */
export function decodeEntities(text: string): string {
  if (!text.includes("&")) return text;
  return decodeHTML(text.replace(INVISIBLE, ""));
}
