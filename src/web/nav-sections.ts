import type { MiddlewareHandler } from "hono";
import type { AppDeps } from "../app/deps.ts";
import type { Role } from "../domain/types.ts";
import { pageQueriesOf } from "../store/page-queries.ts";
import type { Sections, WebEnv } from "./session.ts";

/**
 * Whether `email` takes part in an intro they may see in `role` (canView of domain/view.ts, in
 * SQL: one index probe, however many intros they have).
 */
export function hasVisible(deps: AppDeps, email: string, role: Role): Promise<boolean> {
  return pageQueriesOf(deps.store).any(email, "all", role);
}

export async function sectionsOf(deps: AppDeps, email: string): Promise<Sections> {
  const [introduces, offered] = await Promise.all([
    hasVisible(deps, email, "introducer"),
    hasVisible(deps, email, "target"),
  ]);
  return { introduces, offered };
}

/** After loadSession: works out once per request which role sections the signed-in person has. */
export function loadSections(deps: AppDeps): MiddlewareHandler<WebEnv> {
  return async (c, next) => {
    const me = c.get("me");
    if (me && !me.sections) me.sections = await sectionsOf(deps, me.email);
    return next();
  };
}
