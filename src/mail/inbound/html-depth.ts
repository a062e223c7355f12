// A bound on how deeply HTML nests before html-to-text parses it. htmlparser2 (its parser) keeps
// the open-element stack with Array#unshift, so N nested tags cost O(N²): 1 MB of "<b>" takes
// about 45 s, and anyone can mail us that. No mail client nests hundreds of elements deep, so past
// `max` the rest of the HTML is handed over as text: its tags are dropped (as spaces), every word
// is kept.
//
// The depth is the parser's own, from a first pass of htmlparser2 with no tree, stopped where it
// passes `max` (so that pass costs at most O(length × max)).

import { Parser } from "htmlparser2";

/** The deepest nesting handed to the parser (html-to-text's walk is bounded just above it). */
export const MAX_NESTING = 600;

/** The HTML with everything from the element that opens past `max` on turned into text. */
export function boundNesting(html: string, max = MAX_NESTING): string {
  if (tagsAtMost(html, max)) return html;
  let depth = 0;
  let cut = -1;
  const parser: Parser = new Parser({
    onopentagname() {
      if (++depth > max && cut < 0) {
        cut = parser.startIndex;
        parser.pause();
      }
    },
    onclosetag() {
      depth--;
    },
  });
  parser.write(html);
  if (cut < 0) return html;
  return html.slice(0, cut) + asText(html.slice(cut));
}

/** Whether the HTML has no more than `n` "<" (and so cannot nest deeper). */
function tagsAtMost(html: string, n: number): boolean {
  let count = 0;
  for (let i = html.indexOf("<"); i >= 0; i = html.indexOf("<", i + 1))
    if (++count > n) return false;
  return true;
}

/** HTML without its tags, with any "<" left escaped so that nothing in it opens a tag. */
function asText(html: string): string {
  return html.replace(/<[^<>]*>/g, " ").replaceAll("<", "&lt;");
}
