import type { ContactRecord } from "./contact-record.ts";
import type { EdgeEvidence } from "./types.ts";

/** Intros through Vouch two people both took part in. */
export type SharedIntros = NonNullable<EdgeEvidence["vouch"]>;

/** How an introducer has done: targets they asked, who said yes, requesters who thanked them. */
export interface TrackRecord {
  made: number;
  accepted: number;
  thanked: number;
}

/** One member who knows someone searched for, with everything the ranking needs. */
export interface PathCandidate {
  introducer: { email: string; name: string | null };
  /** The introducer's own contact row for the person found. */
  contact: ContactRecord;
  /** The requester's own contact row for the introducer, if they have one (and it is not hidden). */
  own: ContactRecord | null;
  /** Intros through Vouch the introducer and the person found both took part in. */
  together: SharedIntros | null;
  /** Intros through Vouch the requester and the introducer both took part in. */
  withRequester: SharedIntros | null;
  track: TrackRecord;
}
