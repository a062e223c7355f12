import type { EdgeEvidence, Strength } from "./types.ts";

/** The evidence a member's imports and corrections give about one contact (Vouch's own is read live). */
export type StoredEvidence = Omit<EdgeEvidence, "vouch">;

/** One contact of one member, as the store keeps it. */
export interface ContactRecord {
  /** Primary email, else `li:<handle>`, else `name:<name key>` (see contact-key.ts). */
  key: string;
  name: string | null;
  company: string | null;
  position: string | null;
  url: string | null;
  evidence: StoredEvidence;
  /** Hidden by the member: never a path, and left out of their own list's strength. */
  hidden: boolean;
  /** The score when it was last written (imports and corrections); search order, not the answer. */
  strength: number;
}

/** How strong an edge is: `strengthOf` from strength.ts, passed in so the pure parts stay pure. */
export type ScoreEdge = (evidence: EdgeEvidence, now: Date) => Strength;

export const NO_EVIDENCE: StoredEvidence = {
  linkedin: null,
  inAddressBook: false,
  mail: null,
  override: null,
};

/** Whether anything still says the member knows this contact (else the row can go). */
export function hasEvidence(r: ContactRecord): boolean {
  const e = r.evidence;
  return !!e.linkedin || e.inAddressBook || !!e.mail || e.override !== null || r.hidden;
}

/** The full evidence of an edge: what was imported, and what Vouch's own intros say. */
export function edgeEvidence(e: StoredEvidence, vouch: EdgeEvidence["vouch"] = null): EdgeEvidence {
  return { ...e, vouch };
}
