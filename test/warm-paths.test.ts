// The warm-path use cases on a real store: importing what parsers stream, correcting and hiding
// contacts, consent to be a path, and the privacy rules of finding one.
import { beforeAll, describe, expect, it } from "vitest";
import {
  correctContact,
  importItems,
  listMyContacts,
  type ParsedItem,
  setPathSharing,
} from "../src/app/contacts.ts";
import type { AppDeps } from "../src/app/deps.ts";
import { findPaths } from "../src/app/paths.ts";
import type { ImportedContact, MailInteraction } from "../src/contacts/types.ts";
import { sqliteApp } from "./support/sqlite-deps.ts";

const app = sqliteApp();
let deps: AppDeps;
beforeAll(() => {
  deps = app.deps;
});

function person(line: number, name: string, email: string | null, company: string | null) {
  const c: ImportedContact = {
    line,
    source: "vcard",
    name,
    emails: email ? [email] : [],
    company,
    position: null,
    url: null,
    connectedOn: null,
  };
  return { kind: "contact" as const, contact: c };
}

async function* stream(items: ParsedItem[], failAfter?: number): AsyncGenerator<ParsedItem> {
  let n = 0;
  for (const i of items) {
    if (failAfter !== undefined && n++ === failAfter) throw new Error("the file broke off");
    yield i;
  }
}

const MAYA = person(2, "Maya Lopez", "maya@northwind.example", "Northwind Health");
const mail = (email: string, sent: number, received: number): MailInteraction => ({
  email,
  name: null,
  sent,
  received,
  sentPersonal: sent,
  meanOtherRecipients: 0,
  lastSentAt: "2026-11-20T10:00:00.000Z",
  lastReceivedAt: "2026-11-21T10:00:00.000Z",
  firstAt: "2025-01-01T10:00:00.000Z",
});

describe("importing contacts", () => {
  it("imports, then updates on a second import, and reports the lines it skipped", async () => {
    const items: ParsedItem[] = [
      { kind: "progress", bytes: 100 },
      MAYA,
      person(3, "Tom Berg", "tom@berg.io", "Acme"),
      { kind: "skip", skip: { line: 4, reason: "not a valid email address" } },
      person(5, "Jane Doe", "jane@example.com", "Vouch"),
    ];
    const progress: number[] = [];
    const first = await importItems(deps, "jane@example.com", stream(items), (b) =>
      progress.push(b),
    );
    expect(first).toEqual({
      imported: 2,
      updated: 0,
      skipped: [
        { line: 4, reason: "not a valid email address" },
        { line: 5, reason: "this is your own address" },
      ],
    });
    expect(progress).toEqual([100]);
    const again = await importItems(deps, "jane@example.com", stream(items));
    expect(again).toMatchObject({ imported: 0, updated: 2 });
    expect((await listMyContacts(deps, "jane@example.com", 0)).total).toBe(2);
  });

  it("keeps nothing of a file that breaks off", async () => {
    const items = [person(2, "A", "a@x.io", null), person(3, "B", "b@x.io", null)];
    await expect(importItems(deps, "kim@example.com", stream(items, 1))).rejects.toThrow(
      "the file broke off",
    );
    expect((await listMyContacts(deps, "kim@example.com", 0)).total).toBe(0);
  });

  it("replaces the mail a member imported before with a new mbox", async () => {
    const mbox = (m: MailInteraction[]): ParsedItem[] => [
      { kind: "interactions", interactions: m },
    ];
    await importItems(
      deps,
      "jane@example.com",
      stream(mbox([mail("maya@northwind.example", 14, 12), mail("old@x.io", 1, 0)])),
    );
    let mine = await listMyContacts(deps, "jane@example.com", 0);
    expect(mine.contacts.map((c) => c.key)).toContain("old@x.io");
    await importItems(
      deps,
      "jane@example.com",
      stream(mbox([mail("maya@northwind.example", 20, 18)])),
    );
    mine = await listMyContacts(deps, "jane@example.com", 0);
    expect(mine.contacts.map((c) => c.key)).not.toContain("old@x.io");
    expect(mine.contacts[0]?.key).toBe("maya@northwind.example");
  });
});

