// A browser-like client for the web app over app.request(): it keeps cookies and the page's
// CSRF token, and signs people in through the real magic-link flow (read from the outbox).
import type { AppDeps } from "../../src/app/deps.ts";
import { httpApp } from "../../src/http/app.ts";
import { fillLinks } from "../../src/mail/outbound/links.ts";

export type App = ReturnType<typeof httpApp>;

export class WebClient {
  cookies = new Map<string, string>();
  csrf = "";
  readonly app: App;
  readonly ip: string;

  constructor(app: App, ip = "127.0.0.1") {
    this.app = app;
    this.ip = ip;
  }

  async request(
    method: string,
    path: string,
    form?: Record<string, string>,
    headers: Record<string, string> = {},
  ) {
    const h: Record<string, string> = { ...headers };
    if (this.cookies.size) h.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
    let body: string | undefined;
    if (form) {
      h["content-type"] = "application/x-www-form-urlencoded";
      body = new URLSearchParams(form).toString();
    }
    const res = await this.app.request(
      path,
      { method, headers: h, body },
      {
        incoming: { socket: { remoteAddress: this.ip } },
      },
    );
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(";");
      const i = (pair ?? "").indexOf("=");
      const name = (pair ?? "").slice(0, i);
      const value = (pair ?? "").slice(i + 1);
      if (/max-age=0/i.test(c) || value === "") this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    const text = await res.text();
    const m = /name="_csrf" value="([^"]+)"/.exec(text);
    if (m?.[1]) this.csrf = m[1];
    return { status: res.status, text, location: res.headers.get("location") };
  }

  get(path: string) {
    return this.request("GET", path);
  }

  /** Posts a form with this browser's CSRF token (unless the test overrides `_csrf`). */
  post(path: string, form: Record<string, string> = {}) {
    return this.request("POST", path, { _csrf: this.csrf, ...form });
  }
}

/** The app, as the server builds it. */
export function webTestApp(deps: AppDeps): App {
  return httpApp(deps, { log: () => {} });
}

/** The newest sign-in link sent to `email`, with its token filled in as the outbox worker does. */
export async function magicLinkFor(deps: AppDeps, email: string): Promise<string> {
  const all = await deps.store.listOutbox({});
  const m = all.filter((x) => x.template === "magic_link" && x.to[0]?.email === email).at(-1);
  if (!m) throw new Error(`no sign-in link for ${email}`);
  const url = /https?:\/\/[^\s"<>]+\/sign-in\/[\w.-]+/.exec(
    fillLinks(m.text, deps.secret, m.id),
  )?.[0];
  if (!url) throw new Error("no link in the sign-in email");
  return new URL(url).pathname;
}

/** Signs a fresh client in as `email` through the magic link. */
export async function signIn(
  app: App,
  deps: AppDeps,
  email: string,
  ip?: string,
): Promise<WebClient> {
  const c = new WebClient(app, ip);
  await c.get("/sign-in");
  const r = await c.post("/sign-in", { email });
  if (r.status !== 200) throw new Error(`sign-in refused: ${r.status}`);
  const path = await magicLinkFor(deps, email);
  await c.get(path);
  const done = await c.post(path);
  if (done.status !== 303)
    throw new Error(`magic link refused: ${done.status} ${done.text.slice(0, 200)}`);
  await c.get("/");
  return c;
}
