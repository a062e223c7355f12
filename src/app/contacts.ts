import { emailOfKey } from "../contacts/contact-key.ts";
import type { ContactRecord } from "../contacts/contact-record.ts";
import {
  type ImportInput,
  type MailInteractionsItem,
  parseContacts,
} from "../contacts/import/index.ts";
import { planImport } from "../contacts/plan-import.ts";
import { strengthOf } from "../contacts/strength.ts";
import type {
  ImportedContact,
  ImportFormat,
  ImportItem,
  MailInteraction,
  SkippedLine,
  Strength,
} from "../contacts/types.ts";
import { VouchError } from "../domain/errors.ts";
import { normalizeEmail } from "../domain/person.ts";
import type { AppDeps } from "./deps.ts";
import { detectImportFormat } from "./import-format.ts";

/** What `vouch contacts import` prints (INTERFACES.md). */
export interface ImportSummary {
  imported: number;
  updated: number;
  skipped: SkippedLine[];
}

export interface ImportRequest {
  /** The member whose contacts these are. */
  owner: string;
  /** Told, or found from the file's first bytes and its name. */
  format?: ImportFormat | undefined;
  input: ImportInput;
  fileName?: string | undefined;
  /** Bytes of the file read so far, now and then (for a progress bar). */
  onProgress?: ((bytes: number) => void) | undefined;
}

/** At most this many contacts in one file: a real export has tens of thousands at most. */
export const MAX_IMPORT_CONTACTS = 250_000;
/** A file with more bad lines than this lists the first ones only. */
const MAX_SKIPPED_LISTED = 1000;

/** What a parser streams: ImportItems, and at the end of an mbox its correspondents. */
export type ParsedItem = ImportItem | Pick<MailInteractionsItem, "kind" | "interactions">;

/**
 * Imports one export file into a member's contacts: read whole first (a file that cannot be read
 * keeps nothing), then merged into what they had and written in one transaction. Re-importing a
 * file updates the same contacts; an mbox replaces the mail the member imported before.
 */
export async function importContacts(deps: AppDeps, req: ImportRequest): Promise<ImportSummary> {
  const owner = normalizeEmail(req.owner, "owner");
  const { format, input } = await detectImportFormat(req.input, req.format, req.fileName);
  return importItems(
    deps,
    owner,
    parseContacts(input, format, { ownerEmails: [owner] }),
    req.onProgress,
  );
}

/** Imports what a parser streams (the half of importContacts after the parser). */
export async function importItems(
  deps: AppDeps,
  owner: string,
  items: AsyncIterable<ParsedItem>,
  onProgress?: (bytes: number) => void,
): Promise<ImportSummary> {
  const contacts: ImportedContact[] = [];
  const skipped: SkippedLine[] = [];
  let mail: MailInteraction[] | undefined;
  for await (const item of items) {
    if (item.kind === "contact") {
      if (contacts.length >= MAX_IMPORT_CONTACTS)
        throw new VouchError(
          "TOO_LARGE",
          `This file has more than ${MAX_IMPORT_CONTACTS} contacts; split it and import each part`,
          { field: "file", limit: MAX_IMPORT_CONTACTS },
        );
      contacts.push(item.contact);
    } else if (item.kind === "skip") skipped.push(item.skip);
    else if (item.kind === "progress") onProgress?.(item.bytes);
    else mail = item.interactions;
  }
  const now = deps.now();
  // The member is a person of this deployment from now on (a path result names them).
  await deps.store.upsertPerson({ name: owner.split("@")[0] ?? owner, email: owner }, now);
  const plan = await deps.store.contacts.change(owner, (existing) =>
    planImport({ owner, existing, contacts, ...(mail ? { mail } : {}), now, score: strengthOf }),
  );
  const all = [...skipped, ...plan.skipped].sort((a, b) => a.line - b.line);
  return {
    imported: plan.imported,
    updated: plan.updated,
    skipped: all.slice(0, MAX_SKIPPED_LISTED),
  };
}

/** A member's own contact, as their own list shows it: strength and its reasons, now. */
export interface MyContact {
  key: string;
  name: string | null;
  /** The address, when the contact is kept by one. */
  email: string | null;
  company: string | null;
  position: string | null;
  url: string | null;
  strength: number;
  reasons: string[];
  /** The member set the strength themselves. */
  corrected: boolean;
  hidden: boolean;
}

export function myContact(r: ContactRecord, now: Date): MyContact {
  const s: Strength = strengthOf({ ...r.evidence, vouch: null }, now);
  return {
    key: r.key,
    name: r.name,
    email: emailOfKey(r.key),
    company: r.company,
    position: r.position,
    url: r.url,
    strength: Math.round(s.score * 100) / 100,
    reasons: s.reasons,
    corrected: r.evidence.override !== null,
    hidden: r.hidden,
  };
}

export const MY_CONTACTS_PAGE = 50;

/** A member's own contacts, strongest first, a page at a time; only they ever see this list. */
export async function listMyContacts(
  deps: AppDeps,
  owner: string,
  page: number,
): Promise<{ contacts: MyContact[]; total: number; page: number; more: boolean }> {
  const o = normalizeEmail(owner, "owner");
  const p = Math.max(0, Math.floor(page) || 0);
  const [rows, total] = await Promise.all([
    deps.store.contacts.listContacts(o, {
      limit: MY_CONTACTS_PAGE,
      offset: p * MY_CONTACTS_PAGE,
    }),
    deps.store.contacts.countContacts(o),
  ]);
  const now = deps.now();
  return {
    contacts: rows.map((r) => myContact(r, now)),
    total,
    page: p,
    more: (p + 1) * MY_CONTACTS_PAGE < total,
  };
}

/**
 * A member's correction of one contact: their own strength (0..1, or null to go back to the
 * formula) and whether it is hidden (never a path, whoever searches).
 */
export async function correctContact(
  deps: AppDeps,
  owner: string,
  key: string,
  fix: { strength?: number | null; hidden?: boolean },
): Promise<MyContact> {
  const o = normalizeEmail(owner, "owner");
  if (
    fix.strength !== undefined &&
    fix.strength !== null &&
    !(Number.isFinite(fix.strength) && fix.strength >= 0 && fix.strength <= 1)
  )
    throw new VouchError("INVALID_INPUT", "strength must be a number from 0 to 1", {
      field: "strength",
    });
  const now = deps.now();
  const { row } = await deps.store.contacts.change(
    o,
    (existing) => {
      const had = existing[0];
      if (!had) throw new VouchError("NOT_FOUND", "You have no such contact", { field: "key" });
      const r: ContactRecord = {
        ...had,
        evidence: {
          ...had.evidence,
          ...(fix.strength !== undefined ? { override: fix.strength } : {}),
        },
        hidden: fix.hidden ?? had.hidden,
      };
      r.strength = strengthOf({ ...r.evidence, vouch: null }, now).score;
      return { upserts: [r], deletes: [], row: r };
    },
    { keys: [key] },
  );
  return myContact(row, now);
}

/** A member's consent to be shown as a path to the people they know (default off). */
export async function setPathSharing(deps: AppDeps, email: string, on: boolean): Promise<void> {
  const e = normalizeEmail(email, "email");
  await deps.store.upsertPerson({ name: e.split("@")[0] ?? e, email: e }, deps.now());
  await deps.store.contacts.setSharing(e, on, deps.now());
}

export function isSharingPaths(deps: AppDeps, email: string): Promise<boolean> {
  return deps.store.contacts.isSharing(normalizeEmail(email, "email"));
}
