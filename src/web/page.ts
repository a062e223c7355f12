import { html } from "hono/html";
import type { HtmlEscapedString } from "hono/utils/html";
import { logo } from "./logo.ts";

type Content = HtmlEscapedString | Promise<HtmlEscapedString> | string;

/**
 * The shell of every server-rendered page: readable without CSS or JavaScript, one column,
 * system fonts, contrast above WCAG AA in light and dark (the reader's setting), and everything user-written escaped by `html`.
 */
export function page(title: string, body: Content, opts: { wide?: boolean } = {}) {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${title} · Vouch</title>
<link rel="icon" href="/favicon.svg" type="image/svg+xml">
<style>
:root{color-scheme:light dark}
body{font:17px/1.55 system-ui,-apple-system,"Segoe UI",sans-serif;color:#1b1b1b;background:#fafaf7;margin:0}
main{max-width:40rem;margin:0 auto;padding:1rem 1.25rem 4rem}
header.brand{max-width:40rem;margin:0 auto;padding:1rem 1.25rem 0}header.brand.wide{max-width:72rem}
.logo{display:inline-flex;align-items:center;gap:.5rem;font-weight:700;font-size:1.25rem;color:#1b1b1b}.logo svg{flex:none}
.visitor{display:grid;gap:1.5rem 2.5rem}@media(min-width:56rem){.visitor{grid-template-columns:3fr 2fr;align-items:start}}
.visitor>.box{margin:0}.visitor h1{font-size:1.75rem;margin-top:0}.visitor h2{font-size:1.2rem;margin:0 0 .5rem}
ol.steps{padding-left:1.5rem;margin:0 0 1rem}ol.steps li{margin:.5rem 0;padding-left:.25rem}ol.steps li::marker{font-weight:700;color:#0b5394}
h1{font-size:1.5rem;line-height:1.3;margin:0 0 1rem}
a{color:#0b5394}
label{display:block;font-weight:600;margin:1rem 0 .35rem}
input[type=text],input[type=email],input[type=url],input[type=date],textarea{width:100%;box-sizing:border-box;font:inherit;padding:.55rem .65rem;border:1px solid #6b6b6b;border-radius:6px;background:#fff;color:#1b1b1b}
textarea{min-height:7rem}
.check{display:flex;gap:.5rem;align-items:center;font-weight:400}
button{font:inherit;font-weight:600;margin-top:1.25rem;padding:.65rem 1.2rem;border-radius:6px;border:0;background:#0b5394;color:#fff;cursor:pointer}
button:focus-visible,a:focus-visible,input:focus-visible,textarea:focus-visible{outline:3px solid #f0b429;outline-offset:2px}
.muted{color:#4a4a4a;font-size:.95rem}
.box{background:#fff;border:1px solid #d6d6d0;border-radius:8px;padding:1rem 1.25rem;margin:1rem 0}
pre{white-space:pre-wrap;word-break:break-word;font:14px/1.5 ui-monospace,monospace}
table{border-collapse:collapse;width:100%}td,th{text-align:left;vertical-align:top;padding:.3rem .5rem;border-bottom:1px solid #e2e2dc;font-size:.9rem}td,th{hyphens:auto;overflow-wrap:break-word}td a{overflow-wrap:anywhere}@media(max-width:30rem){main{padding:1rem .9rem 3rem}header.brand{padding:.75rem .9rem 0}td,th{padding:.3rem}}
.err{color:#a4000f;font-weight:600}
main.wide{max-width:72rem}
.skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:.5rem;background:#fff;padding:.4rem}
.top{display:flex;flex-wrap:wrap;justify-content:space-between;align-items:center;gap:.5rem;border-bottom:1px solid #d6d6d0;margin-bottom:1.5rem;padding-bottom:.5rem}
.top ul{list-style:none;display:flex;flex-wrap:wrap;gap:.25rem 1rem;margin:0;padding:0}
.top a[aria-current]{font-weight:700;color:#1b1b1b}
.signout button,button.link{background:none;color:#0b5394;padding:0;margin:0;text-decoration:underline;font-weight:400}
.grid{display:grid;gap:1.5rem}@media(min-width:60rem){.grid{grid-template-columns:3fr 2fr}#coach-panel{position:sticky;top:1rem;align-self:start}}
select,input[type=number],input[type=datetime-local]{display:block;font:inherit;padding:.45rem;border:1px solid #6b6b6b;border-radius:6px;background:#fff;color:#1b1b1b}
button.secondary{background:#fff;color:#0b5394;border:2px solid #0b5394}
.badge{display:inline-block;padding:.05rem .5rem;border-radius:999px;background:#e8eef6;color:#0b3a6b;font-size:.85rem;font-weight:600}
.sev-error{color:#a4000f}.sev-warning{color:#7a4b00}.sev-tip{color:#2f5d1e}
.ok{color:#1e5c1e;font-weight:600}
.hint{display:block;font-weight:400;color:#4a4a4a;font-size:.9rem}
ol.timeline{padding-left:1.2rem}ol.timeline li{margin:.35rem 0}
.welcomes{margin:.35rem 0 0;font-size:.95rem}td .welcomes{font-size:.85rem}
ul.plain{list-style:none;margin:0;padding:0}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
ol.story{list-style:none;display:flex;flex-wrap:wrap;gap:.4rem;margin:0 0 1rem;padding:0}
ol.story li{padding:.2rem .7rem;border-radius:999px;border:1px solid #8a8a84;font-size:.9rem;color:#4a4a4a;background:#fff}
ol.story li[data-step=done]{background:#e6f0e0;border-color:#2f5d1e;color:#1e3d12}
ol.story li[data-step=done]::before{content:"✓ "/""}
ol.story li[aria-current=step]{background:#0b5394;border-color:#0b5394;color:#fff;font-weight:700}
.exit{border-left:4px solid #a4000f;padding-left:.6rem}
li.need{display:flex;flex-wrap:wrap;justify-content:space-between;align-items:center;gap:.25rem 1rem}li.need p{margin:0;flex:1 1 18rem}
a.act{display:inline-block;font-weight:600;padding:.45rem 1rem;border-radius:6px;background:#0b5394;color:#fff;text-decoration:none}
.copy-row{display:flex;flex-wrap:wrap;align-items:center;gap:.25rem 1rem}.copy-row button{margin-top:.5rem}
@media(prefers-color-scheme:dark){
body{color:#e8e8e3;background:#15171a}
a,.signout button,button.link{color:#8cb8ff}
.top a[aria-current]{color:#e8e8e3}
.logo{color:#e8e8e3}ol.steps li::marker{color:#8cb8ff}
.skip:focus{background:#15171a}
input[type=text],input[type=email],input[type=url],input[type=date],textarea,select,input[type=number],input[type=datetime-local]{background:#1f2226;color:#e8e8e3;border-color:#8a8a84}
.muted,.hint{color:#b8b8b0}
.box{background:#1f2226;border-color:#3a3d42}
td,th{border-bottom-color:#3a3d42}.top{border-bottom-color:#3a3d42}
.err,.sev-error{color:#ff9a9a}.sev-warning{color:#f0c36b}.sev-tip,.ok{color:#9ad18a}
.badge{background:#22344d;color:#cfe0ff}
button.secondary{background:#1f2226;color:#8cb8ff;border-color:#8cb8ff}
ol.story li{background:#1f2226;color:#c8c8c0;border-color:#8a8a84}
ol.story li[data-step=done]{background:#1d3317;color:#cfe8c4;border-color:#6fae5a}
ol.story li[aria-current=step]{background:#0b5394;border-color:#8cb8ff;color:#fff}
.exit{border-left-color:#ff9a9a}
a.act{color:#fff}
}
</style>
</head>
<body><header class="brand${opts.wide ? " wide" : ""}">${logo}</header>
<main${opts.wide ? html` class="wide"` : ""}>${body}</main></body>
</html>`;
}
