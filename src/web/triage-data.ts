import type { AppDeps } from "../app/deps.ts";
import type { RequesterRecord } from "../store/store.ts";
import { welcomedTopics } from "./target-topics.ts";

/** A requester's record so far, across every introducer (counted by the database). */
export type TrackRecord = RequesterRecord;

const DAY = 86_400_000;

/** How far back a target's load counts the asks they received through Vouch. */
export const LOAD_DAYS = 90;

/** The window of the triage line ("asked twice this month"), as the deployment's budget. */
const MONTH_DAYS = 30;

/** The start of the window a target's load is counted over. */
export function loadSince(now: Date): string {
  return new Date(now.getTime() - LOAD_DAYS * DAY).toISOString();
}

/** The figures an introducer triages with; each counted once per person per page, in SQL. */
export function triageFacts(deps: AppDeps) {
  const records = new Map<string, Promise<TrackRecord>>();
  const loads = new Map<string, Promise<number>>();
  const topics = new Map<string, Promise<string[]>>();
  const through = new Map<string, ReturnType<AppDeps["store"]["asksThrough"]>>();
  const once = <T>(cache: Map<string, Promise<T>>, key: string, load: () => Promise<T>) => {
    let r = cache.get(key);
    if (!r) {
      r = load();
      cache.set(key, r);
    }
    return r;
  };
  return {
    record(email: string) {
      return once(records, email, () => deps.store.requesterRecord(email));
    },
    /** How many times a target was asked through Vouch (by anyone) in the last LOAD_DAYS. */
    load(email: string | null) {
      if (!email) return Promise.resolve(null);
      const since = loadSince(deps.now());
      return once(
        loads,
        email,
        async () =>
          (await deps.store.countAsks({ targets: [email], since })).get(email.toLowerCase()) ?? 0,
      );
    },
    /** Who asked the target in the last 30 days, across introducers (names only). */
    through(email: string | null) {
      if (!email) return Promise.resolve([]);
      const since = new Date(deps.now().getTime() - MONTH_DAYS * DAY).toISOString();
      return once(through, email, () => deps.store.asksThrough(email, since));
    },
    /** The topics the target welcomes intros about. */
    topics(email: string | null) {
      if (!email) return Promise.resolve([]);
      return once(topics, email, () => welcomedTopics(deps, email));
    },
  };
}
