import type { Generated } from "kysely";

/** Row types of the database. They stay inside src/store: the Store interface speaks app terms. */
export interface Database {
  people: { email: string; name: string; prefs: string; created_at: string };
  intros: {
    id: string;
    status: string;
    requester_email: string;
    introducer_email: string;
    target_email: string | null;
    /** When the target was asked for consent (the doc's askedTargetAt), for counting asks. */
    asked_target_at: string | null;
    thread_token: string;
    version: number;
    /** The whole domain Intro as JSON; the columns above are copies for indexing. */
    doc: string;
    created_at: string;
    updated_at: string;
    /** Bumped by a trigger whenever one of the intro's emails changes delivery state. */
    outbox_rev: Generated<number>;
  };
  intro_events: {
    intro_id: string;
    seq: number;
    type: string;
    actor: string;
    channel: string;
    at: string;
    data: string;
  };
  outbox: {
    id: string;
    intro_id: string | null;
    message_id: string;
    template: string;
    status: string;
    attempts: Generated<number>;
    available_at: number;
    lease_owner: string | null;
    lease_until: number | null;
    last_error: string | null;
    created_at: string;
    sent_at: string | null;
    payload: string;
    thread: string | null;
    /** JSON of OutboxMeta: what threading and listings read. */
    meta: string | null;
  };
  timers: {
    id: string;
    intro_id: string;
    name: string;
    n: number;
    due_at: number;
    status: string;
    lease_owner: string | null;
    lease_until: number | null;
    fired_at: string | null;
  };
  settings: { key: string; value: string };
  inbound_messages: {
    id: string;
    message_id: string | null;
    received_at: string;
    channel: string;
    mail_from: string;
    rcpt_to: string;
    remote: string;
    raw: Uint8Array;
    status: string;
    intro_id: string | null;
    result: string | null;
    error: string | null;
    checks: string | null;
  };
  inbound_applied: { message_id: string; inbound_id: string; at: string };
  action_tokens: {
    hash: string;
    outbox_id: string;
    intro_id: string | null;
    email: string;
    action: string;
    expires_at: number;
    used_at: string | null;
    created_at: string;
  };
  spent_tokens: {
    hash: string;
    used_at: string;
  };
  api_tokens: {
    hash: string;
    email: string;
    label: string;
    created_at: string;
    last_used_at: string | null;
  };
}
