import type { EmailEffect, Intro, Person, Role } from "../domain/types.ts";
import { composeMessage } from "../mail/outbound/compose.ts";
import { unsubscribeToken } from "../mail/outbound/links.ts";
import type { NewOutboxMessage, StoreTx } from "../store/store.ts";
import { type AppDeps, newMessageId } from "./deps.ts";
import { timeZonePreference } from "./time-zone.ts";

// Whose voice a message is in: relayed messages speak for a participant ("Jane via Vouch");
// everything else comes from Vouch itself.
const VOICE: Record<string, Role> = {
  request_to_introducer: "requester",
  consent_request: "introducer",
  target_consent_reminder: "introducer",
  introduction: "introducer",
};

// A thread that starts by continuing another: the intro replies to the request, as in the seed
// where Jane CCs Maya on Alice's request thread.
const CONTINUES: Record<string, string> = { intro: "request" };

/** How long a one-click link in an email keeps working. */
export const LINK_TTL_MS = 30 * 86_400_000;

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

type ThreadMsg = { messageId: string; references: string[]; subject: string };

/**
 * Turns a transition's email effects into outbox rows: rendered now (so every retry sends the
 * same message), addressed, given a random pre-assigned Message-ID, threaded with
 * In-Reply-To/References (RFC 5322 §3.6.4), and with the hashes of their one-click links.
 * Notices start a thread of their own.
 */
export async function outboxMessages(
  tx: Pick<StoreTx, "threadMessages" | "getPrefs">,
  deps: Pick<AppDeps, "mailDomain" | "publicUrl" | "secret" | "now">,
  intro: Intro,
  effects: EmailEffect[],
  seq: number,
): Promise<{ outbox: NewOutboxMessage[] }> {
  const from = threadAddress(intro, deps.mailDomain);
  const now = deps.now();
  const threads = new Map<string, ThreadMsg[]>();
  const threadOf = async (key: string): Promise<ThreadMsg[]> => {
    const known = threads.get(key);
    if (known) return known;
    const list: ThreadMsg[] = await tx.threadMessages(intro.id, key);
    threads.set(key, list);
    return list;
  };
  const outbox: NewOutboxMessage[] = [];
  for (const [index, e] of effects.entries()) {
    const id = `${intro.id}.${String(seq).padStart(6, "0")}.${index}`;
    let parent: ThreadMsg | undefined;
    if (e.thread !== "notice") {
      parent = (await threadOf(e.thread)).at(-1);
      const continues = CONTINUES[e.thread];
      if (!parent && continues) parent = (await threadOf(continues))[0];
    }
    // Only consent-thread messages continue its subject, so only they need to read it.
    const consentFirst = e.thread === "consent" ? (await threadOf("consent"))[0] : undefined;
    const to = e.to.map((r) => person(intro, r));
    const recipient = to[0] as Person;
    // Proposed times (and the nudge's ready reply, which names them) are shown in the
    // recipient's own zone.
    const recipientTimeZone =
      e.template === "proposed_times" || e.template === "requester_nudge"
        ? await timeZonePreference(tx, recipient.email)
        : null;
    const composed = composeMessage(
      intro,
      e,
      {
        publicUrl: deps.publicUrl,
        mailDomain: deps.mailDomain,
        threadAddress: from,
        consentSubject: consentFirst?.subject ?? null,
        now,
        recipientTimeZone,
      },
      (category) =>
        `${deps.publicUrl}/unsubscribe/${unsubscribeToken(deps.secret, recipient.email, category)}`,
    );
    const voice = VOICE[e.template];
    const messageId = newMessageId(deps.mailDomain);
    const references = parent ? [...parent.references, parent.messageId] : [];
    outbox.push({
      id,
      introId: intro.id,
      messageId,
      template: e.template,
      thread: e.thread,
      from: { name: voice ? `${intro[voice].name} via Vouch` : "Vouch", email: from },
      to,
      cc: (e.cc ?? []).map((r) => person(intro, r)),
      replyTo: { name: "Vouch", email: from },
      inReplyTo: parent?.messageId ?? null,
      references,
      subject: composed.subject,
      text: composed.text,
      html: composed.html,
      headers: composed.headers,
      ics: composed.ics,
      category: composed.category,
    });
    if (e.thread !== "notice") {
      (await threadOf(e.thread)).push({ messageId, references, subject: composed.subject });
    }
  }
  return { outbox };
}
