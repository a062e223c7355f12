import type {
  Channel,
  Intro,
  Person,
  Role,
  Status,
  TimerName,
  TimerSpec,
} from "../domain/types.ts";
import type { StoredEvent } from "../domain/view.ts";
import type { ContactsStore } from "./contacts-store.ts";

/** An email waiting in (or sent from) the outbox. Everything needed to send it again identically. */
export interface OutboxMessage {
  /** Deterministic (intro, event, index), so a replayed transition collides instead of duplicating. */
  id: string;
  introId: string | null;
  /** Pre-assigned, random `<…@mail domain>`; every retry reuses it. */
  messageId: string;
  template: string;
  thread: string;
  from: Person;
  to: Person[];
  cc: Person[];
  replyTo: Person | null;
  inReplyTo: string | null;
  references: string[];
  /** Rendered at enqueue; one-click links are placeholders filled in at send time. */
  subject: string;
  text: string;
  html: string;
  /** Extra headers (Auto-Submitted, List-Unsubscribe…). */
  headers: Record<string, string>;
  /** A calendar invite to attach (METHOD:REQUEST or CANCEL), as ICS text. */
  ics: { method: "request" | "cancel"; content: string } | null;
  /** Preference category a recipient can turn off, or null for messages they cannot. */
  category: string | null;
  /** `skipped`: the recipient turned this kind of message off, or a reminder lapsed (its
   *  intro moved on before it went out; `lastError` says "cancelled: …"). */
  status: "pending" | "sent" | "failed" | "skipped";
  attempts: number;
  availableAt: number;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
}

export type NewOutboxMessage = Omit<
  OutboxMessage,
  "status" | "attempts" | "availableAt" | "lastError" | "sentAt" | "createdAt"
>;

/**
 * A one-click link, as its token resolves: the message it was sent in and what it does. Signed
 * tokens resolve from the token and that message; links sent before tokens were signed, from
 * the stored hash (`findActionToken`).
 */
export interface ActionToken {
  hash: string;
  outboxId: string;
  introId: string | null;
  email: string;
  action: string;
  expiresAt: number;
  usedAt: string | null;
}

/** What an inbound provider says it checked: SPF for the envelope domain, DKIM per signature. */
export interface ProviderChecks {
  spf?: { result: string; domain: string | null };
  dkim?: Array<{ result: string; domain: string | null }>;
}

/** A received message, stored raw before anything else happens to it. */
export interface InboundMessage {
  id: string;
  messageId: string | null;
  receivedAt: string;
  /** smtp, or the webhook it came through. */
  channel: string;
  mailFrom: string;
  rcptTo: string[];
  /** The connecting client's address and HELO, for SPF/DMARC. */
  remote: { ip: string; helo: string } | null;
  raw: Buffer;
  /** An inbound provider's own SPF/DKIM results, when it posted them beside the message. */
  checks?: ProviderChecks | null;
  status:
    | "received"
    | "processed"
    | "ignored"
    | "quarantined"
    | "duplicate"
    | "rejected"
    | "held"
    | "failed";
  introId: string | null;
  /** What was done, in words and data. */
  result: Record<string, unknown> | null;
  error: string | null;
}

/** A signed webhook post's (timestamp, token), as the provider sent them. */
export interface InboundSignature {
  provider: string;
  timestamp: string;
  token: string;
}

/**
 * What claiming a signature found: a new one, or a replay with the message its first post
 * stored (null while that post is still being processed).
 */
export type SignatureClaim = { fresh: true } | { fresh: false; inboundId: string | null };

/** A timer row as claimed by a sweep. */
export interface ClaimedTimer {
  id: string;
  introId: string;
  name: TimerName;
  n: number;
  dueAt: string;
}

