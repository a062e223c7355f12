import { Hono } from "hono";
import type { AppDeps } from "../app/deps.ts";
import type { WebStore } from "../store/web-store.ts";
import { composerPages } from "./composer-pages.ts";
import { contactsPages } from "./contacts-pages.ts";
import { dashboardPages } from "./dashboard-pages.ts";
import { inboxPages } from "./inbox-pages.ts";
import { insightsPages } from "./insights-pages.ts";
import { introPages } from "./intro-pages.ts";
import { loadSections } from "./nav-sections.ts";
import { outcomesPages } from "./outcomes-pages.ts";
import { pathsPages } from "./paths-pages.ts";
import { preferencesPages } from "./preferences-pages.ts";
import { checkCsrf, loadSession, type WebEnv } from "./session.ts";
import { signInPages } from "./sign-in-pages.ts";
import { targetPages } from "./target-pages.ts";

// The pages that know who is signed in; every POST among them carries the CSRF token. One-click
// /a/<token> and unsubscribe pages are not here: their URL token is the secret.
const PATHS = [
  "/",
  "/sign-in",
  "/sign-in/*",
  "/sign-out",
  "/requests/*",
  "/inbox",
  "/insights",
  "/outcomes",
  "/offers",
  "/preferences",
  "/intros/*",
  "/contacts",
  "/contacts/sharing",
  "/contacts/correct",
  "/paths",
];

/** The signed-in web app: sessions, CSRF, and each role's pages. */
export function webApp(deps: AppDeps, web: WebStore) {
  const app = new Hono<WebEnv>();
  for (const p of PATHS) app.use(p, loadSession(deps, web), checkCsrf(), loadSections(deps));
  // The upload checks its CSRF token itself, before the file and without holding it in memory.
  app.use("/contacts/import", loadSession(deps, web), loadSections(deps));
  app.route("/", signInPages(deps, web));
  app.route("/", dashboardPages(deps));
  app.route("/", composerPages(deps));
  app.route("/", inboxPages(deps));
  app.route("/", insightsPages(deps));
  app.route("/", outcomesPages(deps));
  app.route("/", targetPages(deps));
  app.route("/", preferencesPages(deps));
  app.route("/", introPages(deps));
  app.route("/", contactsPages(deps));
  app.route("/", pathsPages(deps));
  return app;
}
