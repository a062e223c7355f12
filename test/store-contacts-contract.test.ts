// The contacts half of the Store contract, on SQLite and on PostgreSQL: members' contacts, their
// consent to be shown as a path, and the one-statement path search.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ContactRecord } from "../src/contacts/contact-record.ts";
import { contactRecord } from "../src/contacts/test-records.ts";
import { newIntro } from "../src/domain/intro.ts";
import type { Intro, Status } from "../src/domain/types.ts";
import { DB_KINDS, openTestDb, type TestDb } from "./support/databases.ts";

const T0 = new Date("2026-12-01T10:00:00.000Z");

const record = contactRecord;

const MAYA = record("maya@northwind.example", {
  name: "Maya López",
  company: "Northwind Health, Inc.",
  position: "VP Operations",
  url: "https://www.linkedin.com/in/maya-lopez",
  evidence: {
    linkedin: { connectedOn: "2024-03-12" },
    inAddressBook: true,
    mail: {
      sent: 14,
      received: 12,
      sentPersonal: 13,
      meanOtherRecipients: 0.4,
      lastSentAt: "2026-11-10T09:00:00.000Z",
      lastReceivedAt: "2026-11-11T09:00:00.000Z",
      firstAt: "2023-01-05T09:00:00.000Z",
    },
    override: null,
  },
  strength: 0.8,
});

let seq = 0;
async function storeIntro(
  db: TestDb,
  who: [string, string, string],
  status: Status,
  thanked = false,
) {
  seq++;
  const intro: Intro = {
    ...newIntro(
      {
        requester: { name: "R", email: who[0] },
        introducer: { name: "I", email: who[1] },
        target: { name: "T", email: who[2] },
        requestText: "Hey, …",
      },
      {
        id: `intro_c${seq}_${Math.random().toString(36).slice(2)}`,
        threadToken: `tok_c${seq}_${Math.random()}`,
      },
      T0,
    ),
    status,
    outcome:
      status === "completed"
        ? { rating: "great", note: null, thanked, at: T0.toISOString() }
        : null,
  };
  await db.store.commit({
    intro,
    isNew: true,
    event: { type: "create", actor: "requester", channel: "api", at: T0.toISOString(), data: {} },
    outbox: [],
    timers: [],
  });
}

