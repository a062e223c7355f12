import { hashLinkToken, readLinkToken } from "../mail/outbound/links.ts";
import type { ActionToken } from "../store/store.ts";
import type { AppDeps } from "./deps.ts";
import { LINK_TTL_MS } from "./outbox-messages.ts";

/**
 * What a one-click token stands for, or null for a token that is not ours. A signed token names
 * its message and action: the message gives the intro, the recipient (the one person the link
 * is for) and the time it was queued, which starts the link's 30 days. A token sent before
 * tokens were signed is looked up by its hash. Either way, a spent token says when.
 */
export async function resolveLinkToken(
  deps: Pick<AppDeps, "store" | "secret">,
  token: string,
): Promise<ActionToken | null> {
  const hash = hashLinkToken(token);
  const signed = readLinkToken(deps.secret, token);
  if (!signed) {
    const legacy = await deps.store.findActionToken(hash);
    if (!legacy) return null;
    return { ...legacy, usedAt: legacy.usedAt ?? (await deps.store.tokenSpentAt(hash)) };
  }
  const [message] = await deps.store.listOutbox({ id: signed.outboxId });
  const recipient = message?.to[0];
  if (!message || !recipient) return null;
  return {
    hash,
    outboxId: message.id,
    introId: message.introId,
    email: recipient.email.toLowerCase(),
    action: signed.action,
    expiresAt: Date.parse(message.createdAt) + LINK_TTL_MS,
    usedAt: await deps.store.tokenSpentAt(hash),
  };
}
