import { randomBytes } from "node:crypto";
import type { AppDeps } from "../../src/app/deps.ts";
import { httpApp } from "../../src/http/app.ts";
import { hashLinkToken } from "../../src/mail/outbound/links.ts";
import { webStoreFor } from "../../src/store/web-store.ts";

/** A session, as a magic link opens it (the cookie is signed with the database's secret). */
export async function sessionCookie(deps: AppDeps, email: string): Promise<string> {
  const web = webStoreFor(deps.store);
  // A token of its own each time, so several people can be signed in, in a reused data dir too.
  const token = `bench-sign-in-${randomBytes(12).toString("base64url")}`;
  await web.insertMagicLink({
    hash: hashLinkToken(token),
    email,
    expiresAt: Date.now() + 60_000,
    at: new Date(),
  });
  const app = httpApp(deps, { log: () => {} });
  const form = await app.request("/sign-in");
  const pre = form.headers.getSetCookie()[0]?.split(";")[0] ?? "";
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await form.text())?.[1] ?? "";
  const signedIn = await app.request(`/sign-in/${token}`, {
    method: "POST",
    headers: { cookie: pre, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ _csrf: csrf }).toString(),
  });
  const cookie = signedIn.headers
    .getSetCookie()
    .find((s) => s.startsWith("vouch_session="))
    ?.split(";")[0];
  if (!cookie) throw new Error(`no session cookie: ${signedIn.status}`);
  return cookie;
}
