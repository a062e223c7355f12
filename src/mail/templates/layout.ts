/**
 * The shared layout. A template describes its message once, as a list of blocks (a paragraph,
 * what someone wrote, buttons, a ready-made reply…); this file renders the blocks both as plain
 * text that reads like a person wrote it and as one simple, centred, responsive HTML column.
 *
 * All HTML goes through hono's `html` tag, which escapes every interpolation; `raw` is used only
 * for markup and styles written here.
 */
import { html, raw } from "hono/html";
import { VouchError } from "../../domain/errors.ts";
import { assertHeaderSafe } from "../headers.ts";
import type { RenderedEmail } from "./types.ts";
import { encodeBidiControls, paragraphs, type ShownName } from "./user-text.ts";

type Markup = ReturnType<typeof raw>;

/**
 * A run of text inside a paragraph or a list item; `strong` is bold in HTML and plain in text;
 * `link` is a URL someone gave, spelled out, and a link in HTML only when it is http(s).
 */
export type Inline = string | { strong: string } | { link: string };

/** A one-click link, drawn as a button. */
export interface Button {
  label: string;
  url: string;
  /** The action we expect most people to take; drawn filled instead of outlined. */
  primary?: boolean;
}

/** One piece of a message. */
export type Block =
  | { kind: "para"; parts: Inline[] }
  | { kind: "typed"; text: string }
  | { kind: "quote"; label: string; text: string }
  | { kind: "buttons"; items: Button[] }
  | { kind: "draft"; label: string; text: string; send?: Button }
  | { kind: "list"; items: Inline[] }
  | { kind: "small"; text: string }
  | { kind: "rule" };

/** A paragraph of our own words (user values interpolated); "\n" is a line break. */
export function p(...parts: Inline[]): Block {
  return { kind: "para", parts };
}

/** What someone wrote, shown as they wrote it (paragraphs and line breaks kept). */
export function typed(text: string): Block {
  return { kind: "typed", text };
}

/** What someone wrote, set apart under a label ("Alice wrote:"). */
export function quote(label: string, text: string): Block {
  return { kind: "quote", label, text };
}

/** One-click links. Each renders as `Label: URL` in plain text. */
export function buttons(...items: Button[]): Block {
  return { kind: "buttons", items };
}

/** A message the reader can send as is, with an optional link that opens it in their mail app. */
export function draft(label: string, text: string, send?: Button): Block {
  return send ? { kind: "draft", label, text, send } : { kind: "draft", label, text };
}

/** A short bulleted list. */
export function list(...items: Inline[]): Block {
  return { kind: "list", items };
}

/** A quiet aside (privacy notes, "nothing for you to do"). */
export function small(text: string): Block {
  return { kind: "small", text };
}

/** A divider between a person's message and Vouch's part. */
export function rule(): Block {
  return { kind: "rule" };
}

/** "Hi Maya," */
export function greeting(name: ShownName): Block {
  return p(`Hi ${name.first},`);
}

/** A sign-off: "Thanks,\nJane", or just the name when `closing` is empty. */
export function signOff(name: string, closing = "Thanks,"): Block {
  return p(closing ? `${closing}\n${name}` : name);
}

/** Vouch's own sign-off on the notices it sends in its own voice. */
export function fromVouch(closing = ""): Block {
  return signOff("Vouch", closing);
}

/** How a message is put together. */
export interface EmailParts {
  subject: string;
  blocks: Block[];
  /** One line under the message saying who sent it and why. */
  footer: string;
  unsubscribeUrl?: string | undefined;
}

// ---------------------------------------------------------------------------------------------
// Plain text

function inlineText(parts: Inline[]): string {
  return parts.map((x) => (typeof x === "string" ? x : "strong" in x ? x.strong : x.link)).join("");
}

function typedText(text: string): string {
  return paragraphs(text)
    .map((lines) => lines.join("\n"))
    .join("\n\n");
}

function blockText(b: Block): string {
  switch (b.kind) {
    case "para":
      return inlineText(b.parts);
    case "typed":
      return typedText(b.text);
    case "quote":
      // The seed's own way of setting an email apart: a line of dashes above and below.
      return `${b.label}\n\n----\n${typedText(b.text)}\n----`;
    case "buttons":
      return b.items.map((x) => `${x.label}: ${checkedUrl(x.url)}`).join("\n");
    case "draft":
      // The mailto: link stays in the HTML part: spelled out, it is a wall of %20s, and a
      // plain-text reader can copy the draft just as well.
      return `${b.label}\n\n----\n${typedText(b.text)}\n----`;
    case "list":
      return b.items.map((x) => `- ${inlineText([x])}`).join("\n");
    case "small":
      return b.text;
    case "rule":
      return "----";
  }
}

// ---------------------------------------------------------------------------------------------
// HTML

/** hono's `html` returns a Promise only when given one; templates never do, so stay synchronous. */
function h(strings: TemplateStringsArray, ...values: unknown[]): Markup {
  const out = html(strings, ...values);
  if (out instanceof Promise) throw new Error("email HTML must render synchronously");
  return out;
}

/**
 * Links come from our own code, but a `javascript:` or `data:` URL in an email is never right,
 * so refuse anything but web and mail links rather than render it.
 */
function checkedUrl(url: string): string {
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url.trim())?.[1]?.toLowerCase();
  if (scheme !== "https" && scheme !== "http" && scheme !== "mailto") {
    throw new VouchError("INVALID_INPUT", "a link in an email must be an http(s) or mailto URL", {
      field: "url",
    });
  }
  return url;
}

const FONT = raw(
  "font-family:-apple-system,BlinkMacSystemFont,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;",
);
const TEXT_COLOR = "#1f2937"; // 14.7:1 on white
const MUTED_COLOR = "#4b5563"; // 7.6:1 on white
const BRAND = "#1d4ed8"; // 6.7:1 against white, both as text and behind white text
const P = raw("margin:0 0 16px 0;");

