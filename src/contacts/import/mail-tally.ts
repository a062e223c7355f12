import type { MailInteraction } from "../types.ts";
import { isAutomatedAddress, type Mailbox } from "./mail-headers.ts";

/** At most 2 other recipients: a message to this person, not to a group. */
export const PERSONAL_MAX_OTHERS = 2;

interface Tally {
  sent: number;
  received: number;
  sentPersonal: number;
  others: number;
  lastSent: number | null;
  lastReceived: number | null;
  first: number;
  names: Map<string, number>;
}

/** One message's parties, as read from its headers. */
export interface MessageParties {
  from: Mailbox;
  /** To, Cc and Bcc, without repeats. */
  recipients: Mailbox[];
  /** Delivered-To: which of the member's addresses it reached, when not in To or Cc. */
  deliveredTo: string[];
  time: number;
}

/**
 * Sums, per correspondent, what the member's own mail says: messages the member sent them (in To,
 * Cc or Bcc), messages they sent the member, how many of those were personal, how many others
 * were on them, and when. The member's own addresses, machines' addresses and lists are never
 * correspondents.
 */
export class MailTally {
  readonly #owners: Set<string>;
  readonly #byEmail = new Map<string, Tally>();
  readonly #excluded = new Set<string>();

  constructor(ownerEmails: string[]) {
    this.#owners = new Set(ownerEmails.map((e) => e.trim().toLowerCase()));
  }

  isOwner(email: string): boolean {
    return this.#owners.has(email);
  }

  /** Leaves an address out of the result (a mailing list's own address). */
  exclude(email: string): void {
    this.#excluded.add(email);
  }

  /** Counts one message; false when it is neither from nor to the member. */
  add(m: MessageParties): boolean {
    const others = m.recipients.filter((r) => !this.#owners.has(r.email));
    if (this.#owners.has(m.from.email)) {
      for (const r of others) {
        const t = this.#tally(r);
        t.sent++;
        if (others.length - 1 <= PERSONAL_MAX_OTHERS) t.sentPersonal++;
        t.others += others.length - 1;
        t.lastSent = Math.max(t.lastSent ?? m.time, m.time);
        t.first = Math.min(t.first, m.time);
      }
      return true;
    }
    const toMember =
      m.recipients.some((r) => this.#owners.has(r.email)) ||
      m.deliveredTo.some((e) => this.#owners.has(e));
    if (!toMember) return false;
    const t = this.#tally(m.from);
    t.received++;
    t.others += others.filter((r) => r.email !== m.from.email).length;
    t.lastReceived = Math.max(t.lastReceived ?? m.time, m.time);
    t.first = Math.min(t.first, m.time);
    return true;
  }

  #tally(who: Mailbox): Tally {
    let t = this.#byEmail.get(who.email);
    if (!t) {
      t = {
        sent: 0,
        received: 0,
        sentPersonal: 0,
        others: 0,
        lastSent: null,
        lastReceived: null,
        first: Number.POSITIVE_INFINITY,
        names: new Map(),
      };
      this.#byEmail.set(who.email, t);
    }
    // A few names are enough to find the most common one; a list of aliases is not kept.
    if (who.name && (t.names.has(who.name) || t.names.size < 8)) {
      t.names.set(who.name, (t.names.get(who.name) ?? 0) + 1);
    }
    return t;
  }

  /** Every correspondent, most messages first, then by address. */
  result(): MailInteraction[] {
    const out: MailInteraction[] = [];
    for (const [email, t] of this.#byEmail) {
      if (this.#excluded.has(email) || isAutomatedAddress(email)) continue;
      let name: string | null = null;
      let seen = 0;
      for (const [n, c] of t.names) if (c > seen) [name, seen] = [n, c];
      const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
      out.push({
        email,
        name,
        sent: t.sent,
        received: t.received,
        sentPersonal: t.sentPersonal,
        meanOtherRecipients: t.others / (t.sent + t.received),
        lastSentAt: iso(t.lastSent),
        lastReceivedAt: iso(t.lastReceived),
        firstAt: new Date(t.first).toISOString(),
      });
    }
    return out.sort(
      (a, b) => b.sent + b.received - (a.sent + a.received) || (a.email < b.email ? -1 : 1),
    );
  }
}
