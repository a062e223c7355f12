// Who may post: the shared secret (raw, Postmark, SendGrid: providers put it in the webhook URL
// as basic auth) and Mailgun's HMAC signature over its timestamp and token.

import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import type { Context } from "hono";

/** Compares in constant time (digests first, so lengths leak nothing). */
function sameText(a: string, b: string): boolean {
  const h = (s: string) => createHash("sha256").update(s).digest();
  return timingSafeEqual(h(a), h(b)) && a.length === b.length;
}

/** `Authorization: Bearer SECRET`, or basic auth with SECRET as the password (or user alone). */
export function hasSecret(c: Context, secret: string): boolean {
  const auth = c.req.header("authorization") ?? "";
  const m = /^(Bearer|Basic)\s+(\S+)\s*$/i.exec(auth);
  if (!m) return false;
  if (m[1]!.toLowerCase() === "bearer") return sameText(m[2]!, secret);
  const decoded = Buffer.from(m[2]!, "base64").toString("utf8");
  const i = decoded.indexOf(":");
  const user = i < 0 ? decoded : decoded.slice(0, i);
  const password = i < 0 ? "" : decoded.slice(i + 1);
  return sameText(password || user, secret);
}

/** A Mailgun post's signature fields, checked: its time in ms, or why it is refused. */
export function mailgunSignature(
  fields: { timestamp: string; token: string; signature: string },
  key: string,
  now: number,
  maxAgeS: number,
): { at: number } | { refused: string } {
  const { timestamp, token, signature } = fields;
  if (!timestamp || !token || !signature)
    return { refused: "the timestamp, token and signature fields are required" };
  const expected = createHmac("sha256", key)
    .update(timestamp + token)
    .digest("hex");
  if (!sameText(expected, signature.toLowerCase()))
    return { refused: "the signature does not match (check VOUCH_MAILGUN_SIGNING_KEY)" };
  const at = Number(timestamp) * 1000;
  if (!Number.isFinite(at) || Math.abs(now - at) > maxAgeS * 1000)
    return { refused: `the signature is stale: its timestamp is over ${maxAgeS}s away` };
  return { at };
}