function lines(ls: string[]): Markup[] {
  return ls.map((l, i) => (i === 0 ? h`${l}` : h`<br>${l}`));
}

function typedHtml(text: string): Markup[] {
  return paragraphs(text).map((ls, i) => h`${i > 0 ? "\n" : ""}<p style="${P}">${lines(ls)}</p>`);
}

/** Whether a URL someone gave may be drawn as a link: http(s) only, in one piece. */
function isWebUrl(url: string): boolean {
  return /^https?:\/\/[^\s]+$/i.test(url);
}

function inlineHtml(x: Inline): Markup {
  if (typeof x === "string") return h`${lines(x.split("\n"))}`;
  if ("strong" in x) return h`<strong>${lines(x.strong.split("\n"))}</strong>`;
  return isWebUrl(x.link)
    ? h`<a href="${x.link}" style="color:${raw(BRAND)};text-decoration:underline;word-break:break-all;" rel="noopener noreferrer">${x.link}</a>`
    : h`${x.link}`;
}

function buttonHtml(b: Button): Markup {
  const style = b.primary
    ? `background:${BRAND};border:2px solid ${BRAND};color:#ffffff;`
    : `background:#ffffff;border:2px solid ${BRAND};color:${BRAND};`;
  return h`<a href="${checkedUrl(b.url)}" style="${raw(style)}display:inline-block;margin:0 8px 8px 0;padding:10px 18px;border-radius:6px;font-weight:600;font-size:15px;line-height:20px;text-decoration:none;">${b.label}</a>`;
}

function boxed(content: Markup | Markup[], style: string): Markup {
  // A one-cell table, because Outlook's Word engine ignores borders and backgrounds on divs.
  return h`<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="margin:0 0 16px 0;"><tr><td style="${FONT}${raw(style)}">\n${content}\n</td></tr></table>`;
}

function blockHtml(b: Block): Markup {
  switch (b.kind) {
    case "para":
      return h`<p style="${P}">${b.parts.map(inlineHtml)}</p>`;
    case "typed":
      return h`${typedHtml(b.text)}`;
    case "quote":
      return h`<p style="${P}">${b.label}</p>\n${boxed(
        typedHtml(b.text),
        `border-left:4px solid #d1d5db;padding:4px 0 4px 16px;color:${TEXT_COLOR};`,
      )}`;
    case "buttons":
      return h`<p style="margin:0 0 8px 0;">${b.items.map((x) => h`\n${buttonHtml(x)}`)}\n</p>`;
    case "draft":
      return h`<p style="${P}">${b.label}</p>\n${boxed(
        typedHtml(b.text),
        `background:#f3f4f6;border:1px solid #e5e7eb;border-radius:6px;padding:16px 16px 0 16px;color:${TEXT_COLOR};`,
      )}${b.send ? h`\n<p style="margin:0 0 8px 0;">${buttonHtml({ ...b.send, primary: true })}</p>` : ""}`;
    case "list":
      return h`<ul style="margin:0 0 16px 0;padding:0 0 0 20px;">${b.items.map(
        (x) => h`<li style="margin:0 0 4px 0;">${inlineHtml(x)}</li>`,
      )}</ul>`;
    case "small":
      return h`<p style="${P}font-size:14px;color:${raw(MUTED_COLOR)};">${lines(b.text.split("\n"))}</p>`;
    case "rule":
      return h`<hr style="border:0;border-top:1px solid #e5e7eb;margin:24px 0;">`;
  }
}

function footerHtml(footer: string, unsubscribeUrl: string | undefined): Markup {
  return h`<p style="margin:0;font-size:13px;line-height:1.5;color:${raw(MUTED_COLOR)};${FONT}">${footer}${
    unsubscribeUrl
      ? h`<br><a href="${checkedUrl(unsubscribeUrl)}" style="color:${raw(MUTED_COLOR)};text-decoration:underline;">Unsubscribe or change your email preferences</a>`
      : ""
  }</p>`;
}

function documentHtml(parts: EmailParts): string {
  const doc = h`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light only">
<title>${parts.subject}</title>
</head>
<body style="margin:0;padding:0;background:#ffffff;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="background:#ffffff;">
<tr><td align="center" style="padding:24px 16px;">
<!--[if mso]><table role="presentation" width="600" cellpadding="0" cellspacing="0" border="0"><tr><td><![endif]-->
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="max-width:600px;">
<tr><td align="left" style="${FONT}font-size:16px;line-height:1.5;color:${raw(TEXT_COLOR)};">
${parts.blocks.map((b) => h`${blockHtml(b)}\n`)}</td></tr>
<tr><td align="left" style="padding:16px 0 0 0;border-top:1px solid #e5e7eb;">
${footerHtml(parts.footer, parts.unsubscribeUrl)}
</td></tr>
</table>
<!--[if mso]></td></tr></table><![endif]-->
</td></tr>
</table>
</body>
</html>
`;
  return encodeBidiControls(doc.toString());
}

/** Renders a message's blocks as its plain-text and HTML parts. */
export function renderEmail(parts: EmailParts): RenderedEmail {
  assertHeaderSafe("subject", parts.subject);
  const body = parts.blocks.map(blockText).join("\n\n");
  const footer = parts.unsubscribeUrl
    ? `${parts.footer}\nUnsubscribe or change your email preferences: ${checkedUrl(parts.unsubscribeUrl)}`
    : parts.footer;
  // "-- " (with the space) is the signature separator mail clients recognise and grey out.
  const text = `${body}\n\n-- \n${footer}\n`;
  return { subject: parts.subject, text, html: documentHtml(parts) };
}
