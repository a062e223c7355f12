// Shared by the contacts tests (unit and store contract): a contact row with defaults.
import type { ContactRecord } from "./contact-record.ts";

/** A contact in the member's address book, strength 0.5, unless `over` says otherwise. */
export function contactRecord(key: string, over: Partial<ContactRecord> = {}): ContactRecord {
  return {
    key,
    name: null,
    company: null,
    position: null,
    url: null,
    evidence: { linkedin: null, inAddressBook: true, mail: null, override: null },
    hidden: false,
    strength: 0.5,
    ...over,
  };
}
