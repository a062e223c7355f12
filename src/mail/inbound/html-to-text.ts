// A small HTML-to-text converter for mail bodies. Not a browser: it tokenises tags with one linear
// regex (no backtracking blow-ups on hostile input), keeps paragraph structure, renders
// <blockquote> as "> " lines so that quote stripping works the same on HTML-only replies, and
// writes a link's address next to its text so that scheduling links are not lost.

import { decodeEntities } from "./html-entities.ts";

const BLOCK = new Set([
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
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "header",
  "li",
  "main",
  "nav",
  "ol",
  "p",
  "pre",
  "section",
  "table",
  "tbody",
  "thead",
  "tfoot",
  "tr",
  "ul",
]);
// Paragraph-like blocks get a blank line around them, the rest a single line break.
const PARAGRAPH = new Set(["p", "h1", "h2", "h3", "h4", "h5", "h6", "table", "ul", "ol", "pre"]);
// Content that is never shown to the reader.
const HIDDEN = new Set(["head", "style", "script", "title", "template", "noscript", "xml", "svg"]);
const TOKEN =
  /<!--[\s\S]*?(?:-->|$)|<!\[CDATA\[[\s\S]*?(?:\]\]>|$)|<[!?][^>]*>?|<(\/?)([a-zA-Z][a-zA-Z0-9:-]*)([^>]*)>?/g;
