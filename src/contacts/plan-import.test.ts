import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type ContactRecord, hasEvidence, type ScoreEdge } from "./contact-record.ts";
import { planImport } from "./plan-import.ts";
import type { ImportedContact, MailInteraction } from "./types.ts";

const NOW = new Date("2026-12-01T10:00:00.000Z");
/** A stand-in formula: each kind of evidence adds a fixed amount; a correction wins. */
const score: ScoreEdge = (e) => ({
  score:
    e.override ??
    Math.min(1, (e.linkedin ? 0.2 : 0) + (e.inAddressBook ? 0.3 : 0) + (e.mail ? 0.4 : 0)),
  reasons: [],
});

function contact(over: Partial<ImportedContact>): ImportedContact {
  return {
    line: 2,
    source: "linkedin",
    name: null,
    emails: [],
    company: null,
    position: null,
    url: null,
    connectedOn: null,
    ...over,
  };
}

function mail(email: string, over: Partial<MailInteraction> = {}): MailInteraction {
  return {
    email,
    name: null,
    sent: 3,
    received: 2,
    sentPersonal: 3,
    meanOtherRecipients: 0.5,
    lastSentAt: "2026-11-20T09:00:00.000Z",
    lastReceivedAt: "2026-11-21T09:00:00.000Z",
    firstAt: "2025-01-01T09:00:00.000Z",
    ...over,
  };
}

/** The member's contacts after a plan is written, as the store would leave them. */
function apply(existing: readonly ContactRecord[], plan: ReturnType<typeof planImport>) {
  const rows = new Map(existing.map((r) => [r.key, r]));
  for (const k of plan.deletes) rows.delete(k);
  for (const r of plan.upserts) rows.set(r.key, r);
  return [...rows.values()].sort((a, b) => a.key.localeCompare(b.key));
}

const run = (
  existing: readonly ContactRecord[],
  more: { contacts?: ImportedContact[]; mail?: MailInteraction[] },
) => planImport({ owner: "jane@example.com", existing, now: NOW, score, ...more });