/** Everything one state change writes, in one transaction. */
export interface Commit {
  /** The new state. `version` is the version it was read at (0 for a new intro). */
  intro: Intro;
  isNew: boolean;
  /**
   * The indexed fields as read, when known: a column whose value stays is not written, since
   * rewriting it would rewrite its index entries (SQLite does, even for the same value).
   */
  before?: Pick<Intro, "status" | "target" | "askedTargetAt">;
  event: {
    type: string;
    actor: string;
    channel: Channel;
    at: string;
    data: Record<string, unknown>;
  };
  outbox: NewOutboxMessage[];
  /** The complete set of timers the intro should now have pending. */
  timers: TimerSpec[];
}

export interface Claim {
  owner: string;
  /** Epoch milliseconds: the caller's clock, so tests and `--as-of` can move time. */
  now: number;
  leaseMs: number;
  limit: number;
}

/** What became of a received message; an absent field is left as it was. */
export interface InboundOutcome {
  introId?: string | null;
  result?: Record<string, unknown> | null;
  error?: string | null;
}

/** Reads and writes that may run inside a transaction. */
export interface StoreTx {
  /**
   * With `lock`, the row stays locked until the transaction ends (PostgreSQL FOR UPDATE); in a
   * transaction or a change it is read with its outbox threads, for the change's emails.
   */
  getIntro(id: string, opts?: { lock?: boolean }): Promise<Intro | null>;
  getIntroByThreadToken(token: string): Promise<Intro | null>;
  listEvents(introId: string): Promise<StoredEvent[]>;
  /** The histories of several intros in one query, keyed by intro id. */
  listEventsOf(introIds: string[]): Promise<Map<string, StoredEvent[]>>;
  /** Writes the state, its event, its outbox rows and its timers; refuses a stale version. */
  commit(c: Commit): Promise<Intro>;
  /** The messages already queued in one thread of an intro, oldest first (for threading). */
  threadMessages(
    introId: string,
    thread: string,
  ): Promise<Pick<OutboxMessage, "messageId" | "references" | "inReplyTo" | "subject">[]>;
  /**
   * Marks claimed timers done (fired or found stale); returns those this owner held, leaving any
   * another owner has taken over.
   */
  completeTimers(ids: string[], owner: string, at: Date): Promise<Set<string>>;
  /**
   * Several intros read for changes, each with its outbox threads, in one query; locked (in id
   * order) in a PostgreSQL transaction, as `getIntro(id, { lock: true })` does for one.
   */
  getIntrosForChange(ids: string[]): Promise<Map<string, Intro>>;
  upsertPerson(p: Person, at: Date): Promise<void>;
  /**
   * Holds a person until the transaction ends, so that changes which count what was asked of them
   * run one after the other (PostgreSQL: an advisory lock on the address; a SQLite transaction
   * already excludes every other writer). Only inside `transaction`.
   */
  lockPerson(email: string): Promise<void>;
  getPrefs(email: string): Promise<Record<string, unknown>>;
  listIntros(q: IntroQuery): Promise<Intro[]>;
  /**
   * How many consent requests each target received since `since` (ISO time), across every
   * introducer, counted by the database; `except` leaves out one intro (the one asking now).
   * Targets asked nothing are absent.
   */
  countAsks(q: { targets: string[]; since: string; except?: string }): Promise<Map<string, number>>;
  /** Records that a received Message-ID changed something; false if it already had. */
  markApplied(messageId: string, inboundId: string, at: Date): Promise<boolean>;
  /** What was done with a received message (in the change's own transaction when it made one). */
  setInboundStatus(
    id: string,
    status: InboundMessage["status"],
    info: InboundOutcome,
  ): Promise<void>;
  /** Spends a one-click token (by hash); false if it was already spent (single use, race-free). */
  useActionToken(hash: string, at: Date): Promise<boolean>;
  /** Queues messages that belong to no intro, in the transaction. */
  enqueueNotices(messages: NewOutboxMessage[], at: Date): Promise<void>;
}

export interface IntroQuery {
  email?: string;
  role?: Role;
  status?: Status;
  /** Only intros made (the target said yes) or reported on. */
  made?: boolean;
  limit?: number;
  offset?: number;
}

