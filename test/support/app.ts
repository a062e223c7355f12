// Wires the app for tests the same way main.ts does, with a clock the test controls.
import { createApiToken } from "../../src/app/api-tokens.ts";
import type { AppDeps } from "../../src/app/deps.ts";
import { DEFAULT_TIMER_POLICY } from "../../src/domain/timers.ts";
import type { Store } from "../../src/store/store.ts";

export function testDeps(
  store: Store,
  clock = { now: new Date("2026-12-01T10:00:00.000Z") },
): AppDeps {
  return {
    store,
    secret: "test-secret",
    mailDomain: "vouch.localhost",
    publicUrl: "http://localhost:3000",
    timerPolicy: DEFAULT_TIMER_POLICY,
    now: () => clock.now,
  };
}

export async function tokensFor(deps: AppDeps, emails: Record<string, string>) {
  const out: Record<string, string> = {};
  for (const [who, email] of Object.entries(emails)) out[who] = await createApiToken(deps, email);
  return out;
}

/** The store, counting the transactions begun through it (to prove "one commit per message"). */
export function countingTransactions(store: Store): { store: Store; count: () => number } {
  let n = 0;
  const counting = new Proxy(store, {
    get(target, key) {
      const v = Reflect.get(target, key, target);
      if (key === "transaction") n++;
      return typeof v === "function" ? v.bind(target) : v;
    },
  }) as Store;
  return { store: counting, count: () => n };
}
