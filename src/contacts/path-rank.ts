import { edgeEvidence, NO_EVIDENCE, type ScoreEdge } from "./contact-record.ts";
import type { PathCandidate, TrackRecord } from "./path-candidate.ts";

/** One way to reach someone: who can introduce, how good a path it is and why, and whom it reaches. */
export interface PathResult {
  introducer: { name: string; email: string };
  /** 0..1: mostly how well the introducer knows them, then how well you know the introducer. */
  strength: number;
  reasons: string[];
  /** The one contact of the introducer this path reaches: never more of their list. */
  contact: { name: string | null; company: string | null };
}

// How a path is scored: the introducer's tie to the person carries it (a weak tie is a weak path
// whoever asks); the requester's own tie to the introducer and the introducer's record can raise
// it by up to 30%.
const OWN_WEIGHT = 0.2;
const TRACK_WEIGHT = 0.1;

/**
 * How much an introducer's record says, 0..1: the share of their asks that were accepted and
 * thanked, trusted more the more intros they made (half-way at 3).
 */
export function trackScore(t: TrackRecord): number {
  if (t.made <= 0) return 0;
  const made = t.made;
  const rate = (Math.min(t.accepted, made) + Math.min(t.thanked, made)) / (2 * made);
  return rate * (made / (made + 3));
}

/** The score of one path from its three parts, each 0..1. */
export function pathScore(toTarget: number, toIntroducer: number, track: number): number {
  const clamp = (n: number) => (Number.isFinite(n) ? Math.min(1, Math.max(0, n)) : 0);
  return clamp(
    clamp(toTarget) *
      (1 -
        OWN_WEIGHT -
        TRACK_WEIGHT +
        OWN_WEIGHT * clamp(toIntroducer) +
        TRACK_WEIGHT * clamp(track)),
  );
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function trackWords(name: string, t: TrackRecord): string {
  if (t.made <= 0) return `${name} has not made an intro through Vouch yet`;
  const parts = [`${t.accepted} accepted`];
  if (t.thanked) parts.push(`${t.thanked} thanked`);
  return `${name} has made ${plural(t.made, "intro")} through Vouch: ${parts.join(", ")}`;
}

const sentence = (who: string, reasons: string[]) =>
  reasons.length ? `${who}: ${reasons.join("; ")}` : who;

/**
 * strengthOf speaks to the member about their own contact ("In your address book"); told to
 * someone else about an introducer's contact, the same facts are the introducer's.
 */
export function retold(reason: string, introducer: string): string {
  return reason
    .replace(/^In your address book/, `In ${introducer}'s address book`)
    .replace(/^You set this yourself$/, `${introducer} rated this tie themselves`);
}

/**
 * Ranks the members who can introduce the requester, best first, and explains each in words:
 * the introducer's tie to the person (strengthOf on their evidence and the intros the two took
 * part in), the requester's own tie to the introducer, and the introducer's record. The search
 * already left out members who did not agree to be shown, hidden contacts and the requester.
 */
export function rankPaths(
  candidates: readonly PathCandidate[],
  opts: { now: Date; score: ScoreEdge; limit: number },
): PathResult[] {
  const ranked = candidates.map((c) => {
    const name = c.introducer.name?.trim() || c.own?.name || c.introducer.email.split("@")[0] || "";
    const who = c.contact.name ?? "this person";
    const toTarget = opts.score(edgeEvidence(c.contact.evidence, c.together), opts.now);
    const own =
      c.own || c.withRequester
        ? opts.score(edgeEvidence(c.own?.evidence ?? NO_EVIDENCE, c.withRequester), opts.now)
        : null;
    const strength = pathScore(toTarget.score, own?.score ?? 0, trackScore(c.track));
    const reasons = [
      sentence(
        `${name} knows ${who}`,
        toTarget.reasons.map((r) => retold(r, name)),
      ),
      own ? sentence(`You know ${name}`, own.reasons) : `You have no tie to ${name} in Vouch yet`,
      trackWords(name, c.track),
    ];
    return {
      introducer: { name, email: c.introducer.email },
      strength: Math.round(strength * 100) / 100,
      exact: strength,
      reasons,
      contact: { name: c.contact.name, company: c.contact.company },
    };
  });
  ranked.sort(
    (a, b) =>
      b.exact - a.exact ||
      a.introducer.email.localeCompare(b.introducer.email) ||
      (a.contact.name ?? "").localeCompare(b.contact.name ?? ""),
  );
  return ranked.slice(0, opts.limit).map(({ exact: _, ...r }) => r);
}
