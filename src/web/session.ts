import { createHmac, timingSafeEqual } from "node:crypto";
import type { Context, MiddlewareHandler } from "hono";
import { deleteCookie, getCookie, getSignedCookie, setCookie, setSignedCookie } from "hono/cookie";
import { hashToken } from "../app/api-tokens.ts";
import { type AppDeps, randomToken } from "../app/deps.ts";
import { SESSION_TTL_MS } from "../app/sign-in.ts";
import { VouchError } from "../domain/errors.ts";
import type { WebStore } from "../store/web-store.ts";

/** The person signed in to this browser. People are their email address, wherever they come from. */
export interface Me {
  email: string;
  csrf: string;
  sessionHash: string;
  /** Which role sections the navigation shows them (see nav-sections.ts); all when unknown. */
  sections?: Sections;
}

/** The navigation's role sections, each shown only to people who have something in it. */
export interface Sections {
  /** They introduce (an intro they may see names them introducer): To triage, Insights, Outcomes. */
  introduces: boolean;
  /** Someone asked them about an intro: Offered to me. */
  offered: boolean;
}

export type WebEnv = { Variables: { me: Me | null; csrf: string; csrfChecked: boolean } };

const SESSION = "vouch_session";
const PRE = "vouch_pre";

const hmac = (secret: string, what: string) =>
  createHmac("sha256", secret).update(what).digest("base64url");
// The cookie is signed with a key of its own, derived from the instance secret.
const cookieKey = (deps: AppDeps) => hmac(deps.secret, "web-session-cookie");
const secure = (deps: AppDeps) => deps.publicUrl.startsWith("https:");

export function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Loads the session from its signed, HttpOnly, SameSite=Lax cookie, and works out the CSRF token
 * the page's forms carry: the session's own token, or before sign-in one bound to a random
 * pre-session cookie (so that nobody can sign a browser in to their own account either).
 */
export function loadSession(deps: AppDeps, web: WebStore): MiddlewareHandler<WebEnv> {
  return async (c, next) => {
    // Path patterns can overlap ("/sign-in" and "/sign-in/*"): load once per request.
    if (c.get("csrf")) return next();
    let me: Me | null = null;
    const id = await getSignedCookie(c, cookieKey(deps), SESSION);
    if (id) {
      const sessionHash = hashToken(id);
      const s = await web.findSession(sessionHash, deps.now().getTime());
      if (s) me = { email: s.email, csrf: s.csrf, sessionHash };
    }
    c.set("me", me);
    if (me) c.set("csrf", me.csrf);
    else {
      let pre = getCookie(c, PRE);
      if (!pre || !/^[\w-]{16,64}$/.test(pre)) {
        pre = randomToken(18);
        setCookie(c, PRE, pre, {
          httpOnly: true,
          sameSite: "Lax",
          path: "/",
          secure: secure(deps),
        });
      }
      c.set("csrf", hmac(deps.secret, `pre:${pre}`));
    }
    c.header("Cache-Control", "no-store");
    await next();
  };
}

/** Refuses any POST whose form field `_csrf` (or header X-CSRF-Token) is not this browser's token. */
export function checkCsrf(): MiddlewareHandler<WebEnv> {
  return async (c, next) => {
    if (c.req.method !== "POST" || c.get("csrfChecked")) return next();
    c.set("csrfChecked", true);
    let sent = c.req.header("x-csrf-token") ?? "";
    if (!sent && (c.req.header("content-type") ?? "").includes("form")) {
      sent = (await formOf(c))._csrf ?? "";
    }
    if (!sent || !sameToken(sent, c.get("csrf"))) {
      throw new VouchError(
        "FORBIDDEN",
        "This form has expired or did not come from Vouch. Go back, reload the page and try again.",
      );
    }
    return next();
  };
}

export async function startSession(c: Context, deps: AppDeps, sessionId: string) {
  await setSignedCookie(c, SESSION, sessionId, cookieKey(deps), {
    httpOnly: true,
    sameSite: "Lax",
    path: "/",
    secure: secure(deps),
    maxAge: Math.floor(SESSION_TTL_MS / 1000),
  });
  deleteCookie(c, PRE, { path: "/" });
}

export async function endSession(c: Context<WebEnv>, web: WebStore) {
  const me = c.get("me");
  if (me) await web.deleteSession(me.sessionHash);
  deleteCookie(c, SESSION, { path: "/" });
}

/** Form fields as strings; a body that is not the form its content-type says is INVALID_INPUT. */
export async function formOf(c: Context): Promise<Record<string, string>> {
  let body: Awaited<ReturnType<typeof c.req.parseBody>>;
  try {
    body = await c.req.parseBody();
  } catch (e) {
    if (e instanceof VouchError) throw e; // e.g. TOO_LARGE while it was read
    throw new VouchError("INVALID_INPUT", "The form could not be read: send it again", {
      field: "body",
    });
  }
  return Object.fromEntries(
    Object.entries(body).map(([k, v]) => [k, typeof v === "string" ? v : ""]),
  );
}
