import { OpenAPIHono } from "@hono/zod-openapi";
import type { InboundDeps } from "../app/sender-auth.ts";
import type { ImapState } from "../mail/inbound/imap-intake.ts";
import type { BuiltInMailbox } from "../mail/outbound/mailbox.ts";
import { webStoreFor } from "../store/web-store.ts";
import { actionPages } from "../web/action-pages.ts";
import { devMailPages } from "../web/dev-mail-pages.ts";
import { logoPages } from "../web/logo.ts";
import { unsubscribePages } from "../web/unsubscribe-pages.ts";
import { webApp } from "../web/web-app.ts";
import { apiRoutes } from "./api.ts";
import { apiDocsPages } from "./api-docs-page.ts";
import { bodyLimits } from "./body-limits.ts";
import { onError, onNotFound } from "./error-map.ts";
import {
  DEFAULT_MAX_BYTES,
  type InboundWebhookOptions,
  inboundWebhooks,
} from "./inbound-webhooks.ts";

const DOC = {
  openapi: "3.0.0",
  info: {
    title: "Vouch",
    version: "0.1.0",
    description:
      "Double opt-in warm introductions. Every intro is visible only to its three participants.",
  },
};

/** The whole HTTP surface: /health, the JSON API, its OpenAPI document and reference page. */
export function httpApp(
  deps: InboundDeps,
  opts: {
    log?: (e: unknown) => void;
    devMailbox?: BuiltInMailbox | undefined;
    /** VOUCH_DEV_MAIL=on: /dev/mail for every client, not only loopback ones. */
    devMailAnyClient?: boolean;
    /** HTTP inbound mail (/inbound/*): each endpoint answers 404 until its secret is set. */
    inbound?: InboundWebhookOptions;
    /** The IMAP intake's state, shown in /health when an intake mailbox is configured. */
    imap?: () => ImapState;
  } = {},
) {
  const app = new OpenAPIHono();
  const log = opts.log ?? ((e) => console.error(e));
  app.onError(onError(log));
  app.use("*", bodyLimits(opts.inbound?.maxBytes ?? DEFAULT_MAX_BYTES));

  app.get("/health", async (c) => {
    try {
      await deps.store.ping();
    } catch (e) {
      log(e);
      return c.json({ ok: false, error: "the database cannot be reached" }, 503);
    }
    return c.json({
      ok: true,
      database: deps.store.kind,
      mail: await deps.store.outboxBacklog(),
      ...(opts.imap ? { imap: opts.imap() } : {}),
    });
  });

  const api = apiRoutes(deps);
  app.route("/api", api);
  const document = () => api.getOpenAPIDocument({ ...DOC, servers: [{ url: "/api" }] });
  app.get("/api/openapi.json", (c) => c.json(document()));
  app.route("/", apiDocsPages("/api/openapi.json"));
  app.route("/inbound", inboundWebhooks(deps, opts.inbound));
  app.route("/", logoPages());
  app.route("/", actionPages(deps));
  app.route("/", unsubscribePages(deps));
  app.route("/", webApp(deps, webStoreFor(deps.store)));
  // Only without a relay: with real mail, nobody may read others' messages here.
  if (opts.devMailbox)
    app.route("/", devMailPages(opts.devMailbox, { anyClient: opts.devMailAnyClient ?? false }));
  app.notFound(onNotFound);
  return app;
}
