import type { AppDeps } from "../app/deps.ts";
import type { IntroView } from "../domain/view.ts";
import { pageQueriesOf, type TrackRecord } from "../store/page-queries.ts";
import { topicsIn } from "./target-topics.ts";

const DAY = 86_400_000;
const NO_RECORD: TrackRecord = { total: 0, completed: 0, thanked: 0, stalled: 0, withdrawn: 0 };

/** What an introducer triages with, for the people of the requests on one page. */
export interface TriageFacts {
  /** The requester's record so far, across every introducer. */
  record(email: string | null): TrackRecord;
  /** How often the target was asked through Vouch (by anyone) in 90 days; null without address. */
  load(email: string | null): number | null;
  /** The topics the target welcomes intros about. */
  topics(email: string | null): string[];
  /** Who asked the target in the last 30 days, across introducers (their names only). */
  through(email: string | null): Awaited<ReturnType<AppDeps["store"]["asksThrough"]>>;
}

/**
 * The figures for these intros' people, each counted in SQL once for the whole page (three
 * queries, however many rows and whatever each person's history).
 */
export async function triageFacts(
  deps: AppDeps,
  views: readonly Pick<IntroView, "requester" | "target">[],
): Promise<TriageFacts> {
  const pq = pageQueriesOf(deps.store);
  const known = (xs: (string | null)[]) => [...new Set(xs.filter((x): x is string => !!x))];
  const requesters = known(views.map((v) => v.requester.email));
  const targets = known(views.map((v) => v.target.email));
  const since = new Date(deps.now().getTime() - 90 * DAY);
  const month = new Date(deps.now().getTime() - 30 * DAY).toISOString();
  const [records, loads, prefs, throughs] = await Promise.all([
    pq.trackRecords(requesters),
    pq.recentAsks(targets, since),
    pq.prefs(targets),
    Promise.all(
      targets.map(async (t) => [t.toLowerCase(), await deps.store.asksThrough(t, month)] as const),
    ),
  ]);
  const through = new Map(throughs);
  const key = (e: string | null) => e?.toLowerCase() ?? "";
  return {
    record: (e) => records.get(key(e)) ?? NO_RECORD,
    load: (e) => (e ? (loads.get(key(e)) ?? 0) : null),
    topics: (e) => topicsIn(prefs.get(key(e))),
    through: (e) => through.get(key(e)) ?? [],
  };
}