/** What a change may read while it decides its commit; it is given nothing that writes. */
export type ChangeReads = Pick<StoreTx, "getIntro" | "getPrefs" | "threadMessages">;

/** A requester's record so far, across every introducer: the intros they sent (drafts aside). */
export interface RequesterRecord {
  total: number;
  completed: number;
  thanked: number;
  stalled: number;
  withdrawn: number;
}

/** An introducer's intros counted (drafts aside): the funnel, and the intros they made. */
export interface IntroducerCounts {
  funnel: {
    requested: number;
    asked: number;
    accepted: number;
    /** Reached `introduced` or a later status. */
    introduced: number;
    /** Met or completed, or reported as having happened. */
    met: number;
    thanked: number;
  };
  /** Made: the target said yes, or someone reported back. */
  made: {
    total: number;
    reported: number;
    great: number;
    fine: number;
    didNotHappen: number;
    /** The target told the introducer how it went. */
    targetTold: number;
  };
}

/** One target of an introducer's intros: asked by them, and said yes. */
export interface TargetTally {
  name: string;
  email: string | null;
  asked: number;
  yes: number;
}

/** The persistence boundary. Implemented once with Kysely for SQLite and PostgreSQL. */
export interface Store extends StoreTx {
  readonly kind: "sqlite" | "postgres";
  /** Members' contacts and their consent to be shown as a path (warm paths). */
  readonly contacts: ContactsStore;
  /**
   * Runs `fn` in one transaction: every write made through `tx` commits together or not at all.
   * Use it for a change with writes of its own beside the commit (spending a one-click token,
   * marking a message applied, holding a target while their asks are counted).
   */
  transaction<T>(fn: (tx: StoreTx) => Promise<T>): Promise<T>;
  /**
   * One change to one intro whose only write is its commit. `decide` gets reads only (the intro
   * with `getIntro(id, { lock: true })`, preferences, its threads) and returns the Commit to write,
   * or null to write nothing; the result is the intro as committed, or null. SQLite runs it as a
   * transaction. PostgreSQL reads without a lock and commits in one statement of its own, which
   * fails with CONFLICT if the intro changed since it was read (the version check); that saves the
   * BEGIN and COMMIT round trips.
   */
  changeIntro(decide: (reads: ChangeReads) => Promise<Commit | null>): Promise<Intro | null>;
  /** Brings the schema up to date; returns the names of the migrations it ran. */
  migrate(): Promise<string[]>;
  ping(): Promise<void>;
  close(): Promise<void>;
  countIntros(): Promise<number>;
  /** A requester's record, counted by the database over every intro they sent. */
  requesterRecord(email: string): Promise<RequesterRecord>;
  /** An introducer's funnel and outcomes, counted by the database over every intro of theirs. */
  introducerCounts(email: string): Promise<IntroducerCounts>;
  /** Each target of an introducer's intros, newest first, with how many were asked and said yes. */
  introducerTargets(email: string): Promise<TargetTally[]>;
  /**
   * Who asked a target since `since` (ISO time): each introducer, by the name they are known by,
   * with how many asks, most first. For the introducer who is about to ask them (triage).
   */
  asksThrough(
    target: string,
    since: string,
  ): Promise<Array<{ email: string; name: string; asks: number }>>;
  /**
   * A requester's open requests (sent, neither settled nor a draft) to `target`, newest first:
   * only those where the requester gave that address themselves, so no address an introducer
   * added is ever confirmed to them.
   */
  openRequestsTo(
    requester: string,
    target: string,
  ): Promise<Array<{ id: string; introducer: string; status: Status }>>;
  /** Leases up to `limit` due pending messages; each is handed to one owner at a time. */
  claimOutbox(c: Claim): Promise<OutboxMessage[]>;
  /** Queues messages that belong to no intro (replies to intake, sign-in links). */
  enqueue(messages: NewOutboxMessage[], at: Date): Promise<void>;
  markOutboxSent(id: string, owner: string, at: Date): Promise<void>;
  markOutboxRetry(id: string, owner: string, availableAt: number, error: string): Promise<void>;
  markOutboxFailed(id: string, owner: string, error: string): Promise<void>;
  markOutboxSkipped(id: string, owner: string, reason: string): Promise<void>;
  listOutbox(q: {
    id?: string;
    introId?: string;
    status?: OutboxMessage["status"];
  }): Promise<OutboxMessage[]>;
  /**
   * A string that changes whenever anything `getIntroWithHistory` returns changes: the intro's
   * version, and the delivery state of its emails. Null when there is no such intro.
   */
  getIntroRevision(id: string): Promise<string | null>;
  /** An intro, its history and its emails' summaries, read together (one query). */
  getIntroWithHistory(id: string): Promise<{
    intro: Intro;
    revision: string;
    events: StoredEvent[];
    /** Each of its messages without the body: who it went to and how delivery went. */
    emails: Array<
      Pick<OutboxMessage, "id" | "template" | "status" | "sentAt" | "lastError" | "to" | "cc">
    >;
  } | null>;
  outboxBacklog(): Promise<{ pending: number; failed: number }>;
  /** Leases up to `limit` timers due at `now`. */
  claimTimers(c: Claim): Promise<ClaimedTimer[]>;
  /** A value shared by all instances, created once (the first writer wins). */
  setting(key: string, create: () => string): Promise<string>;
  /** A setting's value, or null. */
  getSetting(key: string): Promise<string | null>;
  /** Sets a setting, replacing its value. */
  putSetting(key: string, value: string): Promise<void>;
  /** A link sent before tokens were signed, by its token's hash (read-only; none are made now). */
  findActionToken(hash: string): Promise<ActionToken | null>;
  /** When a one-click token (by hash) was spent, or null. */
  tokenSpentAt(hash: string): Promise<string | null>;
  /**
   * Sets the given preferences and leaves the others as they are, merged by the database in one
   * statement, so two writers who each change one preference at the same moment both keep theirs.
   * A null value removes that preference.
   */
  updatePrefs(email: string, patch: Record<string, unknown>, at: Date): Promise<void>;
  insertInbound(m: Omit<InboundMessage, "status" | "introId" | "result" | "error">): Promise<void>;
  getInbound(id: string): Promise<InboundMessage | null>;
  listInbound(q: { status?: InboundMessage["status"]; limit?: number }): Promise<InboundMessage[]>;
  /** Which outbox messages (and so which intros) these Message-IDs belong to. */
  findOutboxByMessageIds(
    ids: string[],
  ): Promise<Array<{ id: string; introId: string | null; messageId: string; thread: string }>>;
  /**
   * Records a signed webhook post as seen, on first sight only (a unique key, so it holds across
   * restarts and instances), after forgetting signatures whose timestamp (epoch ms) is before
   * `forgetBefore`: those are refused as stale anyway.
   */
  claimInboundSignature(
    sig: InboundSignature,
    timestampMs: number,
    forgetBefore: number,
  ): Promise<SignatureClaim>;
  /** Names the message a claimed post stored; with null, releases the claim so a retry passes. */
  settleInboundSignature(sig: InboundSignature, inboundId: string | null): Promise<void>;
  insertApiToken(t: { hash: string; email: string; label: string; at: Date }): Promise<void>;
  findApiToken(hash: string): Promise<{ email: string } | null>;
  /** Someone's API tokens, newest first: hashes and labels (the tokens are never stored). */
  listApiTokens(
    email: string,
  ): Promise<Array<{ hash: string; label: string; createdAt: string; lastUsedAt: string | null }>>;
  /** Deletes the given token hashes; how many there were. */
  deleteApiTokens(hashes: string[]): Promise<number>;
  /** Records when a token was last used. */
  touchApiToken(hash: string, at: Date): Promise<void>;
}
