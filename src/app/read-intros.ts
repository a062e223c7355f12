import { LRUCache } from "lru-cache";
import { VouchError } from "../domain/errors.ts";
import type { Intro } from "../domain/types.ts";
import { canView, type IntroView, rolesOf, type Viewer, viewIntro } from "../domain/view.ts";
import type { IntroQuery } from "../store/store.ts";
import { coachIntro } from "./check-request.ts";
import type { AppDeps } from "./deps.ts";

/** The viewer's role in an intro, or NOT_FOUND: a stranger cannot even learn that it exists. */
export async function viewerRole(deps: AppDeps, introId: string, email: string) {
  return visibleTo(await deps.store.getIntro(introId), introId, email);
}

function visibleTo(intro: Intro | null, introId: string, email: string) {
  const role = intro ? rolesOf(intro, email)[0] : undefined;
  if (!intro || !role || !canView(intro, role)) {
    throw new VouchError("NOT_FOUND", `no intro ${introId} that you can see`, { id: introId });
  }
  return { intro, role };
}

/**
 * One intro as `email` may see it (or as the operator). A view read twice at the same revision
 * is kept: dashboards and scripts poll the same intros, and building a view parses the intro, its
 * history and its emails. A view read once is not kept, so a stream of different intros costs
 * no memory. Every read of a kept view still asks the database for the revision (one small
 * query), so a change made anywhere, by any instance, is seen at once.
 */
export async function readIntro(
  deps: AppDeps,
  introId: string,
  who: { email: string } | { operator: true },
): Promise<IntroView> {
  const kept = keptViewsOf(deps.store, deps.keptViews ?? 2000);
  const key = `${introId}\u0000${"operator" in who ? "*" : who.email}`;
  const hit = kept?.views.get(key);
  if (hit && hit.revision === (await deps.store.getIntroRevision(introId))) return hit.view;

  const found = await deps.store.getIntroWithHistory(introId);
  const viewer: Viewer =
    "operator" in who ? "operator" : visibleTo(found?.intro ?? null, introId, who.email).role;
  if (!found) throw new VouchError("NOT_FOUND", `no intro ${introId}`, { id: introId });
  const { intro, events } = found;
  const emails = found.emails.map((m) => ({
    template: m.template,
    to: m.to.map((p) => p.email),
    cc: m.cc.map((p) => p.email),
    status: m.status,
    sentAt: m.sentAt,
    lastError: m.lastError,
  }));
  const view = viewIntro(intro, events, viewer, {
    mailDomain: deps.mailDomain,
    policy: deps.timerPolicy,
    emails,
    coach: coachCached(intro, deps.now()),
  });
  if (kept?.seen.get(key) === found.revision) {
    kept.seen.delete(key);
    kept.views.set(key, { revision: found.revision, view: deepFreeze(view) });
  } else {
    kept?.seen.set(key, found.revision);
  }
  return view;
}

/**
 * readIntro as JSON text. A kept view is serialized once and the text kept beside it, since
 * serializing costs about as much as the rest of serving a kept view.
 */
export async function readIntroJson(
  deps: AppDeps,
  introId: string,
  who: { email: string } | { operator: true },
): Promise<string> {
  const view = await readIntro(deps, introId, who);
  let json = keptJson.get(view);
  if (json === undefined) {
    json = JSON.stringify(view);
    if (Object.isFrozen(view)) keptJson.set(view, json);
  }
  return json;
}
const keptJson = new WeakMap<IntroView, string>();

type KeptView = { revision: string; view: IntroView };
interface KeptViews {
  /** (intro, viewer) → the view at a revision. */
  views: LRUCache<string, KeptView>;
  /** (intro, viewer) → the revision it was last read at, for views not kept (yet). */
  seen: LRUCache<string, string>;
}
const keptByStore = new WeakMap<object, KeptViews>();

/** The kept views of one store (tests run several in one process); none when `max` is 0. */
function keptViewsOf(store: object, max: number): KeptViews | undefined {
  if (max <= 0) return undefined;
  let kept = keptByStore.get(store);
  if (!kept) {
    kept = { views: new LRUCache({ max }), seen: new LRUCache({ max: 5 * max }) };
    keptByStore.set(store, kept);
  }
  return kept;
}

/** A kept view is shared by every later reader, so nobody may change it. */
function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

// The coach's report depends only on the request, which changes with the version: re-running it
// on every read would cost more than the rest of the read.
const coachReports = new LRUCache<string, ReturnType<typeof coachIntro>>({ max: 2000 });
function coachCached(intro: Intro, now: Date) {
  const key = `${intro.id}@${intro.version}`;
  let report = coachReports.get(key);
  if (!report) {
    report = coachIntro(intro, now);
    coachReports.set(key, report);
  }
  return report;
}

/** The intros a person takes part in (optionally in one role or status), as they may see them. */
export async function listIntros(deps: AppDeps, q: IntroQuery): Promise<IntroView[]> {
  const intros = await deps.store.listIntros(q);
  const events = await deps.store.listEventsOf(intros.map((i) => i.id));
  const out: IntroView[] = [];
  for (const intro of intros) {
    // Without a role, the first role in which the person may see the intro; none: it is not
    // theirs to see (a target not yet asked), never shown in some other role's view.
    const viewer: Viewer | undefined = q.email
      ? (q.role ?? rolesOf(intro, q.email).find((r) => canView(intro, r)))
      : "operator";
    if (!viewer || (viewer !== "operator" && !canView(intro, viewer))) continue;
    const history = events.get(intro.id) ?? [];
    out.push(
      viewIntro(intro, history, viewer, { mailDomain: deps.mailDomain, policy: deps.timerPolicy }),
    );
  }
  return out;
}
