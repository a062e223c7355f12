// A message delivered twice is applied once, and its second delivery is recognised at once: it is
// not retried as if it had lost a race with another change.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyEvent } from "../src/app/apply-event.ts";
import { createIntro } from "../src/app/create-intro.ts";
import { receiveMail } from "../src/app/receive-mail.ts";
import { countingTransactions, testDeps } from "./support/app.ts";
import { openTestDb, type TestDb } from "./support/databases.ts";
import { withMailauth } from "./support/dns.ts";
import { seedRequestInput } from "./support/intros.ts";

describe("a duplicate delivery", () => {
  let db: TestDb;
  beforeAll(async () => {
    db = await openTestDb("sqlite");
  });
  afterAll(() => db?.drop());

  it("is recorded as a duplicate in one transaction, and changes nothing", async () => {
    // Maya's mail comes from 127.0.0.1, which example.com's SPF allows: it authenticates.
    const deps = withMailauth(testDeps(db.store));
    const intro = await createIntro(deps, seedRequestInput(), "api");
    await applyEvent(deps, intro.id, { type: "forward_for_consent", actor: "introducer" }, "api");
    const thread = `intros+${intro.threadToken}@vouch.localhost`;
    const raw = Buffer.from(
      [
        "From: Maya <maya@example.com>",
        `To: <${thread}>`,
        "Subject: Re: Would you like an intro to Alice?",
        "Message-ID: <maya-once@example.com>",
        "Date: Tue, 01 Dec 2026 10:00:00 +0000",
        "",
        "Happy to chat!",
        "",
      ].join("\r\n"),
    );
    const arrival = {
      channel: "smtp" as const,
      mailFrom: "maya@example.com",
      rcptTo: [thread],
      remote: { ip: "127.0.0.1", helo: "mail.example.com" },
      raw,
    };
    await receiveMail(deps, arrival);
    const after = await db.store.getIntro(intro.id);
    expect(after?.status).toBe("introduced");

    const { store: counting, count: transactions } = countingTransactions(db.store);
    await receiveMail({ ...deps, store: counting }, arrival);
    expect(transactions()).toBe(1);
    expect((await db.store.getIntro(intro.id))?.version).toBe(after?.version);
    expect((await db.store.listInbound({ status: "duplicate" })).map((m) => m.messageId)).toEqual([
      "<maya-once@example.com>",
    ]);
  });
});
