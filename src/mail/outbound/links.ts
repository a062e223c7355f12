import { createHash, createHmac } from "node:crypto";

// One-click links are rendered into a message at enqueue time as placeholders, and filled in
// when the message is sent: the token is derived from a secret and the outbox id, so every retry
// sends the identical link, while the database keeps only the token's hash.

const PLACEHOLDER = /__vouch_link_([a-z0-9_]+)__/g;

/** The URL a template renders for an action before the token is known. */
export function linkPlaceholder(publicUrl: string, action: string): string {
  return `${publicUrl}/a/__vouch_link_${action}__`;
}

/** The token of one action of one message. */
export function linkToken(secret: string, outboxId: string, action: string): string {
  return createHmac("sha256", secret).update(`${outboxId}:${action}`).digest("base64url");
}

/** How a token is stored and looked up. */
export function hashLinkToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** Shows every placeholder in a rendered part as `shown` (for previews of unsent messages). */
export function describeLinks(part: string, shown: string): string {
  return part.replace(PLACEHOLDER, shown);
}

/** Replaces every placeholder in a rendered part with its real token. */
export function fillLinks(part: string, secret: string, outboxId: string): string {
  return part.replace(PLACEHOLDER, (_m, action: string) => linkToken(secret, outboxId, action));
}

/** A stateless, signed unsubscribe link for one person and one kind of message (RFC 8058). */
export function unsubscribeToken(secret: string, email: string, category: string): string {
  const payload = Buffer.from(`${email}\n${category}`).toString("base64url");
  const sig = createHmac("sha256", secret)
    .update(`unsubscribe:${payload}`)
    .digest("base64url")
    .slice(0, 32);
  return `${payload}.${sig}`;
}

/** The person and category of a valid unsubscribe token, or null. */
export function readUnsubscribeToken(
  secret: string,
  token: string,
): { email: string; category: string } | null {
  const [payload, sig] = token.split(".");
  if (!payload || !sig) return null;
  const good = createHmac("sha256", secret)
    .update(`unsubscribe:${payload}`)
    .digest("base64url")
    .slice(0, 32);
  if (good.length !== sig.length || good !== sig) return null;
  const [email, category] = Buffer.from(payload, "base64url").toString().split("\n");
  return email && category ? { email, category } : null;
}
