import { createHash, createHmac, timingSafeEqual } from "node:crypto";

// One-click links are rendered into a message at enqueue time as placeholders, and filled in
// when the message is sent. A link's token names its message and action and is signed with a
// secret (`signedLinkToken`), so every retry sends the identical link and nothing is stored per
// link: the database keeps only the hashes of the tokens that were spent.

const PLACEHOLDER = /__vouch_link_([a-z0-9_]+)__/g;

/** The URL a template renders for an action before the token is known. */
export function linkPlaceholder(publicUrl: string, action: string): string {
  return `${publicUrl}/a/__vouch_link_${action}__`;
}

/** How a token is stored and looked up. */
export function hashLinkToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** Shows every placeholder in a rendered part as `shown` (for previews of unsent messages). */
export function describeLinks(part: string, shown: string): string {
  return part.replace(PLACEHOLDER, shown);
}

const SIGNATURE_CHARS = 32; // 192 bits of HMAC-SHA256, base64url

const signature = (secret: string, payload: string) =>
  createHmac("sha256", secret)
    .update(`link:${payload}`)
    .digest("base64url")
    .slice(0, SIGNATURE_CHARS);

/** The token of one action of one message: `<outbox id and action>.<signature>`. */
export function signedLinkToken(secret: string, outboxId: string, action: string): string {
  const payload = Buffer.from(`${outboxId}\n${action}`).toString("base64url");
  return `${payload}.${signature(secret, payload)}`;
}

/** The message and action a signed token names, or null unless the signature is ours. */
export function readLinkToken(
  secret: string,
  token: string,
): { outboxId: string; action: string } | null {
  const dot = token.indexOf(".");
  if (dot <= 0 || token.length - dot - 1 !== SIGNATURE_CHARS) return null;
  const payload = token.slice(0, dot);
  const good = Buffer.from(signature(secret, payload));
  if (!timingSafeEqual(good, Buffer.from(token.slice(dot + 1)))) return null;
  const [outboxId, action, ...rest] = Buffer.from(payload, "base64url").toString().split("\n");
  return outboxId && action && !rest.length ? { outboxId, action } : null;
}

/** Replaces every placeholder in a rendered part with its real token. */
export function fillLinks(part: string, secret: string, outboxId: string): string {
  return part.replace(PLACEHOLDER, (_m, action: string) =>
    signedLinkToken(secret, outboxId, action),
  );
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
