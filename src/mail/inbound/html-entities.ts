// The invisible formatting references a mail client sprinkles into its HTML (soft hyphens,
// zero-width joiners) are dropped before the HTML is read, not decoded into the text: a reply's
// words must match the rules' words. Every other reference is decoded by the HTML parser
// (html-to-text's htmlparser2, by the spec's own table).

const INVISIBLE = /&(?:shy|zwnj|zwj|#0*173|#x0*ad|#0*820[45]|#x0*200[cd]);?/gi;

/** The HTML without its invisible formatting references. */
export function dropInvisibleReferences(html: string): string {
  return html.includes("&") ? html.replace(INVISIBLE, "") : html;
}
