import { type Kysely, type Migration, type MigrationProvider, PostgresAdapter, sql } from "kysely";
import { createContactTables } from "./contacts-tables.ts";

/**
 * Versioned migrations, in code so they ship with the package. Append new ones; never edit one
 * that has been released. Each runs in a transaction on both SQLite and PostgreSQL.
 */
const migrations: Record<string, Migration> = {
  "0001_initial": {
    // Migrations must not depend on today's schema types, which change with later migrations.
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("people")
        .addColumn("email", "text", (c) => c.primaryKey())
        .addColumn("name", "text", (c) => c.notNull())
        .addColumn("prefs", "text", (c) => c.notNull().defaultTo("{}"))
        .addColumn("created_at", "text", (c) => c.notNull())
        .execute();

      await db.schema
        .createTable("intros")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("status", "text", (c) => c.notNull())
        .addColumn("requester_email", "text", (c) => c.notNull())
        .addColumn("introducer_email", "text", (c) => c.notNull())
        .addColumn("target_email", "text")
        .addColumn("thread_token", "text", (c) => c.notNull().unique())
        .addColumn("version", "integer", (c) => c.notNull())
        .addColumn("doc", "text", (c) => c.notNull())
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("updated_at", "text", (c) => c.notNull())
        .execute();
      for (const col of ["requester_email", "introducer_email", "target_email", "status"]) {
        await db.schema.createIndex(`intros_${col}_idx`).on("intros").column(col).execute();
      }

      await db.schema
        .createTable("intro_events")
        .addColumn("intro_id", "text", (c) => c.notNull().references("intros.id"))
        .addColumn("seq", "integer", (c) => c.notNull())
        .addColumn("type", "text", (c) => c.notNull())
        .addColumn("actor", "text", (c) => c.notNull())
        .addColumn("channel", "text", (c) => c.notNull())
        .addColumn("at", "text", (c) => c.notNull())
        .addColumn("data", "text", (c) => c.notNull())
        .addPrimaryKeyConstraint("intro_events_pk", ["intro_id", "seq"])
        .execute();

      await db.schema
        .createTable("outbox")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("intro_id", "text", (c) => c.references("intros.id"))
        .addColumn("message_id", "text", (c) => c.notNull().unique())
        .addColumn("template", "text", (c) => c.notNull())
        .addColumn("status", "text", (c) => c.notNull())
        .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
        .addColumn("available_at", "bigint", (c) => c.notNull())
        .addColumn("lease_owner", "text")
        .addColumn("lease_until", "bigint")
        .addColumn("last_error", "text")
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("sent_at", "text")
        .addColumn("payload", "text", (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex("outbox_due_idx")
        .on("outbox")
        .columns(["status", "available_at"])
        .execute();
      await db.schema.createIndex("outbox_intro_idx").on("outbox").column("intro_id").execute();

      await db.schema
        .createTable("timers")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("intro_id", "text", (c) => c.notNull().references("intros.id"))
        .addColumn("name", "text", (c) => c.notNull())
        .addColumn("n", "integer", (c) => c.notNull())
        .addColumn("due_at", "bigint", (c) => c.notNull())
        .addColumn("status", "text", (c) => c.notNull())
        .addColumn("lease_owner", "text")
        .addColumn("lease_until", "bigint")
        .addColumn("fired_at", "text")
        .execute();
      // The sweep reads only due rows, so its cost follows the due timers, not all intros.
      await db.schema
        .createIndex("timers_due_idx")
        .on("timers")
        .columns(["status", "due_at"])
        .execute();
      await db.schema.createIndex("timers_intro_idx").on("timers").column("intro_id").execute();

      await db.schema
        .createTable("api_tokens")
        .addColumn("hash", "text", (c) => c.primaryKey())
        .addColumn("email", "text", (c) => c.notNull())
        .addColumn("label", "text", (c) => c.notNull())
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("last_used_at", "text")
        .execute();
      await db.schema
        .createIndex("api_tokens_email_idx")
        .on("api_tokens")
        .column("email")
        .execute();
    },
  },
  "0002_links_and_settings": {
    async up(db: Kysely<unknown>) {
      // Instance-wide settings shared by every instance, e.g. the secret that signs email links.
      await db.schema
        .createTable("settings")
        .addColumn("key", "text", (c) => c.primaryKey())
        .addColumn("value", "text", (c) => c.notNull())
        .execute();
      // One-click links in emails: stored hashed, tied to (intro, person, action), single-use.
      await db.schema
        .createTable("action_tokens")
        .addColumn("hash", "text", (c) => c.primaryKey())
        .addColumn("outbox_id", "text", (c) => c.notNull())
        .addColumn("intro_id", "text", (c) => c.references("intros.id"))
        .addColumn("email", "text", (c) => c.notNull())
        .addColumn("action", "text", (c) => c.notNull())
        .addColumn("expires_at", "bigint", (c) => c.notNull())
        .addColumn("used_at", "text")
        .addColumn("created_at", "text", (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex("action_tokens_intro_idx")
        .on("action_tokens")
        .column("intro_id")
        .execute();
    },
  },
  "0004_inbound": {
    async up(db: Kysely<unknown>) {
      const pg = db.getExecutor().adapter instanceof PostgresAdapter;
      // Every received message is stored raw first, then processed; a failure stays visible.
      await db.schema
        .createTable("inbound_messages")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("message_id", "text")
        .addColumn("received_at", "text", (c) => c.notNull())
        .addColumn("channel", "text", (c) => c.notNull())
        .addColumn("mail_from", "text", (c) => c.notNull())
        .addColumn("rcpt_to", "text", (c) => c.notNull())
        .addColumn("remote", "text", (c) => c.notNull())
        .addColumn("raw", pg ? "bytea" : "blob", (c) => c.notNull())
        .addColumn("status", "text", (c) => c.notNull())
        .addColumn("intro_id", "text")
        .addColumn("result", "text")
        .addColumn("error", "text")
        .execute();
      await db.schema
        .createIndex("inbound_message_id_idx")
        .on("inbound_messages")
        .column("message_id")
        .execute();
      await db.schema
        .createIndex("inbound_status_idx")
        .on("inbound_messages")
        .column("status")
        .execute();
      // One row per Message-ID that changed something: written in the same transaction as the
      // change, so a second delivery of the same message cannot apply it again.
      await db.schema
        .createTable("inbound_applied")
        .addColumn("message_id", "text", (c) => c.primaryKey())
        .addColumn("inbound_id", "text", (c) => c.notNull())
        .addColumn("at", "text", (c) => c.notNull())
        .execute();
    },
  },
  "0003_web_sessions": {
    async up(db: Kysely<unknown>) {
      // Web sessions: the cookie carries the id; only its hash is stored, with the CSRF token.
      await db.schema
        .createTable("web_sessions")
        .addColumn("hash", "text", (c) => c.primaryKey())
        .addColumn("email", "text", (c) => c.notNull())
        .addColumn("csrf", "text", (c) => c.notNull())
        .addColumn("expires_at", "bigint", (c) => c.notNull())
        .addColumn("created_at", "text", (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex("web_sessions_email_idx")
        .on("web_sessions")
        .column("email")
        .execute();
      // Magic sign-in links: single-use, expiring, stored hashed.
      await db.schema
        .createTable("magic_links")
        .addColumn("hash", "text", (c) => c.primaryKey())
        .addColumn("email", "text", (c) => c.notNull())
        .addColumn("expires_at", "bigint", (c) => c.notNull())
        .addColumn("used_at", "text")
        .addColumn("created_at", "text", (c) => c.notNull())
        .execute();
      // Fixed-window counters for sign-in attempts, per address and per IP.
      await db.schema
        .createTable("rate_limits")
        .addColumn("key", "text", (c) => c.primaryKey())
        .addColumn("window_start", "bigint", (c) => c.notNull())
        .addColumn("count", "integer", (c) => c.notNull())
        .execute();
    },
  },
  "0005_outbox_meta": {
    async up(db: Kysely<unknown>) {
      // The thread and the few fields threading and listings need, beside the rendered message,
      // so reading them does not parse every stored body.
      await db.schema.alterTable("outbox").addColumn("thread", "text").execute();
      await db.schema.alterTable("outbox").addColumn("meta", "text").execute();
      await db.schema
        .createIndex("outbox_intro_thread_idx")
        .on("outbox")
        .columns(["intro_id", "thread"])
        .execute();
    },
  },
  "0006_inbound_signatures": {
    async up(db: Kysely<unknown>) {
      // Signed webhook posts already received (Mailgun's timestamp and token): a replay is
      // recognised after a restart and on every instance. Rows are forgotten once the
      // signature's timestamp is outside the accepted window.
      await db.schema
        .createTable("inbound_signatures")
        .addColumn("provider", "text", (c) => c.notNull())
        .addColumn("timestamp", "text", (c) => c.notNull())
        .addColumn("token", "text", (c) => c.notNull())
        .addColumn("ts_ms", "bigint", (c) => c.notNull())
        .addColumn("inbound_id", "text")
        .addPrimaryKeyConstraint("inbound_signatures_pk", ["provider", "timestamp", "token"])
        .execute();
      await db.schema
        .createIndex("inbound_signatures_ts_idx")
        .on("inbound_signatures")
        .column("ts_ms")
        .execute();
    },
  },
  "0007_drop_unneeded_indexes": {
    async up(db: Kysely<unknown>) {
      // Every change writes outbox and link rows, and every index on them is one more page to
      // write. outbox(intro_id) is the prefix of outbox(intro_id, thread), which serves the same
      // queries; nothing looks action_tokens up by intro (only by hash), and intros are never
      // deleted, so their foreign key needs no index on this side either.
      await db.schema.dropIndex("outbox_intro_idx").ifExists().execute();
      await db.schema.dropIndex("action_tokens_intro_idx").ifExists().execute();
    },
  },
  "0008_outbox_body_last": {
    async up(db: Kysely<unknown>) {
      // SQLite stores a row's columns in order, and a value too big for the page spills into a
      // chain of overflow pages. `thread` and `meta` were added after `payload` (the rendered
      // email), so reading them walked that chain: every intro page, API read and threaded
      // reply read each of the intro's emails from disk. The table is rebuilt with the body
      // last. PostgreSQL keeps large values out of line already, so it has nothing to do.
      if (db.getExecutor().adapter instanceof PostgresAdapter) return;
      const cols = sql.raw(`id, intro_id, message_id, template, status, attempts, available_at,
        lease_owner, lease_until, last_error, created_at, sent_at, thread, meta, payload`);
      await sql`create table outbox_new (
        id text primary key,
        intro_id text references intros (id),
        message_id text not null unique,
        template text not null,
        status text not null,
        attempts integer not null default 0,
        available_at bigint not null,
        lease_owner text,
        lease_until bigint,
        last_error text,
        created_at text not null,
        sent_at text,
        thread text,
        meta text,
        payload text not null
      )`.execute(db);
      await sql`insert into outbox_new (${cols}) select ${cols} from outbox`.execute(db);
      await sql`drop table outbox`.execute(db);
      await sql`alter table outbox_new rename to outbox`.execute(db);
      await db.schema
        .createIndex("outbox_due_idx")
        .on("outbox")
        .columns(["status", "available_at"])
        .execute();
      await db.schema
        .createIndex("outbox_intro_thread_idx")
        .on("outbox")
        .columns(["intro_id", "thread"])
        .execute();
    },
  },
  "0009_outbox_revision": {
    async up(db: Kysely<unknown>) {
      // An intro's page shows how each of its emails fared, which changes without a new intro
      // version (sent, retried, failed). The intro row counts those changes, so one small read
      // tells whether a view computed earlier is still true. A trigger keeps the count, so no
      // code path can forget it. New outbox rows come with their intro's version change.
      await db.schema
        .alterTable("intros")
        .addColumn("outbox_rev", "integer", (c) => c.notNull().defaultTo(0))
        .execute();
      if (db.getExecutor().adapter instanceof PostgresAdapter) {
        await sql`create function vouch_bump_outbox_rev() returns trigger language plpgsql as $$
          begin
            update intros set outbox_rev = outbox_rev + 1 where id = new.intro_id;
            return null;
          end $$`.execute(db);
        await sql`create trigger outbox_rev after update of status, sent_at, last_error on outbox
          for each row when (new.intro_id is not null
            and (old.status, old.sent_at, old.last_error)
              is distinct from (new.status, new.sent_at, new.last_error))
          execute function vouch_bump_outbox_rev()`.execute(db);
        return;
      }
      await sql`create trigger outbox_rev after update of status, sent_at, last_error on outbox
        for each row when new.intro_id is not null
          and (old.status is not new.status or old.sent_at is not new.sent_at
            or old.last_error is not new.last_error)
        begin
          update intros set outbox_rev = outbox_rev + 1 where id = new.intro_id;
        end`.execute(db);
    },
  },
  "0010_inbound_checks": {
    async up(db: Kysely<unknown>) {
      // An inbound provider's own SPF/DKIM results come beside the message, not in it: kept with
      // the raw message so a retry decides on the same evidence.
      await db.schema.alterTable("inbound_messages").addColumn("checks", "text").execute();
    },
  },
  "0011_contacts": { up: (db) => createContactTables(db) },
  // Each role's intros newest first, in a status or not, from the index (store/page-queries.ts).
  "0011_intro_list_indexes": { up: addIntroListIndexes },
  "0012_intro_asked_at": {
    async up(db: Kysely<unknown>) {
      // When the target was asked, beside the target's address in one index: the asks a target
      // received in a window (their monthly maximum, the deployment's budget, the triage line)
      // are counted by the database from that index, at the cost of what it counts. It replaces
      // the index on the address alone, so a change writes no more index entries than before.
      await db.schema.alterTable("intros").addColumn("asked_target_at", "text").execute();
      const asked =
        db.getExecutor().adapter instanceof PostgresAdapter
          ? sql`doc::jsonb ->> 'askedTargetAt'`
          : sql`json_extract(doc, '$.askedTargetAt')`;
      await sql`update intros set asked_target_at = ${asked} where target_email is not null`.execute(
        db,
      );
      await db.schema.dropIndex("intros_target_email_idx").ifExists().execute();
      await db.schema
        .createIndex("intros_target_asked_idx")
        .on("intros")
        .columns(["target_email", "asked_target_at"])
        .execute();
    },
  },
  "0012_spent_tokens": {
    async up(db: Kysely<unknown>) {
      // One-click tokens are signed now: a change writes no row per link, and only a token that
      // was spent is remembered, by its hash (single use is this table's key). action_tokens
      // stays, read-only, for links sent before.
      const sqlite = !(db.getExecutor().adapter instanceof PostgresAdapter);
      await db.schema
        .createTable("spent_tokens")
        .addColumn("hash", "text", (c) => c.primaryKey())
        .addColumn("used_at", "text", (c) => c.notNull())
        .$call((t) => (sqlite ? t.modifyEnd(sql`without rowid`) : t))
        .execute();
    },
  },
  "0013_clustered_events_and_timers": {
    async up(db: Kysely<unknown>) {
      // On SQLite an event and a timer are small rows with a text key, which a rowid table
      // stores twice (the table, then its key's index), so every insert wrote two scattered
      // pages. WITHOUT ROWID keeps each row in its key's B-tree only. PostgreSQL's tables are
      // heaps with a separate key index either way.
      // A timer's id starts with its intro's id (commit-intro.ts): the key clusters by intro.
      // The id keeps the first 16 characters of the hash it was, so it is the id the code now
      // gives that timer.
      const newId = sql`case when id like '%:%' then id else intro_id || ':' || substr(id, 1, 16) end`;
      if (db.getExecutor().adapter instanceof PostgresAdapter) {
        await sql`update timers set id = ${newId}`.execute(db);
        return;
      }
      await sql`create table intro_events_new (
        intro_id text not null references intros (id), seq integer not null, type text not null,
        actor text not null, channel text not null, at text not null, data text not null,
        constraint intro_events_pk primary key (intro_id, seq)) without rowid`.execute(db);
      await sql`insert into intro_events_new select intro_id, seq, type, actor, channel, at, data
        from intro_events`.execute(db);
      await sql`drop table intro_events`.execute(db);
      await sql`alter table intro_events_new rename to intro_events`.execute(db);
      await sql`create table timers_new (
        id text primary key, intro_id text not null references intros (id), name text not null,
        n integer not null, due_at bigint not null, status text not null, lease_owner text,
        lease_until bigint, fired_at text) without rowid`.execute(db);
      await sql`insert into timers_new select ${newId}, intro_id, name, n, due_at, status, lease_owner,
        lease_until, fired_at from timers`.execute(db);
      await sql`drop table timers`.execute(db);
      await sql`alter table timers_new rename to timers`.execute(db);
      // Only pending timers are looked for by due time (a sweep), so only they are indexed:
      // the index stays as small as what is pending, and a fired timer leaves it. An intro's
      // timers are found by their id's prefix (the key), so they need no index of their own.
      await sql`create index timers_due_idx on timers (due_at) where status = 'pending'`.execute(
        db,
      );
    },
  },
};

/**
 * Migration: each role's intros read newest first, in a status or not, from the index alone (the
 * introducer's with the target's address, which insights group by). These replace the three
 * one-column address indexes, which they start with, and the one on status: only listing every
 * intro of a status (the operator's CLI) used it. A change of status rewrites an entry in each
 * of the three, about one WAL page more per transition than before on SQLite (30.8 for a forward,
 * was 29.6), for pages that cost what they show.
 */
async function addIntroListIndexes(db: Kysely<unknown>): Promise<void> {
  for (const role of ["requester", "introducer", "target"]) {
    const columns = [`${role}_email`, "status", "created_at", "id"];
    if (role === "introducer") columns.push("target_email");
    await db.schema.createIndex(`intros_${role}_list_idx`).on("intros").columns(columns).execute();
    await db.schema.dropIndex(`intros_${role}_email_idx`).ifExists().execute();
  }
  await db.schema.dropIndex("intros_status_idx").ifExists().execute();
}

export const migrationProvider: MigrationProvider = {
  async getMigrations() {
    return migrations;
  },
};
