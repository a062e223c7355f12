import type { BlockList } from "node:net";
import { resolve } from "node:path";
import { z } from "zod";
import { VouchError } from "./domain/errors.ts";
import { DEFAULT_TIMER_POLICY, parseDuration, type TimerPolicy } from "./domain/timers.ts";
import { trustedRelays } from "./mail/inbound/authenticity.ts";
import {
  type ImapAccount,
  type ImapDone,
  parseImapDone,
  parseImapUrl,
} from "./mail/inbound/imap-account.ts";

/** "true"/"false"/"1"/"0"/"yes"/"no"/"on"/"off": z.coerce.boolean() would read "false" as true. */
const booleanFrom = (message: string) =>
  z
    .string()
    .trim()
    .toLowerCase()
    .refine((s) => ["true", "false", "1", "0", "yes", "no", "on", "off"].includes(s), {
      message,
    })
    .transform((s) => ["true", "1", "yes", "on"].includes(s));

export const booleanFromString = booleanFrom("must be true or false");

const port = z.coerce
  .number({ message: "must be a port number" })
  .int("must be a whole number")
  .min(1, "must be 1-65535")
  .max(65535, "must be 1-65535");

const host = z.string().trim().min(1, "must not be empty");

const hostname = z
  .string()
  .trim()
  .toLowerCase()
  .regex(
    /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/,
    "must be a domain name like vouch.example.com",
  );

const urlWith = (protocols: string[], example: string) =>
  z
    .string()
    .trim()
    .refine(
      (s) => {
        try {
          return protocols.includes(new URL(s).protocol);
        } catch {
          return false;
        }
      },
      { message: `must be a URL like ${example}` },
    );

const EnvSchema = z.object({
  VOUCH_DATA_DIR: z.string().trim().min(1).default("./data"),
  VOUCH_DATABASE_URL: urlWith(
    ["postgres:", "postgresql:"],
    "postgres://user@host:5432/vouch",
  ).optional(),
  VOUCH_HTTP_HOST: host.default("127.0.0.1"),
  VOUCH_HTTP_PORT: port.default(3000),
  VOUCH_SMTP_HOST: host.default("127.0.0.1"),
  VOUCH_SMTP_PORT: port.default(2525),
  VOUCH_MAIL_DOMAIN: hostname.default("vouch.localhost"),
  VOUCH_PUBLIC_URL: urlWith(["http:", "https:"], "https://vouch.example.com")
    .transform((s) => s.replace(/\/+$/, ""))
    .optional(),
  VOUCH_SMTP_RELAY_URL: urlWith(
    ["smtp:", "smtps:"],
    "smtp://host:587 or smtps://user:pass@host:465",
  ).optional(),
  VOUCH_SMTP_MAX_BYTES: z.coerce
    .number({ message: "must be a number of bytes" })
    .int("must be a whole number of bytes")
    .min(1024, "must be at least 1024")
    .default(10 * 1024 * 1024),
  VOUCH_TIMER_INTERVAL_S: z.coerce
    .number({ message: "must be a number of seconds" })
    .positive("must be more than 0")
    .default(15),
  /** Run the timer sweep and outbox worker in this instance (turn off for API-only instances). */
  VOUCH_WORKERS: booleanFromString.default(true),
  /** Overrides of timer delays, e.g. "expireRequest=21d,followUps=5d/10d". */
  VOUCH_TIMERS: z.string().optional(),
  /** How many times one target may be asked in 30 days, across every introducer; 0: no limit. */
  VOUCH_TARGET_ASKS_PER_30_DAYS: z
    .string()
    .trim()
    .regex(/^\d+$/, "must be a whole number of asks, 0 for no budget")
    .transform(Number)
    .refine((n) => n <= 100_000, "must be at most 100000 (0 for no budget)")
    .default(3),
  /** A PEM private key file: outbound mail is DKIM-signed with it when set. */
  VOUCH_DKIM_KEY_FILE: z.string().trim().min(1).optional(),
  VOUCH_DKIM_SELECTOR: z
    .string()
    .trim()
    .regex(/^[a-z0-9][a-z0-9-]*$/i, "must be a DNS label like vouch")
    .default("vouch"),
  /** "on" serves /dev/mail (the built-in mailbox) to every client, not only loopback ones. */
  VOUCH_DEV_MAIL: booleanFrom("must be on or off").default(false),
  VOUCH_LOG_LEVEL: z
    .enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"])
    .default("info"),
  /**
   * The shared secret of POST /inbound/raw, /inbound/postmark and /inbound/sendgrid (a bearer
   * token or the basic-auth password). Unset, those endpoints answer 404. URL-safe, so that it
   * can sit in a webhook URL as https://vouch:SECRET@host/inbound/postmark.
   */
  VOUCH_INBOUND_SECRET: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9._~-]*$/, "must use only letters, digits and - . _ ~ (it goes in a URL)")
    .min(16, "must be at least 16 characters (e.g. openssl rand -hex 24)")
    .optional(),
  /** Mailgun's HTTP webhook signing key: /inbound/mailgun checks each post's HMAC with it. */
  VOUCH_MAILGUN_SIGNING_KEY: z
    .string()
    .trim()
    .regex(/^\S+$/, "must not contain spaces")
    .min(8, "must be Mailgun's HTTP webhook signing key")
    .optional(),
  /** MTAs in front of Vouch whose Authentication-Results are honoured (IPs or CIDRs). */
  VOUCH_TRUSTED_RELAYS: z.string().trim().optional(),
  /** The intake mailbox, read by IMAP: imaps://user:pass@host[:port]/MAILBOX. */
  VOUCH_IMAP_URL: z
    .string()
    .trim()
    .optional()
    .superRefine((v, ctx) => {
      if (!v) return;
      try {
        parseImapUrl(v);
      } catch (e) {
        ctx.addIssue({ code: "custom", message: (e as Error).message ?? "is not a URL" });
      }
    }),
  /** What to do with a message once stored: `seen` (flag it) or `move:FOLDER`. */
  VOUCH_IMAP_DONE: z
    .string()
    .trim()
    .optional()
    .superRefine((v, ctx) => {
      try {
        parseImapDone(v);
      } catch (e) {
        ctx.addIssue({ code: "custom", message: (e as Error).message });
      }
    }),
  /** The authserv-id of those MTAs' Authentication-Results headers (RFC 8601). */
  VOUCH_AUTHSERV_ID: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9][A-Za-z0-9.-]*$/, "must be a host name like mx.example.com")
    .max(253, "must be a host name like mx.example.com")
    .optional(),
});

