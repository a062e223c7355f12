import { randomBytes } from "node:crypto";
import type { TimerPolicy } from "../domain/timers.ts";
import type { Store } from "../store/store.ts";

/** What every use case needs, passed explicitly (no container, no globals). */
export interface AppDeps {
  store: Store;
  mailDomain: string;
  publicUrl: string;
  timerPolicy: TimerPolicy;
  /** Signs one-click and unsubscribe links; shared by every instance (kept in the database). */
  secret: string;
  /** The clock; tests and `--as-of` pass their own. */
  now: () => Date;
  /**
   * How many times one target may be asked in 30 days, across every introducer of the deployment
   * (VOUCH_TARGET_ASKS_PER_30_DAYS, 3 by default); absent or 0: no such budget.
   */
  targetAsksPer30Days?: number;
  /** How many (intro, viewer) views readIntro keeps (default 2000); 0 keeps none. */
  keptViews?: number;
}

/** A random, unguessable token (URL-safe). */
export function randomToken(bytes = 16): string {
  return randomBytes(bytes).toString("base64url");
}

/** A new random RFC 5322 Message-ID on our own domain. Random, so nobody can pre-empt it. */
export function newMessageId(mailDomain: string): string {
  return `<${randomBytes(18).toString("base64url")}@${mailDomain}>`;
}