for (const kind of DB_KINDS) {
  describe(`Contacts store contract on ${kind}`, () => {
    let db: TestDb;
    beforeAll(async () => {
      db = await openTestDb(kind);
    });
    afterAll(() => db.drop());
    const contacts = () => db.store.contacts;
    const put = (owner: string, rows: ContactRecord[], deletes: string[] = []) =>
      contacts().change(owner, () => ({ upserts: rows, deletes }));

    it("writes a member's rows whole, updates them in place, and deletes by key", async () => {
      await put("jane@example.com", [MAYA, record("tom@berg.io", { strength: 0.3 })]);
      await put("Jane@Example.com", [{ ...MAYA, company: "Northwind" }]);
      expect(await contacts().countContacts("jane@example.com")).toBe(2);
      const list = await contacts().listContacts("jane@example.com", { limit: 10, offset: 0 });
      expect(list).toEqual([
        { ...MAYA, company: "Northwind" },
        record("tom@berg.io", { strength: 0.3 }),
      ]);
      await put("jane@example.com", [MAYA], ["tom@berg.io"]);
      expect(await contacts().countContacts("jane@example.com")).toBe(1);
      // The plan sees what is stored: all rows, or the ones asked for.
      const seen = await contacts().change("jane@example.com", (existing) => ({
        upserts: [],
        deletes: [],
        keys: existing.map((r) => r.key),
      }));
      expect(seen.keys).toEqual(["maya@northwind.example"]);
      const none = await contacts().change(
        "jane@example.com",
        (existing) => ({ upserts: [], deletes: [], n: existing.length }),
        { keys: ["nobody@x.io"] },
      );
      expect(none.n).toBe(0);
    });

    it("keeps nothing of a change whose plan or write fails", async () => {
      const owner = "fails@example.com";
      await expect(
        contacts().change(owner, () => {
          throw new Error("unreadable file");
        }),
      ).rejects.toThrow("unreadable file");
      // 600 rows (two batches), the last of which cannot be written: the first batch goes too.
      const rows = Array.from({ length: 600 }, (_, i) => record(`p${i}@x.io`));
      rows.push(
        record("bad@x.io", { strength: Number.NaN as number, key: null as unknown as string }),
      );
      await expect(put(owner, rows)).rejects.toThrow();
      expect(await contacts().countContacts(owner)).toBe(0);
    });

    it("runs two changes of one member one after the other", async () => {
      const owner = "busy@example.com";
      const bump = () =>
        contacts().change(owner, (existing) => {
          const n = existing.find((r) => r.key === "counter")?.strength ?? 0;
          return {
            upserts: [record("counter", { strength: Math.round((n + 0.1) * 10) / 10 })],
            deletes: [],
          };
        });
      await Promise.all([bump(), bump(), bump()]);
      const [row] = await contacts().listContacts(owner, { limit: 1, offset: 0 });
      expect(row?.strength).toBe(0.3);
    });

    it("finds only members who agreed to be shown, never hidden rows, the requester or the target", async () => {
      const maya = "maya@northwind.example";
      await put("bob@example.com", [record(maya, { name: "Maya L.", strength: 0.9 })]);
      await put("carol@example.com", [record(maya, { strength: 0.95, hidden: true })]);
      await put("alice@example.com", [record(maya, { strength: 0.99 })]);
      await put(maya, [record(maya, { strength: 1 })]);
      const find = () =>
        contacts().findPathCandidates({
          requester: "alice@example.com",
          target: { email: maya },
          limit: 10,
        });
      expect(await find()).toEqual([]);
      for (const who of [
        "jane@example.com",
        "bob@example.com",
        "carol@example.com",
        "alice@example.com",
        maya,
      ])
        await contacts().setSharing(who, true, T0);
      expect(await contacts().isSharing("bob@example.com")).toBe(true);
      expect(await contacts().isSharing("dave@example.com")).toBe(false);
      const found = await find();
      expect(found.map((c) => c.introducer.email)).toEqual(["bob@example.com", "jane@example.com"]);
      expect(found[1]?.contact).toEqual(MAYA);
      await contacts().setSharing("bob@example.com", false, T0);
      expect((await find()).map((c) => c.introducer.email)).toEqual(["jane@example.com"]);
      // A row written while the member shares is shown at once; unsharing hides it again.
      await put("erin@example.com", [record(maya, { strength: 0.1 })]);
      expect((await find()).length).toBe(1);
      await contacts().setSharing("erin@example.com", true, T0);
      await put("erin@example.com", [record(maya, { strength: 0.2 })]);
      expect((await find()).map((c) => c.introducer.email)).toEqual([
        "jane@example.com",
        "erin@example.com",
      ]);
      const limited = await contacts().findPathCandidates({
        requester: "alice@example.com",
        target: { email: maya },
        limit: 1,
      });
      expect(limited.map((c) => c.introducer.email)).toEqual(["jane@example.com"]);
    });

    it("finds by normalized name and company, each matching contact once", async () => {
      await put("gus@example.com", [
        record("ann@initech.example", { name: "Ann Oz", company: "Initech LLC", strength: 0.4 }),
        record("li:bo", { name: "Bo Li", company: "initech", strength: 0.6 }),
      ]);
      await contacts().setSharing("gus@example.com", true, T0);
      const byCompany = await contacts().findPathCandidates({
        requester: "alice@example.com",
        target: { companyKey: "initech" },
        limit: 10,
      });
      expect(byCompany.map((c) => c.contact.key)).toEqual(["li:bo", "ann@initech.example"]);
      const byName = await contacts().findPathCandidates({
        requester: "alice@example.com",
        target: { nameKey: "ann oz" },
        limit: 10,
      });
      expect(byName.map((c) => [c.introducer.email, c.contact.company])).toEqual([
        ["gus@example.com", "Initech LLC"],
      ]);
      const jane = await contacts().findPathCandidates({
        requester: "alice@example.com",
        target: { companyKey: "northwind health" },
        limit: 10,
      });
      expect(jane.map((c) => c.introducer.email)).toEqual(["jane@example.com"]);
    });

    it("reads the requester's own row, the introducer's name and record, and their intros together", async () => {
      const maya = "maya@northwind.example";
      await put("alice@example.com", [
        record("jane@example.com", { strength: 0.7, name: "Jane D." }),
        record("erin@example.com", { strength: 0.6, hidden: true }),
      ]);
      await db.store.upsertPerson({ name: "Jane Doe", email: "jane@example.com" }, T0);
      await db.store.updatePrefs("erin@example.com", { displayName: "Erin Q" }, T0);
      await storeIntro(db, ["x1@e.com", "jane@example.com", "y1@e.com"], "completed", true);
      await storeIntro(db, ["x2@e.com", "jane@example.com", "y2@e.com"], "completed", false);
      await storeIntro(db, ["x3@e.com", "jane@example.com", "y3@e.com"], "target_declined");
      await storeIntro(db, ["x4@e.com", "jane@example.com", "y4@e.com"], "requested");
      await storeIntro(db, ["alice@example.com", "jane@example.com", maya], "met");
      await storeIntro(db, [maya, "jane@example.com", "z@e.com"], "introduced");
      const found = await contacts().findPathCandidates({
        requester: "alice@example.com",
        target: { email: maya },
        limit: 10,
      });
      const jane = found.find((c) => c.introducer.email === "jane@example.com");
      expect(jane?.introducer.name).toBe("Jane Doe");
      expect(jane?.own).toEqual(record("jane@example.com", { strength: 0.7, name: "Jane D." }));
      expect(jane?.track).toEqual({ made: 5, accepted: 4, thanked: 1 });
      expect(jane?.together).toEqual({ intros: 2, met: 1, lastAt: T0.toISOString() });
      expect(jane?.withRequester).toEqual({ intros: 1, met: 1, lastAt: T0.toISOString() });
      const erin = found.find((c) => c.introducer.email === "erin@example.com");
      expect(erin?.introducer.name).toBe("Erin Q");
      // Alice hid Erin: her own row says nothing.
      expect(erin?.own).toBeNull();
      expect(erin?.track).toEqual({ made: 0, accepted: 0, thanked: 0 });
      expect(erin?.together).toBeNull();
    });
  });
}
