import type { AppDeps } from "../app/deps.ts";
import type { Role } from "../domain/types.ts";
import { canView, type IntroView, viewIntro } from "../domain/view.ts";
import { type IntroList, type Listed, pageQueriesOf } from "../store/page-queries.ts";

/**
 * The intros of a list page as their viewer may see them (domain/view.ts decides, and an intro
 * the role may not see is left out, whatever the list said), in the list's order. Only these
 * intros and their histories are read: one query each.
 */
export async function viewsOf(deps: AppDeps, listed: readonly Listed[]): Promise<IntroView[]> {
  const pq = pageQueriesOf(deps.store);
  const intros = await pq.intros(listed.map((l) => l.id));
  const events = await deps.store.listEventsOf(intros.map((i) => i.id));
  const roles = new Map(listed.map((l) => [l.id, l.role]));
  const out: IntroView[] = [];
  for (const intro of intros) {
    const role = roles.get(intro.id) as Role;
    if (!canView(intro, role)) continue;
    out.push(
      viewIntro(intro, events.get(intro.id) ?? [], role, {
        mailDomain: deps.mailDomain,
        policy: deps.timerPolicy,
      }),
    );
  }
  return out;
}

/**
 * One page of a list (newest first) as views, and whether an older page follows. `size` rows
 * per page, page `n` counted from 0.
 */
export async function listPage(
  deps: AppDeps,
  email: string,
  list: IntroList,
  at: { n: number; size: number; role?: Role },
): Promise<{ views: IntroView[]; more: boolean }> {
  const listed = await pageQueriesOf(deps.store).list(email, list, {
    role: at.role,
    limit: at.size + 1,
    offset: at.n * at.size,
  });
  return { views: await viewsOf(deps, listed.slice(0, at.size)), more: listed.length > at.size };
}
