import { LRUCache } from "lru-cache";
import { VouchError } from "../domain/errors.ts";
import type { Intro, Role, Status } from "../domain/types.ts";
import { canView, type IntroView, rolesOf, type Viewer, viewIntro } from "../domain/view.ts";
import { coachIntro } from "./check-request.ts";
import type { AppDeps } from "./deps.ts";

/** The viewer's role in an intro, or NOT_FOUND: a stranger cannot even learn that it exists. */
export async function viewerRole(deps: AppDeps, introId: string, email: string) {
  const intro = await deps.store.getIntro(introId);
  const role = intro ? rolesOf(intro, email)[0] : undefined;
  if (!intro || !role || !canView(intro, role)) {
    throw new VouchError("NOT_FOUND", `no intro ${introId} that you can see`, { id: introId });
  }
  return { intro, role };
}

/** One intro as `email` may see it (or as the operator, with `asOperator`). */
export async function readIntro(
  deps: AppDeps,
  introId: string,
  who: { email: string } | { operator: true },
): Promise<IntroView> {
  let viewer: Viewer;
  let intro: Awaited<ReturnType<AppDeps["store"]["getIntro"]>>;
  if ("operator" in who) {
    intro = await deps.store.getIntro(introId);
    if (!intro) throw new VouchError("NOT_FOUND", `no intro ${introId}`, { id: introId });
    viewer = "operator";
  } else {
    ({ intro, role: viewer } = await viewerRole(deps, introId, who.email));
  }
  const events = await deps.store.listEvents(introId);
  const emails = (await deps.store.listOutboxSummary(introId)).map((m) => ({
    template: m.template,
    to: m.to.map((p) => p.email),
    cc: m.cc.map((p) => p.email),
    status: m.status,
    sentAt: m.sentAt,
    lastError: m.lastError,
  }));
  return viewIntro(intro, events, viewer, {
    mailDomain: deps.mailDomain,
    policy: deps.timerPolicy,
    emails,
    coach: coachCached(intro, deps.now()),
  });
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
export async function listIntros(
  deps: AppDeps,
  q: { email?: string; role?: Role; status?: Status; limit?: number; offset?: number },
): Promise<IntroView[]> {
  const intros = await deps.store.listIntros(q);
  const events = await deps.store.listEventsOf(intros.map((i) => i.id));
  const out: IntroView[] = [];
  for (const intro of intros) {
    const viewer: Viewer = q.email
      ? (q.role ?? rolesOf(intro, q.email).find((r) => canView(intro, r)) ?? "requester")
      : "operator";
    if (viewer !== "operator" && !canView(intro, viewer)) continue;
    const history = events.get(intro.id) ?? [];
    out.push(
      viewIntro(intro, history, viewer, { mailDomain: deps.mailDomain, policy: deps.timerPolicy }),
    );
  }
  return out;
}
