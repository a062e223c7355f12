import { html } from "hono/html";
import type { AppDeps } from "../app/deps.ts";

/** At most this many welcomed topics per person, each at most this long. */
export const TOPICS_MAX = 20;
export const TOPIC_MAX_LENGTH = 80;

// Control characters (tabs and newlines among them), and the comma the web form splits on.
const FORBIDDEN = /[\p{Cc},]/u;

/** What is wrong with a list of topics (and which one), or null when it can be saved. */
export function topicsProblem(topics: string[]): { message: string; index?: number } | null {
  if (topics.length > TOPICS_MAX) return { message: `at most ${TOPICS_MAX} topics` };
  for (const [index, t] of topics.entries()) {
    const s = t.trim();
    if (!s) return { message: "a topic cannot be empty", index };
    if (s.length > TOPIC_MAX_LENGTH)
      return { message: `each topic is at most ${TOPIC_MAX_LENGTH} characters`, index };
    if (FORBIDDEN.test(s))
      return { message: "a topic cannot contain a comma or a control character", index };
  }
  return null;
}

/** Trimmed, without repeats (ignoring case), in the order given. */
export function normalizeTopics(topics: string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const t of topics.map((x) => x.trim())) {
    if (!t || seen.has(t.toLowerCase())) continue;
    seen.add(t.toLowerCase());
    out.push(t);
  }
  return out;
}

/** The topics in a person's preferences. */
export function topicsIn(prefs: Record<string, unknown> | undefined): string[] {
  const t = prefs?.topics;
  return Array.isArray(t) ? t.filter((x): x is string => typeof x === "string") : [];
}

/** The topics a person has said they welcome intros about (none for an unknown address). */
export async function welcomedTopics(deps: AppDeps, email: string | null): Promise<string[]> {
  const e = email?.trim().toLowerCase();
  if (!e?.includes("@")) return [];
  return topicsIn(await deps.store.getPrefs(e));
}

/** "Maya welcomes intros about: careers in tech, climate startups", or nothing. */
export function welcomesLine(name: string, topics: string[]) {
  if (!topics.length) return "";
  return html`<p class="welcomes" data-topics="${topics.length}"><strong>${name} welcomes intros about:</strong> ${topics.join(", ")}</p>`;
}
