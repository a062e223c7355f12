import type { EmailEffect, Intro, Person, Role } from "../domain/types.ts";
import type { NewOutboxMessage, StoreTx } from "../store/store.ts";
import { type AppDeps, newMessageId } from "./deps.ts";

// Whose voice a message is in: relayed messages speak for a participant ("Jane via Vouch");
// everything else comes from Vouch itself.
const VOICE: Record<string, Role> = {
  request_to_introducer: "requester",
  consent_request: "introducer",
  target_consent_reminder: "introducer",
  introduction: "introducer",
};

export function threadAddress(intro: Intro, mailDomain: string): string {
  return `intros+${intro.threadToken}@${mailDomain}`;
}

function person(intro: Intro, role: Role): Person {
  if (role === "target") {
    if (!intro.target.email) throw new Error(`intro ${intro.id} has no target address to mail`);
    return { name: intro.target.name, email: intro.target.email };
  }
  return intro[role];
}

/**
 * Turns a transition's email effects into outbox rows: addresses resolved, a random Message-ID
 * assigned now (so every retry reuses it), and In-Reply-To/References continuing the thread
 * (RFC 5322 §3.6.4). Notices start a thread of their own.
 */
export async function outboxMessages(
  tx: StoreTx,
  deps: Pick<AppDeps, "mailDomain">,
  intro: Intro,
  effects: EmailEffect[],
  seq: number,
): Promise<NewOutboxMessage[]> {
  const from = threadAddress(intro, deps.mailDomain);
  const last = new Map<string, { messageId: string; references: string[] }>();
  const out: NewOutboxMessage[] = [];
  for (const [index, e] of effects.entries()) {
    const voice = VOICE[e.template];
    let parent = e.thread === "notice" ? undefined : last.get(e.thread);
    if (!parent && e.thread !== "notice") {
      const prior = await tx.threadMessages(intro.id, e.thread);
      const p = prior.at(-1);
      if (p) parent = p;
    }
    const messageId = newMessageId(deps.mailDomain);
    const references = parent ? [...parent.references, parent.messageId] : [];
    out.push({
      id: `${intro.id}.${String(seq).padStart(6, "0")}.${index}`,
      introId: intro.id,
      messageId,
      template: e.template,
      thread: e.thread,
      from: { name: voice ? `${intro[voice].name} via Vouch` : "Vouch", email: from },
      to: e.to.map((r) => person(intro, r)),
      cc: (e.cc ?? []).map((r) => person(intro, r)),
      replyTo: { name: "Vouch", email: from },
      inReplyTo: parent?.messageId ?? null,
      references,
      data: e.data,
    });
    if (e.thread !== "notice") last.set(e.thread, { messageId, references });
  }
  return out;
}