/** The configuration, parsed and validated once at start. */
export interface Config {
  dataDir: string;
  databaseUrl: string | undefined;
  httpHost: string;
  httpPort: number;
  smtpHost: string;
  smtpPort: number;
  /** Inbound messages over this size are refused with 552. */
  smtpMaxBytes: number;
  mailDomain: string;
  /** The base of links in emails: VOUCH_PUBLIC_URL, else the address served (`servedUrl`). */
  publicUrl: string;
  /** Whether VOUCH_PUBLIC_URL was given (else `publicUrl` is derived from host and port). */
  publicUrlSet: boolean;
  smtpRelayUrl: string | undefined;
  timerIntervalS: number;
  workers: boolean;
  timerPolicy: TimerPolicy;
  /** The deployment's budget of asks to one target per 30 days, across introducers; 0: none. */
  targetAsksPer30Days: number;
  logLevel: z.infer<typeof EnvSchema>["VOUCH_LOG_LEVEL"];
  dkim: { keyFile: string; selector: string } | undefined;
  /** The secret of the HTTP inbound endpoints; undefined = they are not enabled (404). */
  inboundSecret: string | undefined;
  /** Mailgun's webhook signing key; undefined = /inbound/mailgun is not enabled (404). */
  mailgunSigningKey: string | undefined;
  /** VOUCH_TRUSTED_RELAYS, parsed. */
  trustedRelays: BlockList | undefined;
  /** VOUCH_AUTHSERV_ID, lower-cased. */
  authservId: string | undefined;
  /** The IMAP intake mailbox (VOUCH_IMAP_URL) and what to do with what it read. */
  imap: { account: ImapAccount; done: ImapDone } | undefined;
  /** VOUCH_DEV_MAIL: serve /dev/mail to every client (else to loopback clients only). */
  devMail: boolean;
}

