import { type Context, Hono, type Next } from "hono";
import { html, raw } from "hono/html";
import { VouchError } from "../domain/errors.ts";
import { isLoopbackAddress, remoteAddress } from "../http/loopback.ts";
import type { BuiltInMailbox, MailboxEntry } from "../mail/outbound/mailbox.ts";
import { page } from "./page.ts";

const threadKey = (m: MailboxEntry) => `${m.introId ?? ""}|${m.subject.replace(/^(re:\s*)+/i, "")}`;

/**
 * The message's HTML as the iframe shows it: every link opens in the whole window (`<base
 * target="_top">`), so the button of a sign-in or one-click email reaches its confirmation page,
 * whose form a sandboxed frame could not submit. The frame still runs no script.
 */
export function framedHtml(messageHtml: string): string {
  const base = '<base target="_top">';
  const head = /<head(\s[^>]*)?>/i.exec(messageHtml);
  if (head) return messageHtml.replace(head[0], `${head[0]}${base}`);
  return `${base}${messageHtml}`;
}

// The list: fixed columns, so long unbreakable addresses never squeeze the subject to a letter
// per line.
const LIST_CSS = `table.mail{table-layout:fixed}table.mail col.when{width:10.5rem}table.mail col.from{width:26%}table.mail col.to{width:26%}table.mail td{overflow-wrap:anywhere}@media(max-width:40rem){table.mail,table.mail tbody,table.mail tr,table.mail td{display:block;width:auto}table.mail tr{border-bottom:1px solid #e2e2dc}table.mail td{border:0;padding:.1rem .3rem}}`;

/**
 * The built-in mailbox, for development and for trying Vouch without a mail server. Served only
 * when no relay is configured: it shows every message Vouch "sent", grouped into threads, with
 * its headers and both parts. Everyone's mail is there, so only clients on this machine see it
 * (loopback addresses), unless `anyClient` (VOUCH_DEV_MAIL=on); others get a plain 404.
 */
export function devMailPages(mailbox: BuiltInMailbox, opts: { anyClient?: boolean } = {}) {
  const app = new Hono();
  const onlyLoopback = async (c: Context, next: Next) => {
    if (!opts.anyClient && !isLoopbackAddress(remoteAddress(c)))
      throw new VouchError("NOT_FOUND", `nothing at ${c.req.path}`);
    await next();
  };
  app.use("/dev/mail", onlyLoopback);
  app.use("/dev/mail/*", onlyLoopback);
  app.get("/dev/mail", (c) => {
    const to = c.req.query("to");
    const all = mailbox.list(to ? { to } : {});
    const threads = new Map<string, MailboxEntry[]>();
    for (const m of all) threads.set(threadKey(m), [...(threads.get(threadKey(m)) ?? []), m]);
    const list = [...threads.values()].reverse();
    return c.html(
      page(
        "Mailbox",
        html`<style>${raw(LIST_CSS)}</style><h1>Built-in mailbox</h1>
<p class="muted">No relay is configured (VOUCH_SMTP_RELAY_URL), so outgoing mail is kept here. ${all.length} message(s)${to ? html`to ${to} (<a href="/dev/mail">all</a>)` : ""}.</p>
${list.map(
  (msgs) => html`<section class="box">
<h2 style="font-size:1.05rem;margin:0 0 .5rem">${msgs[0]?.subject.replace(/^(re:\s*)+/i, "")}</h2>
${msgs[0]?.introId ? html`<p class="muted">Intro <a href="/intros/${encodeURIComponent(msgs[0]?.introId ?? "")}"><code>${msgs[0]?.introId}</code></a></p>` : ""}
<table class="mail"><colgroup><col class="when"><col class="from"><col class="to"><col class="subject"></colgroup><tbody>${msgs.map(
    (m) =>
      html`<tr><td>${m.sentAt.replace("T", " ").slice(0, 19)}</td><td>${m.from}</td><td>→ <a href="/dev/mail?to=${encodeURIComponent(m.to[0] ?? "")}">${m.to.join(", ")}</a>${m.cc.length ? html` (cc ${m.cc.join(", ")})` : ""}</td><td><a href="/dev/mail/${encodeURIComponent(m.outboxId)}">${m.subject}</a></td></tr>`,
  )}</tbody></table>
</section>`,
)}`,
        { wide: true },
      ),
    );
  });
  app.get("/dev/mail/:id", (c) => {
    const id = c.req.param("id");
    const m = mailbox
      .list()
      .filter((x) => x.outboxId === id)
      .at(-1);
    if (!m)
      return c.html(
        page(
          "Not found",
          html`<h1>No such message</h1><p><a href="/dev/mail">Back to the mailbox</a></p>`,
        ),
        404,
      );
    return c.html(
      page(
        m.subject,
        html`<p><a href="/dev/mail">← Mailbox</a></p>
<h1>${m.subject}</h1>
${m.introId ? html`<p class="muted">Intro <a href="/intros/${encodeURIComponent(m.introId)}"><code>${m.introId}</code></a></p>` : ""}
<h2 style="font-size:1.05rem">Headers</h2>
<table><tbody>${Object.entries(m.headers).map(([k, v]) => html`<tr><th>${k}</th><td>${v}</td></tr>`)}
<tr><th>envelope to</th><td>${m.envelopeTo.join(", ")}</td></tr></tbody></table>
<h2 style="font-size:1.05rem">HTML part</h2>
<iframe title="HTML part of the message" sandbox="allow-popups allow-popups-to-escape-sandbox allow-top-navigation-by-user-activation" srcdoc="${framedHtml(m.html)}" style="width:100%;height:32rem;border:1px solid #d6d6d0;background:#fff"></iframe>
<h2 style="font-size:1.05rem">Plain-text part</h2>
<pre class="box">${m.text}</pre>
<p><a href="/dev/mail/${encodeURIComponent(id)}/raw">Raw message (.eml)</a></p>`,
      ),
    );
  });
  app.get("/dev/mail/:id/raw", (c) => {
    const m = mailbox
      .list()
      .filter((x) => x.outboxId === c.req.param("id"))
      .at(-1);
    if (!m) throw new VouchError("NOT_FOUND", `No message ${c.req.param("id")} in the mailbox.`);
    return c.body(mailbox.raw(m), 200, { "content-type": "message/rfc822; charset=utf-8" });
  });
  return app;
}
