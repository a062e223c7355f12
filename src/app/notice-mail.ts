import type { ParsedMessage } from "../mail/inbound/read-message.ts";
import { renderTemplate, type TemplateName, type TemplateProps } from "../mail/templates/index.ts";
import type { NewOutboxMessage } from "../store/store.ts";
import { type AppDeps, newMessageId, randomToken } from "./deps.ts";

/**
 * A notice from Vouch in answer to a message: outside the lifecycle (no intro state changes),
 * threaded under the message it answers.
 */
export function notice<N extends TemplateName>(
  deps: AppDeps,
  msg: ParsedMessage,
  to: { name: string; email: string },
  template: N,
  props: TemplateProps<N>,
  id = `ob_${randomToken(12)}`,
  introId: string | null = null,
): NewOutboxMessage {
  const r = renderTemplate(template, props);
  return {
    id,
    introId,
    messageId: newMessageId(deps.mailDomain),
    template,
    thread: "notice",
    from: { name: "Vouch", email: `intros@${deps.mailDomain}` },
    to: [{ name: to.name || to.email, email: to.email.toLowerCase() }],
    cc: [],
    replyTo: null,
    inReplyTo: msg.messageId,
    references: [...msg.references, ...(msg.messageId ? [msg.messageId] : [])],
    subject: r.subject,
    text: r.text,
    html: r.html,
    headers: { "Auto-Submitted": "auto-replied" },
    ics: null,
    category: null,
  };
}
