import { serve } from "@hono/node-server";
import type { AppDeps } from "./app/deps.ts";
import { type InboundDeps, receiveMail } from "./app/receive-mail.ts";
import { inboundDeps } from "./app/sender-auth.ts";
import { type Config, loadConfig } from "./config.ts";
import { isVouchError } from "./domain/errors.ts";
import { httpApp } from "./http/app.ts";
import { devMailWarning } from "./http/dev-mail-warning.ts";
import { startImapJob } from "./jobs/imap-job.ts";
import { recoverInbound } from "./jobs/inbound-recovery.ts";
import { drainOutbox } from "./jobs/outbox-worker.ts";
import { sweepTimers } from "./jobs/timer-sweep.ts";
import { createLogger } from "./log.ts";
import { startSmtpListener } from "./mail/inbound/smtp-listener.ts";
import { BuiltInMailbox } from "./mail/outbound/mailbox.ts";
import { makeTransport } from "./mail/outbound/make-transport.ts";
import { linkSecret, openStore, rememberPublicUrl } from "./store/open-store.ts";

/** A running Vouch: call `stop()` to close everything in order. */
export interface RunningServer {
  url: string;
  config: Config;
  stop(): Promise<void>;
}

/**
 * The one place where everything is wired together: config, store, HTTP, and the background
 * sweep. Config errors stop start-up with one line naming the variable.
 */