describe("planImport", () => {
  const linkedin = [
    contact({
      line: 5,
      name: "Maya Lopez",
      company: "Northwind Health",
      position: "VP Operations",
      url: "https://www.linkedin.com/in/maya-lopez",
      connectedOn: "2024-03-12",
    }),
    contact({ line: 6, name: "Tom Berg", emails: ["tom@berg.io"], company: "Acme Inc." }),
    contact({ line: 7 }),
  ];

  it("keys contacts by email, else LinkedIn profile, and reports lines it cannot use", () => {
    const p = run([], { contacts: linkedin });
    expect(p.imported).toBe(2);
    expect(p.updated).toBe(0);
    expect(p.skipped).toEqual([{ line: 7, reason: "no email address, LinkedIn profile or name" }]);
    expect(p.upserts.map((r) => r.key).sort()).toEqual(["li:maya-lopez", "tom@berg.io"]);
    expect(p.upserts.find((r) => r.key === "li:maya-lopez")?.evidence.linkedin).toEqual({
      connectedOn: "2024-03-12",
    });
    expect(p.upserts.every((r) => r.strength === 0.2)).toBe(true);
  });

  it("updates on a second import of the same file, never duplicates", () => {
    const first = apply([], run([], { contacts: linkedin }));
    const again = run(first, { contacts: linkedin });
    expect(again).toMatchObject({ imported: 0, updated: 2, deletes: [] });
    expect(apply(first, again)).toEqual(first);
  });

  it("folds a LinkedIn row into the address-book row of the same person, and back", () => {
    const first = apply([], run([], { contacts: linkedin }));
    const book = contact({
      source: "vcard",
      name: "Maya López",
      emails: ["maya@northwind.example"],
      company: "Northwind Health",
    });
    const p = run(first, { contacts: [book] });
    expect(p).toMatchObject({ imported: 0, updated: 1, deletes: ["li:maya-lopez"] });
    const after = apply(first, p);
    const maya = after.find((r) => r.key === "maya@northwind.example");
    expect(maya?.evidence).toMatchObject({
      inAddressBook: true,
      linkedin: { connectedOn: "2024-03-12" },
    });
    expect(maya?.url).toBe("https://www.linkedin.com/in/maya-lopez");
    // Importing LinkedIn again finds her under her email now, by her profile.
    const back = run(after, { contacts: linkedin });
    expect(back).toMatchObject({ imported: 0, updated: 2, deletes: [] });
    expect(apply(after, back).map((r) => r.key)).toEqual(["maya@northwind.example", "tom@berg.io"]);
  });

  it("never merges two people who share a name but not a profile", () => {
    const two = [
      contact({ line: 2, name: "Sam Lee", url: "linkedin.com/in/sam-lee-1" }),
      contact({ line: 3, name: "Sam Lee", url: "linkedin.com/in/sam-lee-2" }),
    ];
    const p = run([], { contacts: two });
    expect(p.upserts.map((r) => r.key).sort()).toEqual(["li:sam-lee-1", "li:sam-lee-2"]);
  });

  it("never lists the member as their own contact", () => {
    const p = run([], {
      contacts: [contact({ line: 9, emails: ["jane@example.com"], name: "Me" })],
      mail: [mail("jane@example.com")],
    });
    expect(p.upserts).toEqual([]);
    expect(p.skipped).toEqual([{ line: 9, reason: "this is your own address" }]);
  });

  it("replaces the mail aggregates with a new mbox, dropping rows only mail knew", () => {
    const first = apply([], run([], { mail: [mail("a@x.io"), mail("tom@berg.io")] }));
    const withBook = apply(first, run(first, { contacts: linkedin }));
    const p = run(withBook, { mail: [mail("b@x.io")] });
    expect(p.deletes).toEqual(["a@x.io"]);
    const after = apply(withBook, p);
    expect(after.find((r) => r.key === "tom@berg.io")?.evidence.mail).toBeNull();
    expect(after.find((r) => r.key === "b@x.io")?.evidence.mail?.sent).toBe(3);
    expect(after.filter((r) => r.evidence.mail).map((r) => r.key)).toEqual(["b@x.io"]);
  });

  it("keeps a correction and a hidden contact through re-imports", () => {
    const first = apply([], run([], { contacts: linkedin }));
    const corrected = first.map((r) =>
      r.key === "tom@berg.io"
        ? { ...r, hidden: true, evidence: { ...r.evidence, override: 0.9 }, strength: 0.9 }
        : r,
    );
    const after = apply(corrected, run(corrected, { contacts: linkedin }));
    expect(after.find((r) => r.key === "tom@berg.io")).toMatchObject({
      hidden: true,
      strength: 0.9,
    });
  });

  // Distinct people, each with one name, email, profile, company and date; a line shows any of
  // them (two people who share a name, or lines that disagree, are other stories, told above).
  const PEOPLE = [
    { name: "Maya Lopez", email: "maya@x.io", url: "linkedin.com/in/maya", company: "Acme" },
    { name: "Tom Berg", email: "tom@x.io", url: "https://www.linkedin.com/in/tom/", company: null },
    { name: "Sam Lee", email: "sam@x.io", url: "https://x.io/sam", company: "Initech" },
    { name: "Jane Me", email: "jane@example.com", url: null, company: "Vouch" },
  ];
  const arbContact = fc
    .record({
      who: fc.constantFrom(...PEOPLE),
      show: fc.record({
        name: fc.boolean(),
        email: fc.boolean(),
        url: fc.boolean(),
        company: fc.boolean(),
        date: fc.boolean(),
      }),
      line: fc.integer({ min: 1, max: 1000 }),
      source: fc.constantFrom("linkedin", "google", "outlook", "vcard") as fc.Arbitrary<
        ImportedContact["source"]
      >,
    })
    .map(({ who, show, ...rest }) =>
      contact({
        ...rest,
        name: show.name ? who.name : null,
        emails: show.email ? [who.email] : [],
        url: show.url ? who.url : null,
        company: show.company ? who.company : null,
        connectedOn: show.date ? `2024-01-0${who.name.length % 9}` : null,
      }),
    );
  const arbMail = fc.array(
    fc.constantFrom("maya@x.io", "tom@x.io", "zed@x.io", "jane@example.com").map((e) => mail(e)),
    { maxLength: 4 },
  );

  it("is idempotent, keys rows once, and keeps the counts honest (property)", () => {
    fc.assert(
      fc.property(
        fc.array(arbContact, { maxLength: 12 }),
        fc.array(arbContact, { maxLength: 12 }),
        arbMail,
        (a, b, m) => {
          const s1 = apply([], run([], { contacts: a }));
          const p2 = run(s1, { contacts: b, mail: m });
          const keys = p2.upserts.map((r) => r.key);
          expect(new Set(keys).size).toBe(keys.length);
          expect(p2.deletes.filter((k) => keys.includes(k))).toEqual([]);
          expect(p2.imported + p2.updated + p2.skipped.length).toBeLessThanOrEqual(
            b.length + m.length,
          );
          const s2 = apply(s1, p2);
          expect(new Set(s2.map((r) => r.key)).size).toBe(s2.length);
          expect(s2.every(hasEvidence)).toBe(true);
          expect(s2.some((r) => r.key === "jane@example.com")).toBe(false);
          // The same import again changes nothing and finds everything already there.
          const p3 = run(s2, { contacts: b, mail: m });
          expect(p3.imported).toBe(0);
          expect(apply(s2, p3)).toEqual(s2);
          // Mail rows are exactly the last mbox's correspondents.
          const want = [...new Set(m.map((x) => x.email))].filter((e) => e !== "jane@example.com");
          expect(
            s2
              .filter((r) => r.evidence.mail)
              .map((r) => r.key)
              .sort(),
          ).toEqual(want.sort());
        },
      ),
      { numRuns: 500 },
    );
  });
});
