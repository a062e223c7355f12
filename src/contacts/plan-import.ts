import { emailOfKey, linkedinHandle, linkedinKey, nameKey, nameOnlyKey } from "./contact-key.ts";
import {
  type ContactRecord,
  edgeEvidence,
  hasEvidence,
  NO_EVIDENCE,
  type ScoreEdge,
} from "./contact-record.ts";
import type { ImportedContact, MailInteraction, SkippedLine } from "./types.ts";

/** What one import changes in one member's contacts, worked out before anything is written. */
export interface ImportPlan {
  /** Rows to write (new or changed), each whole. */
  upserts: ContactRecord[];
  /** Keys whose rows go: merged into another row, or left with no evidence by a new mbox. */
  deletes: string[];
  /** Contacts of the file that were new, and that were already there. */
  imported: number;
  updated: number;
  skipped: SkippedLine[];
}

export interface ImportInput {
  /** The member's own addresses: they are never their own contact. */
  owner: string;
  /** The member's contacts as stored now. */
  existing: readonly ContactRecord[];
  /** An address book or network export's contacts, in file order. */
  contacts?: readonly ImportedContact[];
  /** An mbox's correspondents: they REPLACE every mail aggregate the member had. */
  mail?: readonly MailInteraction[];
  now: Date;
  score: ScoreEdge;
}

/** Which existing row a file's line is about, by email, LinkedIn profile, or unique name. */
class Index {
  readonly byKey = new Map<string, ContactRecord>();
  readonly #byHandle = new Map<string, Set<string>>();
  readonly #byName = new Map<string, Set<string>>();
  /** What each key is indexed under now, so a changed or removed row leaves nothing stale. */
  readonly #under = new Map<string, { handle: string | null; name: string | null }>();

  constructor(rows: readonly ContactRecord[]) {
    for (const r of rows) this.add(r);
  }

