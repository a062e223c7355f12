import type { MiddlewareHandler } from "hono";
import type { AppDeps } from "../app/deps.ts";
import type { Role } from "../domain/types.ts";
import { canView } from "../domain/view.ts";
import type { Sections, WebEnv } from "./session.ts";

// How many of a person's intros in one role are looked through for one they may see. Almost
// always the first row answers; the bound keeps a flood of drafts naming someone cheap.
const BATCH = 100;
const MAX_BATCHES = 10;

/** Whether `email` takes part in an intro they may see in `role` (domain/view.ts decides). */
export async function hasVisible(deps: AppDeps, email: string, role: Role): Promise<boolean> {
  for (let n = 0; n < MAX_BATCHES; n++) {
    const rows = await deps.store.listIntros({ email, role, limit: BATCH, offset: n * BATCH });
    if (rows.some((i) => canView(i, role))) return true;
    if (rows.length < BATCH) return false;
  }
  return false;
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
