// HTML mail bodies as plain text, by the html-to-text package (htmlparser2 underneath: a real
// HTML tokenizer, entities decoded by the HTML spec's table), configured so that a reply reads
// as it did in the mail client: paragraphs kept, no wrapping and no upper-cased headings,
// <blockquote> as "> " lines (so quote stripping works the same on HTML-only replies), a link's
// address written next to its text (so scheduling links are not lost), Outlook's MsoNormal
// paragraphs as single lines and Gmail's or Thunderbird's signature block under a "-- " line.

import type { DomNode, FormatCallback, HtmlToTextOptions as LibraryOptions } from "html-to-text";
import { compile } from "html-to-text";
import { boundNesting, MAX_NESTING } from "./html-depth.ts";
import { dropInvisibleReferences } from "./html-entities.ts";

/** Options for {@link htmlToText}. */
export interface HtmlToTextOptions {
  /** Write " (url)" after a link whose text is not the url itself. Default true. */
  linkUrls?: boolean;
}

/** A parsed node as htmlparser2 gives it: with its siblings. */
type Node = DomNode & { prev?: Node | null; next?: Node | null; parent?: Node | null };

// Elements that start and end a line (a <br> next to one of them adds no line of its own).
const BLOCKS = new Set([
  ...["address", "article", "aside", "blockquote", "body", "center", "dd", "div", "dl", "dt"],
  ...["fieldset", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header"],
  ...["hr", "html", "li", "main", "nav", "ol", "p", "pre", "section", "table", "tbody", "td"],
  ...["tfoot", "th", "thead", "tr", "ul"],
]);
// Content that is never shown to the reader.
const HIDDEN = ["head", "style", "script", "title", "template", "noscript", "xml", "svg"];
const HIDDEN_SET = new Set(HIDDEN);
const isSpace = (s: string | undefined) => /^[\s\u00a0\u200b]*$/.test(s ?? "");
const isBlock = (n: Node) => n.type !== "text" && BLOCKS.has(n.name ?? "");

/** Whether a node shows anything: words, a line break, a rule or an image's alt text. */
function shows(node: Node): boolean {
  if (node.type === "text") return !isSpace(node.data);
  if (node.type !== "tag" || HIDDEN_SET.has(node.name ?? "")) return false;
  if (node.name === "br" || node.name === "hr") return true;
  if (node.name === "img") return !isSpace(node.attribs?.alt);
  let known = showing.get(node);
  if (known === undefined) {
    known = (node.children ?? []).some(shows);
    showing.set(node, known);
  }
  return known;
}
// Asked of each block and of the siblings before each <br>: once per element.
const showing = new WeakMap<Node, boolean>();

/** A <br> that only ends a line of text where a block ends or starts anyway (as in a browser). */
function redundantBreak(br: Node): boolean {
  let after = false;
  for (let n: Node | null | undefined = br; n && !after; n = n.parent) {
    let s = n.next;
    while (s && (s.type === "comment" || (s.type === "text" && isSpace(s.data)))) s = s.next;
    if (s) {
      if (!isBlock(s)) return false;
      after = true;
    } else if (!n.parent || isBlock(n.parent)) after = true;
  }
  // …and only after words on the same line: an empty line's <br> is the blank line itself.
  for (let n: Node | null | undefined = br; n; n = n.parent) {
    for (let s = n.prev; s; s = s.prev) {
      if (s.type === "tag" && (s.name === "br" || isBlock(s))) return false;
      if (shows(s)) return true;
    }
    if (!n.parent || isBlock(n.parent)) return false;
  }
  return false;
}

const lineBreak: FormatCallback = (elem, _walk, builder) => {
  if (!redundantBreak(elem)) builder.addLineBreak();
};

/** A block that shows nothing adds no line either. */
const lineBlock: FormatCallback = (elem, walk, builder) => {
  if (!shows(elem)) return;
  builder.openBlock({ leadingLineBreaks: 1 });
  walk(elem.children, builder);
  builder.closeBlock({ trailingLineBreaks: 1 });
};

// Outlook writes every line as <p class="MsoNormal"> with no margin: a line, not a paragraph;
// an empty one (<o:p>&nbsp;</o:p>) is how it writes a blank line.
const msoLine: FormatCallback = (elem, walk, builder) => {
  const empty = !shows(elem);
  builder.openBlock({ leadingLineBreaks: empty ? 2 : 1 });
  walk(elem.children, builder);
  builder.closeBlock({ trailingLineBreaks: empty ? 2 : 1 });
};

// Gmail and Outlook mark the signature block in HTML only: the conventional "-- " separator
// above it lets signature stripping work on HTML-only replies too (a doubled one is removed).
const signature: FormatCallback = (elem, walk, builder) => {
  builder.openBlock({ leadingLineBreaks: 1 });
  builder.openBlock({ leadingLineBreaks: 1 });
  builder.addLiteral("-- ");
  builder.closeBlock({ trailingLineBreaks: 1 });
  walk(elem.children, builder);
  builder.closeBlock({ trailingLineBreaks: 1 });
};

/** An image as its alt text only: a tracking pixel's address is noise. */
const altText: FormatCallback = (elem, _walk, builder) => {
  const alt = elem.attribs?.alt?.trim();
  if (alt) builder.addInline(` ${alt} `);
};

/** Table cells of a layout table side by side, separated by a space. */
const cell: FormatCallback = (elem, walk, builder) => {
  walk(elem.children, builder);
  builder.addInline(" ");
};

/** A web link's address after its text, unless the text already shows it. */
const link =
  (urls: boolean): FormatCallback =>
  (elem, walk, builder) => {
    const href = (elem.attribs?.href ?? "").trim();
    if (!urls || !/^https?:\/\//i.test(href)) return walk(elem.children, builder);
    let shown = "";
    builder.pushWordTransform((word: string) => {
      shown += word;
      return word;
    });
    walk(elem.children, builder);
    builder.popWordTransform();
    const bare = href.replace(/^https?:\/\//i, "").replace(/\/$/, "");
    if (!shown.endsWith(bare) && !shown.endsWith(href) && !shown.endsWith(`${bare}/`))
      builder.addInline(` (${href})`, { noWordTransform: true });
  };

const LINE_BLOCKS = [
  "address",
  "article",
  "aside",
  "center",
  "dd",
  "div",
  "dl",
  "dt",
  "fieldset",
  "figure",
  "footer",
  "form",
  "header",
  "main",
  "nav",
  "section",
  "tbody",
  "tfoot",
  "thead",
  "tr",
];
const SIGNATURE_CLASSES = [
  "gmail_signature",
  "moz-signature",
  "x_Signature",
  "Signature",
  "signature",
];

function options(linkUrls: boolean): LibraryOptions {
  return {
    wordwrap: false,
    // A no-break space is a space to the reader (Outlook writes blank lines with one).
    whitespaceCharacters: " \t\r\n\f\u200b\u00a0",
    // The walk recurses once per element: bounded, and above what boundNesting lets through.
    limits: { maxDepth: MAX_NESTING + 10, ellipsis: "" },
    formatters: { lineBreak, lineBlock, msoLine, signature, altText, cell, link: link(linkUrls) },
    selectors: [
      { selector: "a", format: "link" },
      { selector: "br", format: "lineBreak" },
      { selector: "img", format: "altText" },
      { selector: "td", format: "cell" },
      { selector: "th", format: "cell" },
      {
        selector: "table",
        format: "block",
        options: { leadingLineBreaks: 2, trailingLineBreaks: 2 },
      },
      { selector: "p.MsoNormal", format: "msoLine" },
      { selector: "ul", options: { itemPrefix: "- " } },
      { selector: "hr", options: { length: 4, leadingLineBreaks: 1, trailingLineBreaks: 1 } },
      ...["h1", "h2", "h3", "h4", "h5", "h6"].map((h) => ({
        selector: h,
        options: { uppercase: false, leadingLineBreaks: 2, trailingLineBreaks: 2 },
      })),
      ...LINE_BLOCKS.map((selector) => ({ selector, format: "lineBlock" })),
      ...SIGNATURE_CLASSES.map((c) => ({ selector: `div.${c}`, format: "signature" })),
      ...HIDDEN.map((selector) => ({ selector, format: "skip" })),
    ],
  };
}

const converters = new Map<boolean, (html: string) => string>();
function converter(linkUrls: boolean) {
  let c = converters.get(linkUrls);
  if (!c) {
    c = compile(options(linkUrls));
    converters.set(linkUrls, c);
  }
  return c;
}

const isBlank = (line: string) => /^[>\s]*$/.test(line);
const quoteDepth = (line: string) => /^(?:> ?)*/.exec(line)?.[0].replace(/ /g, "").length ?? 0;

// The longest HTML read: html-to-text takes about 2 µs a character (5-10 times the hand-written
// converter it replaced), and quote stripping reads only the first 200,000 characters of text.
const MAX_HTML = 1_000_000;

/** Converts an HTML mail body to readable plain text. Never throws. */
export function htmlToText(html: string, options: HtmlToTextOptions = {}): string {
  const head = html.length > MAX_HTML ? html.slice(0, MAX_HTML) : html;
  const text = converter(options.linkUrls ?? true)(boundNesting(dropInvisibleReferences(head)));
  // Trailing spaces off ("> " on an empty quoted line is ">"), one blank line at most, a
  // quote set off from the text above it by a blank line (the library keeps that line only when
  // the <blockquote> starts with text), a signature mark right under another one dropped, and
  // no blank lines at the ends.
  const out: string[] = [];
  for (const raw of text.split("\n")) {
    const line = raw.replace(/\s+$/, "");
    const prev = out[out.length - 1];
    if (isBlank(line) && (prev === undefined || isBlank(prev))) continue;
    if (line === "--" && prev?.trim() === "--") continue;
    if (prev !== undefined && !isBlank(prev) && quoteDepth(line) > quoteDepth(prev))
      out.push(">".repeat(quoteDepth(prev)));
    out.push(line);
  }
  while (out.length > 0 && isBlank(out[out.length - 1] ?? "")) out.pop();
  return out.join("\n");
}
