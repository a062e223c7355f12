import { normalizeEmail } from "../domain/person.ts";
import { hashLinkToken, signedLinkToken } from "../mail/outbound/links.ts";
import { renderTemplate } from "../mail/templates/index.ts";
import type { MagicLinkProblem, WebStore } from "../store/web-store.ts";
import { hashToken } from "./api-tokens.ts";
import { type AppDeps, newMessageId, randomToken } from "./deps.ts";

/** How long a sign-in link works, and a session lasts. */
export const MAGIC_LINK_TTL_MS = 15 * 60_000;
export const SESSION_TTL_MS = 30 * 86_400_000;
/** Sign-in emails allowed per address, and attempts per IP, per window. */
export const SIGN_IN_LIMITS = { perAddress: 5, perIp: 20, windowMs: 15 * 60_000 };

/**
 * Emails a single-use sign-in link through the outbox. The link is a placeholder in the stored
 * message, filled in at send time from the secret and the outbox id (as one-click links are), so
 * neither the database nor the outbox holds a working token: only its hash.
 */
export async function requestSignIn(
  deps: AppDeps,
  web: WebStore,
  input: { email: string; ip: string },
): Promise<{ ok: true } | { ok: false; rateLimited: true }> {
  const email = normalizeEmail(input.email, "email");
  const now = deps.now();
  const { perAddress, perIp, windowMs } = SIGN_IN_LIMITS;
  const byIp = await web.hit(`ip:${input.ip}`, windowMs, now.getTime());
  const byAddress = await web.hit(`email:${email}`, windowMs, now.getTime());
  if (byIp > perIp || byAddress > perAddress) {
    return { ok: false, rateLimited: true };
  }
  const id = `signin.${randomToken(12)}`;
  const token = signedLinkToken(deps.secret, id, "sign_in");
  await web.insertMagicLink({
    hash: hashLinkToken(token),
    email,
    expiresAt: now.getTime() + MAGIC_LINK_TTL_MS,
    at: now,
  });
  const mail = renderTemplate("magic_link", {
    url: `${deps.publicUrl}/sign-in/__vouch_link_sign_in__`,
    expiresInMinutes: MAGIC_LINK_TTL_MS / 60_000,
  });
  await deps.store.enqueue(
    [
      {
        id,
        introId: null,
        messageId: newMessageId(deps.mailDomain),
        template: "magic_link",
        thread: "notice",
        from: { name: "Vouch", email: `vouch@${deps.mailDomain}` },
        to: [{ name: email.split("@")[0] ?? email, email }],
        cc: [],
        replyTo: null,
        inReplyTo: null,
        references: [],
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        headers: {
          "Auto-Submitted": "auto-generated",
          "X-Auto-Response-Suppress": "OOF, AutoReply",
        },
        ics: null,
        category: null,
      },
    ],
    now,
  );
  return { ok: true };
}

/** Spends a sign-in link and opens a session: the session id (for the cookie) and its CSRF token. */
export async function completeSignIn(
  deps: AppDeps,
  web: WebStore,
  token: string,
): Promise<
  { ok: true; sessionId: string; email: string } | { ok: false; problem: MagicLinkProblem }
> {
  const used = await web.useMagicLink(hashLinkToken(token), deps.now());
  if ("problem" in used) return { ok: false, problem: used.problem };
  return { ok: true, sessionId: await openSession(deps, web, used.email), email: used.email };
}

/**
 * Opens a session for `email`, who has just proved they read their mail (a sign-in link, or a
 * one-click link that opens a page): the session id, for the cookie.
 */
export async function openSession(deps: AppDeps, web: WebStore, email: string): Promise<string> {
  const now = deps.now();
  const sessionId = randomToken(32);
  await web.createSession({
    hash: hashToken(sessionId),
    email,
    csrf: randomToken(24),
    expiresAt: now.getTime() + SESSION_TTL_MS,
    at: now,
  });
  return sessionId;
}

/**
 * A sign-in link made here rather than emailed (the demo prints them): the same single-use magic
 * link, stored as its hash, with the token returned once, in the URL.
 */
export async function issueSignInLink(
  deps: AppDeps,
  web: WebStore,
  email: string,
  ttlMs = MAGIC_LINK_TTL_MS,
): Promise<string> {
  const token = randomToken(32);
  const now = deps.now();
  await web.insertMagicLink({
    hash: hashLinkToken(token),
    email: normalizeEmail(email, "email"),
    expiresAt: now.getTime() + ttlMs,
    at: now,
  });
  return `${deps.publicUrl}/sign-in/${token}`;
}
