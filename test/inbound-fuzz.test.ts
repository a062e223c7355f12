// Thousands of malformed MIME messages through the real SMTP listener on 127.0.0.1, into
// receiveMail on a fresh SQLite store: the process must not crash, every message must get an
// SMTP answer (250, or 552 over the size limit), and every stored raw message must be exactly
// what was sent (after the line-ending normalisation SMTP itself does: see asStored).
import nodemailer from "nodemailer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyEvent } from "../src/app/apply-event.ts";
import { createIntro } from "../src/app/create-intro.ts";
import { type InboundDeps, receiveMail } from "../src/app/receive-mail.ts";
import { startSmtpListener } from "../src/mail/inbound/smtp-listener.ts";
import { testDeps } from "./support/app.ts";
import { openTestDb, type TestDb } from "./support/databases.ts";
import { asStored, CATEGORIES, fuzzMessages, rng } from "./support/inbound-fuzz-messages.ts";

const SEED = Number(process.env.FUZZ_SEED ?? 20261201);
const COUNT = Number(process.env.FUZZ_COUNT ?? 3900);
const MAX_BYTES = 64 * 1024;
/** At least this many are sent, however long it takes (every category many times over)... */
const AT_LEAST = Math.min(COUNT, 1000);
/** ...and no more after this (from the start of the test), so a loaded machine sends fewer. */
const BUDGET_MS = 30_000;
const tag = (i: number) => `fuzz-${i}@vouch.localhost`;

let db: TestDb;
let deps: InboundDeps;
let listener: Awaited<ReturnType<typeof startSmtpListener>>;
let thread = "";
const listenerErrors: unknown[] = [];

beforeAll(async () => {
  db = await openTestDb("sqlite");
  deps = testDeps(db.store);
  // One intro waiting for the target's consent, so that some of the junk is read as replies.
  const intro = await createIntro(
    deps,
    {
      requester: { name: "Alice", email: "alice@example.com" },
      introducer: { name: "Jane", email: "jane@example.com" },
      target: { name: "Maya", email: null },
      subject: "REQUEST: intro Maya <> Alice",
      requestText:
        "Hey Jane, could you introduce me to Maya?\n\nHey Maya,\n\nI'd love 20 minutes of your time to hear how you chose between Snapchat and SpaceX, as I weigh my first engineering offers. Would a call this Friday at 3pm work, or a coffee next week?\n\nAbout me: recent grad, full-stack engineer.\n\nThanks,\nAlice",
      submit: false,
    },
    "api",
  );
  await applyEvent(deps, intro.id, { type: "submit", actor: "requester" }, "api");
  await applyEvent(
    deps,
    intro.id,
    { type: "forward_for_consent", actor: "introducer", targetEmail: "maya@example.com" },
    "api",
  );
  expect((await db.store.getIntro(intro.id))?.status).toBe("consent_requested");
  thread = `intros+${intro.threadToken}@vouch.localhost`;
  listener = await startSmtpListener({
    host: "127.0.0.1",
    port: 0,
    mailDomain: "vouch.localhost",
    maxBytes: MAX_BYTES,
    onMessage: async (a) => {
      await receiveMail(deps, a);
    },
    onError: (e) => listenerErrors.push(e),
  });
});
afterAll(async () => {
  await listener?.close();
  await db?.drop();
});

