import { html } from "hono/html";
import type { HtmlEscapedString } from "hono/utils/html";

type Content = HtmlEscapedString | Promise<HtmlEscapedString> | string;

/**
 * The shell of every server-rendered page: readable without CSS or JavaScript, one column,
 * system fonts, contrast above WCAG AA, and everything user-written escaped by `html`.
 */
export function page(title: string, body: Content) {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${title} · Vouch</title>
<style>
:root{color-scheme:light}
body{font:17px/1.55 system-ui,-apple-system,"Segoe UI",sans-serif;color:#1b1b1b;background:#fafaf7;margin:0}
main{max-width:40rem;margin:0 auto;padding:2rem 1.25rem 4rem}
h1{font-size:1.5rem;line-height:1.3;margin:0 0 1rem}
a{color:#0b5394}
label{display:block;font-weight:600;margin:1rem 0 .35rem}
input[type=text],input[type=email],input[type=date],textarea{width:100%;box-sizing:border-box;font:inherit;padding:.55rem .65rem;border:1px solid #6b6b6b;border-radius:6px;background:#fff;color:#1b1b1b}
textarea{min-height:7rem}
.check{display:flex;gap:.5rem;align-items:center;font-weight:400}
button{font:inherit;font-weight:600;margin-top:1.25rem;padding:.65rem 1.2rem;border-radius:6px;border:0;background:#0b5394;color:#fff;cursor:pointer}
button:focus-visible,a:focus-visible,input:focus-visible,textarea:focus-visible{outline:3px solid #f0b429;outline-offset:2px}
.muted{color:#4a4a4a;font-size:.95rem}
.box{background:#fff;border:1px solid #d6d6d0;border-radius:8px;padding:1rem 1.25rem;margin:1rem 0}
pre{white-space:pre-wrap;word-break:break-word;font:14px/1.5 ui-monospace,monospace}
table{border-collapse:collapse;width:100%}td,th{text-align:left;vertical-align:top;padding:.3rem .5rem;border-bottom:1px solid #e2e2dc;font-size:.9rem}
.err{color:#a4000f;font-weight:600}
</style>
</head>
<body><main>${body}</main></body>
</html>`;
}
