import { serve } from "@hono/node-server";
import type { AppDeps } from "./app/deps.ts";
import { type Config, loadConfig } from "./config.ts";
import { isVouchError } from "./domain/errors.ts";
import { httpApp } from "./http/app.ts";
import { sweepTimers } from "./jobs/timer-sweep.ts";
import { createLogger } from "./log.ts";
import { openStore } from "./store/open-store.ts";

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
  const deps: AppDeps = {
    store,
    mailDomain: config.mailDomain,
    publicUrl: config.publicUrl,
    timerPolicy: config.timerPolicy,
    now: () => new Date(),
  };
  const app = httpApp(deps, { log: (err) => log.error({ err }, "request failed") });
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
  let sweeping: Promise<unknown> = Promise.resolve();
  const timer = config.workers
    ? setInterval(() => {
        sweeping = sweepTimers(deps, new Date())
          .then((r) => r.fired && log.info(r, "timers fired"))
          .catch((err) => log.error({ err }, "timer sweep failed"));
      }, config.timerIntervalS * 1000)
    : undefined;

  const url = `http://${config.httpHost}:${config.httpPort}`;
  log.info(
    { url, database: store.kind, dataDir: store.kind === "sqlite" ? config.dataDir : undefined },
    `Vouch is running at ${url}`,
  );

  const stop = async () => {
    if (stopping) return;
    stopping = true;
    clearInterval(timer);
    await sweeping;
    await new Promise<void>((r) => http.close(() => r()));
    await store.close();
  };
  for (const sig of ["SIGINT", "SIGTERM"] as const) {
    process.once(sig, () => {
      log.info(`${sig}: shutting down`);
      stop().then(() => process.exit(0));
    });
  }
  return { url, config, stop };
}
