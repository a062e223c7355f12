import { type Kysely, PostgresAdapter, sql } from "kysely";

/**
 * Migration 0011_contacts: members' contacts and their consent to be shown as a path. Kept in
 * its own file; once released, never edited (append a new migration instead).
 *
 * One row per (member, contact), keyed by the contact's email (else `li:<handle>`, else
 * `name:<name>`), holding what the member's files say about them (the evidence strength is
 * computed from) and the strength as of the last write. `shared` copies the member's consent
 * (path_sharing) onto each row, so that the indexes that answer "who knows X" hold only the rows
 * of members who agreed to be shown, and no hidden ones: a lookup costs what it returns.
 */
export async function createContactTables(db: Kysely<unknown>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  // SQLite: the table is its primary key's b-tree (WITHOUT ROWID), so a member's own contacts
  // are read in one range, and the indexes below carry (owner, key) instead of a rowid.
  await sql`create table contacts (
    owner_email text not null,
    key text not null,
    name text,
    name_key text,
    company text,
    company_key text,
    position text,
    url text,
    linkedin integer not null default 0,
    connected_on text,
    in_book integer not null default 0,
    mail_sent integer,
    mail_received integer,
    mail_personal integer,
    mail_others double precision,
    mail_last_sent text,
    mail_last_received text,
    mail_first text,
    override double precision,
    hidden integer not null default 0,
    shared integer not null default 0,
    strength double precision not null,
    primary key (owner_email, key)
  )${sql.raw(pg ? "" : " without rowid")}`.execute(db);
  const visible = sql.raw("shared = 1 and hidden = 0");
  await sql`create index contacts_by_key on contacts (key, strength desc) where ${visible}`.execute(
    db,
  );
  await sql`create index contacts_by_name on contacts (name_key, strength desc)
    where ${visible} and name_key is not null`.execute(db);
  await sql`create index contacts_by_company on contacts (company_key, strength desc)
    where ${visible} and company_key is not null`.execute(db);
  // A member's own list, strongest first.
  await sql`create index contacts_by_owner on contacts (owner_email, strength desc)`.execute(db);
  // Members who agreed to be shown as a path to the people they know (absent: not shown).
  await sql`create table path_sharing (email text primary key, since text not null)`.execute(db);
}