describe("finding a path", () => {
  beforeAll(async () => {
    // Bob knows Maya too, but never agreed to be shown. Carol hid her. Alice knows Jane.
    await importItems(deps, "bob@example.com", stream([MAYA]));
    await importItems(deps, "carol@example.com", stream([MAYA]));
    await importItems(
      deps,
      "alice@example.com",
      stream([person(2, "Jane D.", "jane@example.com", null), MAYA]),
    );
    await correctContact(deps, "carol@example.com", "maya@northwind.example", { hidden: true });
  });

  it("shows nobody before they agree, not even as a count", async () => {
    expect(
      await findPaths(deps, { requester: "alice@example.com", target: "maya@northwind.example" }),
    ).toEqual([]);
  });

  it("shows members who agreed, never the requester, never a hidden contact", async () => {
    for (const who of ["jane@example.com", "carol@example.com", "alice@example.com"])
      await setPathSharing(deps, who, true);
    const paths = await findPaths(deps, {
      requester: "alice@example.com",
      target: "maya@northwind.example",
    });
    expect(paths.map((p) => p.introducer.email)).toEqual(["jane@example.com"]);
    const [jane] = paths;
    expect(jane?.contact).toEqual({ name: "Maya Lopez", company: "Northwind Health" });
    expect(Object.keys(jane ?? {}).sort()).toEqual([
      "contact",
      "introducer",
      "reasons",
      "strength",
    ]);
    expect(jane?.reasons[0]).toMatch(/^Jane D. knows Maya Lopez: 20 emails to them, 18 from them/);
    expect(jane?.reasons[1]).toMatch(/^You know Jane D.: In your address book/);
    // Nothing of Jane's other contacts is in the answer.
    expect(JSON.stringify(paths)).not.toContain("Tom Berg");
    expect(JSON.stringify(paths)).not.toContain("maya@northwind.example");
  });

  it("finds by name and company, and for a requester with no contacts at all", async () => {
    const byName = await findPaths(deps, {
      requester: "newcomer@example.com",
      name: "maya  LÓPEZ",
    });
    // Alice agreed to be shown too: to anyone else she is a path. Jane mails Maya, so she comes first.
    expect(byName.map((p) => p.introducer.email)).toEqual([
      "jane@example.com",
      "alice@example.com",
    ]);
    expect(byName[0]?.reasons[1]).toBe("You have no tie to jane in Vouch yet");
    const byCompany = await findPaths(deps, {
      requester: "newcomer@example.com",
      company: "northwind health inc",
    });
    expect(byCompany.map((p) => p.contact.name)).toEqual(["Maya Lopez", "Maya Lopez"]);
  });

  it("stops showing a member the moment they turn sharing off", async () => {
    await setPathSharing(deps, "jane@example.com", false);
    expect(
      await findPaths(deps, { requester: "alice@example.com", target: "maya@northwind.example" }),
    ).toEqual([]);
    await setPathSharing(deps, "jane@example.com", true);
  });

  it("refuses a search that says nothing, or two things", async () => {
    await expect(findPaths(deps, { requester: "alice@example.com" })).rejects.toMatchObject({
      code: "INVALID_INPUT",
    });
    await expect(
      findPaths(deps, { requester: "alice@example.com", name: "Maya", company: "Acme" }),
    ).rejects.toMatchObject({ code: "INVALID_INPUT", details: { field: "company" } });
    await expect(
      findPaths(deps, { requester: "alice@example.com", name: " ,; " }),
    ).rejects.toMatchObject({
      code: "INVALID_INPUT",
    });
    await expect(
      findPaths(deps, { requester: "not an address", name: "Maya" }),
    ).rejects.toMatchObject({
      code: "INVALID_INPUT",
    });
  });
});

describe("a member's own contacts", () => {
  it("lists them strongest first with reasons, corrects a strength and goes back to the formula", async () => {
    const before = await listMyContacts(deps, "jane@example.com", 0);
    const tom = before.contacts.find((c) => c.key === "tom@berg.io");
    expect(tom?.reasons.length).toBeGreaterThan(0);
    const fixed = await correctContact(deps, "jane@example.com", "tom@berg.io", { strength: 1 });
    expect(fixed).toMatchObject({ strength: 1, corrected: true });
    expect((await listMyContacts(deps, "jane@example.com", 0)).contacts[0]?.key).toBe(
      "tom@berg.io",
    );
    const back = await correctContact(deps, "jane@example.com", "tom@berg.io", { strength: null });
    expect(back.corrected).toBe(false);
    expect(back.strength).toBe(tom?.strength);
  });

  it("refuses a strength outside 0..1 and a contact the member does not have", async () => {
    await expect(
      correctContact(deps, "jane@example.com", "tom@berg.io", { strength: 1.5 }),
    ).rejects.toMatchObject({ code: "INVALID_INPUT", details: { field: "strength" } });
    await expect(
      correctContact(deps, "alice@example.com", "tom@berg.io", { hidden: true }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