const SIGNATURE_CLASS =
  /\bclass\s*=\s*["']?[^"'>]*\b(?:gmail_signature|moz-signature|x_Signature|Signature)\b/i;

function attr(attrs: string, name: string): string | undefined {
  const m = new RegExp(`\\b${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, "i").exec(attrs);
  if (!m) return undefined;
  return decodeEntities(m[1] ?? m[2] ?? m[3] ?? "");
}

/** Options for {@link htmlToText}. */
export interface HtmlToTextOptions {
  /** Write " (url)" after a link whose text is not the url itself. Default true. */
  linkUrls?: boolean;
}

/** Converts an HTML mail body to readable plain text. Never throws. */
export function htmlToText(html: string, options: HtmlToTextOptions = {}): string {
  const linkUrls = options.linkUrls ?? true;
  const lines: string[] = [];
  let cur = "";
  let curDepth = 0;
  let quoteDepth = 0;
  let preDepth = 0;
  let hiddenTag: string | null = null;
  let hiddenNest = 0;
  let pendingBreak = 0; // 0 none, 1 line break, 2 blank line
  const links: string[] = [];
  const msoLines: { mso: boolean; emitted: number }[] = [];
  let emitted = 0; // pieces of text written so far

  const flushLine = () => {
    const text = preDepth > 0 ? cur.replace(/\s+$/, "") : cur.trim();
    lines.push(`${"> ".repeat(curDepth)}${text}`.replace(/\s+$/, ""));
    cur = "";
  };
  const requestBreak = (n: 1 | 2) => {
    pendingBreak = Math.max(pendingBreak, n);
  };
  const emit = (text: string) => {
    if (pendingBreak > 0) {
      if (cur.trim() !== "" || lines.length > 0) {
        if (cur.trim() !== "") flushLine();
        if (pendingBreak === 2 && lines.length > 0 && lines[lines.length - 1] !== "") {
          lines.push(quoteDepth > 0 ? ">".repeat(Math.min(quoteDepth, curDepth)) : "");
        }
      }
      pendingBreak = 0;
    }
    if (cur === "") curDepth = quoteDepth;
    cur += text;
    if (text.trim() !== "") emitted++;
  };
  const hardBreak = () => {
    // <br>: ends the current line even when it is empty, so "<br><br>" gives a blank line.
    if (pendingBreak > 0) emit("");
    if (cur === "") curDepth = quoteDepth;
    flushLine();
  };

  let last = 0;
  const handleText = (raw: string) => {
    if (hiddenTag || raw === "") return;
    let text = decodeEntities(raw);
    if (preDepth === 0) {
      text = text.replace(/\s+/g, " ");
      if (cur === "" || /\s$/.test(cur)) text = text.replace(/^ +/, "");
      if (text === "") return;
      emit(text);
      return;
    }
    const parts = text.split(/\r?\n/);
    parts.forEach((part, i) => {
      if (i > 0) hardBreak();
      if (part !== "") emit(part);
    });
  };

  for (const m of html.matchAll(TOKEN)) {
    handleText(html.slice(last, m.index));
    last = m.index + m[0].length;
    const name = m[2]?.toLowerCase();
    if (!name) continue; // comment, doctype, CDATA, processing instruction
    const closing = m[1] === "/";
    const attrs = m[3] ?? "";
    if (hiddenTag) {
      if (name === hiddenTag) hiddenNest += closing ? -1 : attrs.trim().endsWith("/") ? 0 : 1;
      if (hiddenNest <= 0) hiddenTag = null;
      continue;
    }
    if (HIDDEN.has(name)) {
      if (!closing && !attrs.trim().endsWith("/")) {
        hiddenTag = name;
        hiddenNest = 1;
      }
      continue;
    }
    if (name === "br") {
      hardBreak();
      continue;
    }
    if (name === "hr") {
      requestBreak(1);
      emit("----");
      requestBreak(1);
      continue;
    }
    if (name === "blockquote") {
      requestBreak(2);
      quoteDepth = Math.max(0, quoteDepth + (closing ? -1 : 1));
      continue;
    }
    if (name === "pre") {
      if (closing && cur.trim() !== "") flushLine();
      preDepth = Math.max(0, preDepth + (closing ? -1 : 1));
    }
    if (name === "img" && !closing) {
      const alt = attr(attrs, "alt");
      if (alt?.trim()) handleText(` ${alt} `);
      continue;
    }
    if (name === "a") {
      if (!closing) {
        links.push(attr(attrs, "href") ?? "");
      } else {
        const href = links.pop() ?? "";
        if (linkUrls && /^https?:\/\//i.test(href) && !cur.includes(href)) {
          const shown = cur.trim();
          const bare = href.replace(/^https?:\/\//i, "").replace(/\/$/, "");
          if (!shown.endsWith(bare) && !shown.endsWith(href)) emit(` (${href})`);
        }
      }
      continue;
    }
    if (name === "td" || name === "th") {
      if (closing) handleText(" ");
      continue;
    }
    if (BLOCK.has(name)) {
      // Outlook writes every line as <p class="MsoNormal"> with no margin: a line, not a paragraph.
      let lineOnly = false;
      if (name === "p") {
        if (closing) {
          const open = msoLines.pop();
          lineOnly = open?.mso ?? false;
          // An empty Outlook line (<o:p>&nbsp;</o:p>) is how Outlook writes a blank line.
          if (lineOnly && open?.emitted === emitted) {
            requestBreak(2);
            continue;
          }
        } else {
          lineOnly = /MsoNormal/i.test(attrs);
          msoLines.push({ mso: lineOnly, emitted });
        }
      }
      const paragraph = PARAGRAPH.has(name) && !lineOnly;
      requestBreak(paragraph ? 2 : 1);
      if (!closing && name === "li") emit("- ");
      if (
        !closing &&
        name === "div" &&
        SIGNATURE_CLASS.test(attrs) &&
        !/^--\s*$/.test(cur.trim())
      ) {
        // Gmail and Outlook mark the signature block in HTML only; keep the conventional
        // "-- " separator so that signature stripping works on HTML-only replies too.
        const prev = lines[lines.length - 1]?.trim();
        if (prev !== "--" && cur.trim() !== "--") {
          emit("-- ");
          requestBreak(1);
        }
      }
    }
  }
  handleText(html.slice(last));
  if (cur.trim() !== "") flushLine();

  // Collapse runs of blank lines and trim the ends.
  const out: string[] = [];
  for (const line of lines) {
    const blank = /^[>\s]*$/.test(line);
    const prevBlank = out.length === 0 || /^[>\s]*$/.test(out[out.length - 1] ?? "");
    if (blank && prevBlank) continue;
    out.push(blank ? line.replace(/\s+$/, "") : line);
  }
  while (out.length > 0 && /^[>\s]*$/.test(out[out.length - 1] ?? "")) out.pop();
  return out.join("\n");
}
