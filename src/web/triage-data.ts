import type { AppDeps } from "../app/deps.ts";
import type { Intro } from "../domain/types.ts";
import { welcomedTopics } from "./target-topics.ts";

/** A requester's record so far, across every introducer. */
export interface TrackRecord {
  total: number;
  completed: number;
  thanked: number;
  stalled: number;
  withdrawn: number;
}

export function trackRecordOf(intros: Intro[]): TrackRecord {
  const r: TrackRecord = { total: 0, completed: 0, thanked: 0, stalled: 0, withdrawn: 0 };
  for (const i of intros) {
    if (i.status === "draft") continue;
    r.total++;
    if (i.status === "completed") r.completed++;
    if (i.outcome?.thanked) r.thanked++;
    if (i.status === "stalled") r.stalled++;
    if (i.status === "withdrawn") r.withdrawn++;
  }
  return r;
}

const DAY = 86_400_000;

/** How many times a target was asked through Vouch (by anyone) in the last 90 days. */
export function recentAsks(intros: Intro[], now: Date): number {
  const since = new Date(now.getTime() - 90 * DAY).toISOString();
  return intros.filter((i) => i.askedTargetAt && i.askedTargetAt >= since).length;
}

/** The figures an introducer triages with; computed once per person per page. */
export function triageFacts(deps: AppDeps) {
  const records = new Map<string, Promise<TrackRecord>>();
  const loads = new Map<string, Promise<number>>();
  const topics = new Map<string, Promise<string[]>>();
  return {
    record(email: string) {
      let r = records.get(email);
      if (!r) {
        r = deps.store.listIntros({ email, role: "requester" }).then(trackRecordOf);
        records.set(email, r);
      }
      return r;
    },
    load(email: string | null) {
      if (!email) return Promise.resolve(null);
      let r = loads.get(email);
      if (!r) {
        r = deps.store.listIntros({ email, role: "target" }).then((l) => recentAsks(l, deps.now()));
        loads.set(email, r);
      }
      return r;
    },
    /** The topics the target welcomes intros about. */
    topics(email: string | null) {
      if (!email) return Promise.resolve([]);
      let r = topics.get(email);
      if (!r) {
        r = welcomedTopics(deps, email);
        topics.set(email, r);
      }
      return r;
    },
  };
}