  add(r: ContactRecord) {
    this.#unindex(r.key);
    this.byKey.set(r.key, r);
    const handle = linkedinHandle(r.url) ?? (r.key.startsWith("li:") ? r.key.slice(3) : null);
    const name = nameKey(r.name);
    if (handle) addTo(this.#byHandle, handle, r.key);
    if (name) addTo(this.#byName, name, r.key);
    this.#under.set(r.key, { handle, name });
  }

  remove(key: string) {
    this.#unindex(key);
    this.byKey.delete(key);
  }

  #unindex(key: string) {
    const was = this.#under.get(key);
    if (!was) return;
    if (was.handle) removeFrom(this.#byHandle, was.handle, key);
    if (was.name) removeFrom(this.#byName, was.name, key);
    this.#under.delete(key);
  }

  /**
   * The row a line without an email is about: the one with its LinkedIn profile (its email row
   * first), else the one row with its name, unless that row has another profile.
   */
  match(handle: string | null, name: string | null): string | null {
    const profiled = handle ? [...(this.#byHandle.get(handle) ?? [])].sort(emailFirst) : [];
    if (profiled[0]) return profiled[0];
    const named = name ? [...(this.#byName.get(name) ?? [])] : [];
    if (named.length !== 1) return null;
    const h = this.#under.get(named[0] as string)?.handle;
    return !handle || !h || h === handle ? (named[0] as string) : null;
  }

  /**
   * The email row a row kept without an email belongs to: the one with its LinkedIn profile, else
   * the one other row with its name, if that has an email and no other profile.
   */
  emailRowOf(n: ContactRecord): string | null {
    const mine = this.#under.get(n.key);
    if (!mine) return null;
    const isEmail = (k: string) => emailOfKey(k) !== null;
    if (mine.handle) {
      const profiled = [...(this.#byHandle.get(mine.handle) ?? [])].filter(isEmail).sort();
      if (profiled[0]) return profiled[0];
    }
    if (!mine.name) return null;
    const others = [...(this.#byName.get(mine.name) ?? [])].filter((k) => k !== n.key);
    if (others.length !== 1 || !isEmail(others[0] as string)) return null;
    const h = this.#under.get(others[0] as string)?.handle;
    return !h || !mine.handle || h === mine.handle ? (others[0] as string) : null;
  }
}

function addTo(m: Map<string, Set<string>>, k: string, v: string) {
  const set = m.get(k) ?? new Set<string>();
  set.add(v);
  m.set(k, set);
}

function removeFrom(m: Map<string, Set<string>>, k: string, v: string) {
  const set = m.get(k);
  set?.delete(v);
  if (set && !set.size) m.delete(k);
}

/** Email keys before LinkedIn and name keys, then in key order. */
function emailFirst(a: string, b: string): number {
  const ea = emailOfKey(a) !== null;
  const eb = emailOfKey(b) !== null;
  if (ea !== eb) return ea ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Merges one import into a member's contacts. Re-importing a file changes the same rows (never
 * adds twice). A line without an email joins the row of the same LinkedIn profile, else the one
 * row of the same name; after the lines, a row kept without an email is folded into the row of
 * its email once one is known (same profile, or a name no one else has). An mbox replaces the
 * mail aggregates: a correspondent no longer in it loses them, and a row that then has no
 * evidence left goes. Hidden rows and corrections survive every import.
 */
export function planImport(input: ImportInput): ImportPlan {
  const owner = input.owner.toLowerCase();
  const index = new Index(input.existing);
  const known = new Set(input.existing.map((r) => r.key));
  const touched = new Map<string, ContactRecord>();
  const deletes = new Set<string>();
  const skipped: SkippedLine[] = [];
  const seen = new Set<string>();
  /** Where a folded key went. */
  const movedTo = new Map<string, string>();

  const working = (key: string): ContactRecord => {
    const had = touched.get(key) ?? index.byKey.get(key);
    const r: ContactRecord = had
      ? { ...had, evidence: { ...had.evidence } }
      : {
          key,
          name: null,
          company: null,
          position: null,
          url: null,
          evidence: { ...NO_EVIDENCE },
          hidden: false,
          strength: 0,
        };
    touched.set(key, r);
    return r;
  };

  for (const c of input.contacts ?? []) {
    const email = c.emails.find((e) => e !== owner) ?? null;
    if (!email && c.emails.length) {
      skipped.push({ line: c.line, reason: "this is your own address" });
      continue;
    }
    const handle = linkedinHandle(c.url);
    const nk = nameKey(c.name);
    let key: string;
    if (email) key = email;
    else if (handle || nk)
      key = index.match(handle, nk) ?? (handle ? linkedinKey(handle) : nameOnlyKey(nk as string));
    else {
      skipped.push({ line: c.line, reason: "no email address, LinkedIn profile or name" });
      continue;
    }
    const r = working(key);
    // What the file says now wins; what it leaves empty keeps what was known.
    r.name = c.name ?? r.name;
    r.company = c.company ?? r.company;
    r.position = c.position ?? r.position;
    r.url = c.url ?? r.url;
    if (c.source === "linkedin")
      r.evidence.linkedin = sameConnection({ connectedOn: c.connectedOn }, r.evidence.linkedin);
    else r.evidence.inAddressBook = true;
    index.add(r);
    seen.add(key);
  }

  // Rows kept without an email, folded into the row of their email now that one is known.
  for (let folded = true; folded; ) {
    folded = false;
    for (const n of [...index.byKey.values()].sort(byKey)) {
      if (emailOfKey(n.key) !== null) continue;
      const into = index.emailRowOf(n);
      if (!into) continue;
      const r = working(into);
      mergeInto(r, touched.get(n.key) ?? n);
      touched.delete(n.key);
      index.remove(n.key);
      index.add(r);
      if (known.has(n.key)) {
        deletes.add(n.key);
        known.add(into);
      }
      movedTo.set(n.key, into);
      folded = true;
    }
  }

  if (input.mail) {
    const fresh = new Map(input.mail.filter((m) => m.email !== owner).map((m) => [m.email, m]));
    for (const r of [...index.byKey.values()]) {
      if (!r.evidence.mail || fresh.has(r.key)) continue;
      working(r.key).evidence.mail = null;
    }
    for (const m of fresh.values()) {
      const r = working(m.email);
      r.name ??= m.name;
      r.evidence.mail = {
        sent: m.sent,
        received: m.received,
        sentPersonal: m.sentPersonal,
        meanOtherRecipients: m.meanOtherRecipients,
        lastSentAt: m.lastSentAt,
        lastReceivedAt: m.lastReceivedAt,
        firstAt: m.firstAt,
      };
      index.add(r);
      seen.add(m.email);
    }
  }

  const upserts: ContactRecord[] = [];
  for (const r of touched.values()) {
    if (!hasEvidence(r)) {
      if (known.has(r.key)) deletes.add(r.key);
      continue;
    }
    r.strength = clamp(input.score(edgeEvidence(r.evidence), input.now).score);
    upserts.push(r);
  }
  const final = new Set<string>();
  for (let k of seen) {
    while (movedTo.has(k)) k = movedTo.get(k) as string;
    final.add(k);
  }
  let imported = 0;
  for (const k of final) if (!known.has(k)) imported++;
  return { upserts, deletes: [...deletes], imported, updated: final.size - imported, skipped };
}

const byKey = (a: ContactRecord, b: ContactRecord) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

/** What row `from` knew, added to `into` (the same person under their email). */
function mergeInto(into: ContactRecord, from: ContactRecord) {
  into.name ??= from.name;
  into.company ??= from.company;
  into.position ??= from.position;
  into.url ??= from.url;
  into.hidden ||= from.hidden;
  into.evidence.linkedin = sameConnection(into.evidence.linkedin, from.evidence.linkedin);
  into.evidence.inAddressBook ||= from.evidence.inAddressBook;
  into.evidence.mail ??= from.evidence.mail;
  into.evidence.override ??= from.evidence.override;
}

const clamp = (n: number) => (Number.isFinite(n) ? Math.min(1, Math.max(0, n)) : 0);

type Connection = ContactRecord["evidence"]["linkedin"];

/** One LinkedIn connection seen twice: a known date is kept over none. */
function sameConnection(a: Connection, b: Connection): Connection {
  if (!a || !b) return a ?? b;
  return { connectedOn: a.connectedOn ?? b.connectedOn };
}