/**
 * Parses the environment. A bad value is an INVALID_CONFIG error naming the variable, so
 * start-up stops with one clear line.
 */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  // An empty variable means "unset", as in most shells' `VAR= cmd`.
  const cleaned = Object.fromEntries(
    Object.entries(env).filter(([k, v]) => k.startsWith("VOUCH_") && v !== undefined && v !== ""),
  );
  const r = EnvSchema.safeParse(cleaned);
  if (!r.success) {
    const issue = r.error.issues[0];
    const name = String(issue?.path[0] ?? "environment");
    // Values that may hold a password or a key are never repeated back.
    const secret = [
      "VOUCH_INBOUND_SECRET",
      "VOUCH_MAILGUN_SIGNING_KEY",
      "VOUCH_SMTP_RELAY_URL",
      "VOUCH_DATABASE_URL",
      "VOUCH_IMAP_URL",
    ].includes(name);
    const value = secret ? undefined : cleaned[name];
    throw new VouchError(
      "INVALID_CONFIG",
      `${name} ${issue?.message ?? "is invalid"}${value !== undefined ? ` (got "${value}")` : ""}`,
      { variable: name },
    );
  }
  const e = r.data;
  if (e.VOUCH_TRUSTED_RELAYS && !e.VOUCH_AUTHSERV_ID) {
    throw new VouchError(
      "INVALID_CONFIG",
      "VOUCH_AUTHSERV_ID must be set with VOUCH_TRUSTED_RELAYS (the authserv-id of their Authentication-Results headers)",
      { variable: "VOUCH_AUTHSERV_ID" },
    );
  }
  return {
    dataDir: resolve(e.VOUCH_DATA_DIR),
    databaseUrl: e.VOUCH_DATABASE_URL,
    httpHost: e.VOUCH_HTTP_HOST,
    httpPort: e.VOUCH_HTTP_PORT,
    smtpHost: e.VOUCH_SMTP_HOST,
    smtpPort: e.VOUCH_SMTP_PORT,
    smtpMaxBytes: e.VOUCH_SMTP_MAX_BYTES,
    mailDomain: e.VOUCH_MAIL_DOMAIN,
    publicUrl: e.VOUCH_PUBLIC_URL ?? servedUrl(e.VOUCH_HTTP_HOST, e.VOUCH_HTTP_PORT),
    publicUrlSet: e.VOUCH_PUBLIC_URL !== undefined,
    smtpRelayUrl: e.VOUCH_SMTP_RELAY_URL,
    timerIntervalS: e.VOUCH_TIMER_INTERVAL_S,
    workers: e.VOUCH_WORKERS,
    timerPolicy: parseTimerPolicy(e.VOUCH_TIMERS),
    targetAsksPer30Days: e.VOUCH_TARGET_ASKS_PER_30_DAYS,
    logLevel: e.VOUCH_LOG_LEVEL,
    dkim: e.VOUCH_DKIM_KEY_FILE
      ? { keyFile: resolve(e.VOUCH_DKIM_KEY_FILE), selector: e.VOUCH_DKIM_SELECTOR }
      : undefined,
    inboundSecret: e.VOUCH_INBOUND_SECRET,
    mailgunSigningKey: e.VOUCH_MAILGUN_SIGNING_KEY,
    trustedRelays: e.VOUCH_TRUSTED_RELAYS ? trustedRelays(e.VOUCH_TRUSTED_RELAYS) : undefined,
    authservId: e.VOUCH_AUTHSERV_ID?.toLowerCase(),
    imap: e.VOUCH_IMAP_URL
      ? { account: parseImapUrl(e.VOUCH_IMAP_URL), done: parseImapDone(e.VOUCH_IMAP_DONE) }
      : undefined,
    devMail: e.VOUCH_DEV_MAIL,
  };
}

/**
 * The address a browser on this machine reaches the server at: `http://localhost:PORT` for a
 * wildcard or loopback listen address, else the host itself (IPv6 in brackets).
 */
export function servedUrl(host: string, port: number): string {
  const h = host.replace(/^\[|\]$/g, "").toLowerCase();
  const local =
    h === "" ||
    h === "0.0.0.0" ||
    h === "::" ||
    h === "::1" ||
    h === "localhost" ||
    /^127\./.test(h) ||
    h === "::ffff:127.0.0.1";
  const name = local ? "localhost" : h.includes(":") ? `[${h}]` : h;
  return `http://${name}${port === 80 ? "" : `:${port}`}`;
}

/** "expireRequest=21d,followUps=5d/10d" over the defaults of LIFECYCLE.md. */
export function parseTimerPolicy(text: string | undefined): TimerPolicy {
  const policy: TimerPolicy = structuredClone(DEFAULT_TIMER_POLICY);
  if (!text) return policy;
  for (const part of text
    .split(",")
    .map((p) => p.trim())
    .filter(Boolean)) {
    const [key, value] = part.split("=").map((s) => s.trim());
    if (!key || !value || !(key in policy)) {
      throw new VouchError(
        "INVALID_CONFIG",
        `VOUCH_TIMERS has an unknown entry "${part}" (known: ${Object.keys(policy).join(", ")})`,
        { variable: "VOUCH_TIMERS" },
      );
    }
    const list = value.split("/").map(parseDuration);
    if (list.some((d) => d === null || !(d > 0))) {
      throw new VouchError(
        "INVALID_CONFIG",
        `VOUCH_TIMERS: "${value}" is not a duration like 3d or 12h`,
        {
          variable: "VOUCH_TIMERS",
        },
      );
    }
    const k = key as keyof TimerPolicy;
    const durations = list as number[];
    if (Array.isArray(policy[k])) (policy[k] as number[]) = durations;
    else if (durations.length === 1) (policy[k] as number) = durations[0] as number;
    else {
      throw new VouchError("INVALID_CONFIG", `VOUCH_TIMERS: ${key} takes one duration`, {
        variable: "VOUCH_TIMERS",
      });
    }
  }
  return policy;
}