describe("inbound fuzz over SMTP", () => {
  it(`answers and stores up to ${COUNT} malformed messages intact (seed ${SEED})`, {
    timeout: 300_000,
  }, async () => {
    const started = performance.now();
    const messages = fuzzMessages(SEED, COUNT);
    const r = rng(SEED ^ 0x5eed);
    // The tag recipient names the message, so that each stored row can be matched to what was
    // sent; the other recipient decides where the pipeline routes it.
    const envelopes = messages.map((_, i) => ({
      from: r.pick(["alice@example.com", "maya@example.com", "", "x@example.org"]),
      to: [r.pick(["intros@vouch.localhost", thread, "someone@vouch.localhost"]), tag(i)],
    }));
    const client = nodemailer.createTransport({
      host: "127.0.0.1",
      port: listener.port,
      secure: false,
      ignoreTLS: true,
      pool: true,
      maxConnections: 4,
      maxMessages: Number.POSITIVE_INFINITY,
      socketTimeout: 60_000,
    });
    // Eight in flight over four connections; past the first AT_LEAST, no new message after the
    // budget: on a machine loaded by other suites the test sends fewer rather than run long. How
    // many it sends in the budget says how fast it is, which no assertion depends on.
    const answers: Array<{ code: number; error: string } | undefined> = [];
    let next = 0;
    const worker = async () => {
      while (next < AT_LEAST || (next < COUNT && performance.now() - started < BUDGET_MS)) {
        const i = next++;
        try {
          const info = await client.sendMail({ envelope: envelopes[i], raw: messages[i]!.raw });
          answers[i] = { code: Number(/^(\d{3})/.exec(info.response)?.[1]), error: "" };
        } catch (e) {
          const err = e as { responseCode?: number; message?: string };
          answers[i] = { code: err.responseCode ?? 0, error: err.message ?? String(e) };
        }
      }
    };
    await Promise.all(Array.from({ length: 8 }, worker));
    client.close();
    const sendMs = performance.now() - started;
    const sent = next;

    const count = (code: number) => answers.filter((a) => a?.code === code).length;
    const others = answers
      .map((a, i) => ({ ...a, i, category: messages[i]!.category }))
      .filter((a) => a.code !== 250 && a.code !== 552);
    const rows = await db.store.listInbound({ limit: COUNT * 2 });
    const byTag = new Map<number, (typeof rows)[number][]>();
    for (const row of rows) {
      const i = Number(row.rcptTo.map((a) => /^fuzz-(\d+)@/.exec(a)?.[1]).find(Boolean));
      byTag.set(i, [...(byTag.get(i) ?? []), row]);
    }
    const mismatched: number[] = [];
    const storedRefused: number[] = [];
    answers.forEach((a, i) => {
      const got = byTag.get(i) ?? [];
      if (a?.code === 250) {
        if (got.length !== 1 || !got[0]!.raw.equals(asStored(messages[i]!.raw))) mismatched.push(i);
      } else if (got.length) storedRefused.push(i);
    });
    const statuses: Record<string, number> = {};
    for (const row of rows) statuses[row.status] = (statuses[row.status] ?? 0) + 1;
    const perCategory = Object.fromEntries(
      CATEGORIES.map((c) => {
        const mine = answers.filter((_, i) => messages[i]!.category === c);
        return [c, `${mine.filter((a) => a?.code === 250).length}/${mine.length}`];
      }),
    );
    const failures = rows.filter((row) => row.status === "failed").map((row) => row.error);
    console.log(
      `inbound fuzz (seed ${SEED}): ${sent} of ${COUNT} messages sent in ${(sendMs / 1000).toFixed(1)}s: ` +
        `${count(250)} answered 250, ${count(552)} answered 552, ${others.length} other; ` +
        `${rows.length} stored, statuses ${JSON.stringify(statuses)}; 250s per category ${JSON.stringify(perCategory)}` +
        (failures.length
          ? `; processing failures (kept for a retry): ${JSON.stringify(failures)}`
          : ""),
    );

    expect(others, "every message gets 250 or 552").toEqual([]);
    expect(count(250) + count(552)).toBe(sent);
    expect(count(552)).toBeGreaterThan(0);
    expect(
      answers.every(
        (a, i) =>
          a === undefined || (a.code === 552) === asStored(messages[i]!.raw).length > MAX_BYTES,
      ),
      "552 exactly for the messages over the limit",
    ).toBe(true);
    expect(storedRefused, "nothing of a refused message is stored").toEqual([]);
    expect(mismatched, "each stored raw message is byte-identical to what was sent").toEqual([]);
    expect(rows.length).toBe(count(250));
    expect(listenerErrors).toEqual([]);
  });
});