export async function startServer(
  env: Record<string, string | undefined> = process.env,
): Promise<RunningServer> {
  let config: Config;
  try {
    config = loadConfig(env);
  } catch (e) {
    if (isVouchError(e)) {
      process.stderr.write(`vouch: ${e.message}\n`);
      process.exit(1);
    }
    throw e;
  }
  const log = createLogger(config.logLevel);
  const store = openStore(config);
  try {
    const ran = await store.migrate();
    if (ran.length) log.info({ ran }, "database migrated");
  } catch (e) {
    log.fatal({ err: e }, "cannot open the database");
    process.exit(1);
  }
  // CLI commands run without this environment link to the same address.
  await rememberPublicUrl(store, config.publicUrl);
  const deps: AppDeps = {
    store,
    secret: await linkSecret(store),
    mailDomain: config.mailDomain,
    publicUrl: config.publicUrl,
    timerPolicy: config.timerPolicy,
    targetAsksPer30Days: config.targetAsksPer30Days,
    now: () => new Date(),
  };
  // Receiving (SMTP and the HTTP endpoints) checks senders: mailauth, or the trusted relays.
  const inbound: InboundDeps = inboundDeps(deps, config);
  const transport = makeTransport(config);
  // The intake mailbox, when one is configured: the same pipeline as SMTP.
  const imap = config.imap
    ? startImapJob(inbound, config.imap, {
        onReceived: (r) => log.info(r, "mail received over IMAP"),
        onError: (err) => log.warn({ err }, "IMAP intake: will reconnect"),
      })
    : null;
  const devMail = transport.kind === "mailbox";
  const app = httpApp(inbound, {
    ...(imap ? { imap: imap.state } : {}),
    log: (err) => log.error({ err }, "request failed"),
    devMailbox: devMail ? new BuiltInMailbox(config.dataDir) : undefined,
    devMailAnyClient: config.devMail,
    inbound: {
      secret: config.inboundSecret,
      mailgunSigningKey: config.mailgunSigningKey,
      maxBytes: config.smtpMaxBytes,
      onReceived: (r) => log.info(r, "mail received over HTTP"),
    },
  });
  const http = serve({ fetch: app.fetch, hostname: config.httpHost, port: config.httpPort });
  await new Promise<void>((resolve, reject) => {
    http.once("listening", resolve);
    http.once("error", (e: NodeJS.ErrnoException) => {
      if (e.code === "EADDRINUSE") {
        process.stderr.write(
          `vouch: VOUCH_HTTP_PORT ${config.httpPort} is already in use on ${config.httpHost}\n`,
        );
        process.exit(1);
      }
      reject(e);
    });
  });

  let stopping = false;
  const shutdown = new AbortController();
  let sweeping: Promise<unknown> = Promise.resolve();
  let sending: Promise<unknown> = Promise.resolve();
  let sweepingNow = false;
  let sendingNow = false;
  // Neither job overlaps itself: a slow sweep or a slow relay never stacks up another run.
  const sweep = () => {
    if (sweepingNow || stopping) return;
    sweepingNow = true;
    sweeping = sweepTimers(deps, new Date(), { signal: shutdown.signal })
      .then((r) => r.fired && log.info(r, "timers fired"))
      // Mail stored but never processed (a crash between the two) is processed again.
      .then(() => recoverInbound(inbound))
      .then((r) => r.recovered && log.info(r, "received mail recovered"))
      .catch((err) => log.error({ err }, "timer sweep failed"))
      .finally(() => {
        sweepingNow = false;
      });
  };
  const send = () => {
    if (sendingNow || stopping) return;
    sendingNow = true;
    sending = drainOutbox(deps, transport, { signal: shutdown.signal })
      .then((r) => {
        if (r.sent || r.failed || r.retried) log.info(r, "outbox drained");
        if (r.failed)
          log.warn(
            { failed: r.failed },
            "some messages failed for good; see /health and the intro",
          );
      })
      .catch((err) => log.error({ err }, "outbox worker failed; messages stay queued"))
      .finally(() => {
        sendingNow = false;
      });
  };
  const timer = config.workers ? setInterval(sweep, config.timerIntervalS * 1000) : undefined;
  const outboxTimer = config.workers ? setInterval(send, 1000) : undefined;

  let smtp: Awaited<ReturnType<typeof startSmtpListener>>;
  try {
    smtp = await startSmtpListener({
      host: config.smtpHost,
      port: config.smtpPort,
      mailDomain: config.mailDomain,
      maxBytes: config.smtpMaxBytes,
      onMessage: async (a) => {
        const r = await receiveMail(inbound, a);
        log.info({ id: r.id, status: r.status, from: a.mailFrom, to: a.rcptTo }, "mail received");
      },
      onError: (err) => log.error({ err }, "inbound SMTP error"),
    });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    process.stderr.write(
      `vouch: cannot listen for mail on ${config.smtpHost}:${config.smtpPort} (VOUCH_SMTP_PORT): ${code ?? e}\n`,
    );
    process.exit(1);
  }

  const url = `http://${config.httpHost}:${config.httpPort}`;
  log.info(
    {
      url,
      database: store.kind,
      dataDir: config.dataDir,
      mail: transport.kind === "mailbox" ? `built-in mailbox: ${url}/dev/mail` : "relay",
      smtp: `${config.smtpHost}:${smtp.port}`,
    },
    `Vouch is running at ${url}`,
  );
  const warning = devMailWarning(config, devMail);
  if (warning) log.warn({ host: config.httpHost, devMail: config.devMail }, warning);

  const stop = async () => {
    if (stopping) return;
    stopping = true;
    clearInterval(timer);
    clearInterval(outboxTimer);
    shutdown.abort();
    await sweeping;
    await sending;
    transport.close();
    await imap?.stop();
    await smtp.close();
    await new Promise<void>((r) => http.close(() => r()));
    await store.close();
  };
  // Whoever sends it: a service manager, npm passing it on, a terminal's Ctrl-C to the whole
  // process group (which often delivers it twice: directly and through npm). The first one
  // drains; later ones are noted, and a drain that hangs ends the process after 30 s.
  for (const sig of ["SIGINT", "SIGTERM"] as const) {
    process.on(sig, () => {
      if (stopping) return log.info(`${sig}: already shutting down`);
      log.info(`${sig}: shutting down`);
      setTimeout(() => {
        log.error("shutdown took over 30 s; exiting anyway");
        process.exit(1);
      }, 30_000).unref();
      stop().then(
        () => {
          log.info("stopped");
          process.exit(0);
        },
        (err) => {
          log.error({ err }, "shutdown failed");
          process.exit(1);
        },
      );
    });
  }
  return { url, config, stop };
}
