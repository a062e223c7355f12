import { html } from "hono/html";
import type { AppDeps } from "../app/deps.ts";
import { listIntros } from "../app/read-intros.ts";
import type { IntroView } from "../domain/view.ts";

/** Insights and outcomes read at most this many of an introducer's intros (the newest). */
export const INTRODUCER_CAP = 5000;

/** An introducer's newest intros, up to the cap, and whether there were more. */
export async function introducerIntros(
  deps: AppDeps,
  email: string,
  cap = INTRODUCER_CAP,
): Promise<{ intros: IntroView[]; capped: number | null }> {
  const intros = await listIntros(deps, { email, role: "introducer", limit: cap + 1 });
  return { intros: intros.slice(0, cap), capped: intros.length > cap ? cap : null };
}

/** Says so when a page counts only the newest intros. */
export function capNote(capped: number | null) {
  return capped
    ? html`<p class="muted" role="note" data-capped="${capped}">Counted over your newest ${capped.toLocaleString("en")} intros only; older ones are not included.</p>`
    : "";
}
