// Outbound mail over real SMTP sockets: a sink on 127.0.0.1 receives what the worker sends.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { applyEvent } from "../src/app/apply-event.ts";
import { createIntro } from "../src/app/create-intro.ts";
import type { AppDeps } from "../src/app/deps.ts";
import { readIntro } from "../src/app/read-intros.ts";
import type { IntroEvent } from "../src/domain/types.ts";
import { httpApp } from "../src/http/app.ts";
import { drainOutbox } from "../src/jobs/outbox-worker.ts";
import { sweepTimers } from "../src/jobs/timer-sweep.ts";
import { BuiltInMailbox } from "../src/mail/outbound/mailbox.ts";
import {
  type MailTransport,
  mailboxTransport,
  relayTransport,
} from "../src/mail/outbound/transport.ts";
import { testDeps } from "./support/app.ts";
import { vouch } from "./support/cli.ts";
import { openTestDb, type TestDb } from "./support/databases.ts";
import { CLICK } from "./support/intros.ts";
import { startSink } from "./support/mail-sink.ts";
import { SEED_REQUEST } from "./support/seed.ts";

const people = {
  requester: { name: "Alice", email: "alice@example.com" },
  introducer: { name: "Jane", email: "jane@example.com" },
  target: { name: "Maya", email: "maya@example.com" },
};

let db: TestDb;
let sink: Awaited<ReturnType<typeof startSink>>;
let clock: { now: Date };
let deps: AppDeps;
let relay: MailTransport;

beforeAll(async () => {
  sink = await startSink();
  relay = relayTransport(sink.url);
});
afterAll(async () => {
  relay.close();
  await sink.close();
});
// Each test gets its own database, so timers and backlogs are its own.
beforeEach(async () => {
  db = await openTestDb("sqlite");
  clock = { now: new Date("2026-12-01T10:00:00.000Z") };
  deps = testDeps(db.store, clock);
  sink.messages.length = 0;
  sink.state.reject = undefined;
});
afterEach(() => db.drop());

async function send() {
  return drainOutbox(deps, relay);
}
const ev = (id: string, e: IntroEvent) => applyEvent(deps, id, e, "api");
const newIntro = () =>
  createIntro(deps, { ...people, requestText: SEED_REQUEST, submit: true }, "api");

describe("outbound mail over SMTP", () => {
  it("sends the seed's request to the introducer, from the requester via Vouch", async () => {
    const intro = await newIntro();
    expect(await send()).toMatchObject({ sent: 1, failed: 0 });
    const [m] = sink.messages;
    const [stored] = await db.store.listOutbox({ introId: intro.id });
    expect(m?.rcptTo).toEqual(["jane@example.com"]);
    expect(m?.mailFrom).toBe(`bounces+${stored?.id}@vouch.localhost`);
    expect(m?.headers["message-id"]).toBe(stored?.messageId);
    expect(m?.headers["message-id"]).toMatch(/^<[A-Za-z0-9_-]{24}@vouch\.localhost>$/);
    expect(m?.parsed.from).toEqual({
      name: "Alice via Vouch",
      address: `intros+${intro.threadToken}@vouch.localhost`,
    });
    expect(m?.headers["reply-to"]).toContain(`intros+${intro.threadToken}@vouch.localhost`);
    expect(m?.parsed.subject).toBe("REQUEST: intro Maya <> Alice");
    expect(m?.headers["auto-submitted"]).toBeUndefined();
    const text = m?.parsed.text ?? "";
    expect(
      text.startsWith("Hey Jane, could you introduce me to Maya? You can simply CC them, thanks!"),
    ).toBe(true);
    expect(text).toContain(
      "Hey Maya,\n\nI'd greatly appreciate a chance to chat with you about building a career in Tech.",
    );
    expect(text).toMatch(/Ask Maya: http:\/\/localhost:3000\/a\/[\w-]+\.[\w-]{32}\n/);
    expect(m?.parsed.html).toContain("Hey Maya,");
    expect(m?.raw).not.toContain("__vouch_link_");
    expect((await db.store.listOutbox({ introId: intro.id }))[0]?.status).toBe("sent");
  });

  it("threads the flow: consent in its own thread, the intro replying to the request", async () => {
    const intro = await newIntro();
    await ev(intro.id, {
      type: "forward_for_consent",
      actor: "introducer",
      note: "Alice is lovely.",
    });
    await ev(intro.id, { type: "accept", actor: "target", evidence: CLICK });
    await send();
    const [request, consent, introduction] = sink.messages;
    expect(consent?.rcptTo).toEqual(["maya@example.com"]);
    expect(consent?.parsed.subject).toBe("Would you like an intro to Alice?");
    expect(consent?.headers["in-reply-to"]).toBeUndefined();
    expect(consent?.parsed.from?.name).toBe("Jane via Vouch");
    // Before consent, the target sees nothing of the requester's address.
    expect(consent?.raw).not.toContain("alice@example.com");
    expect(consent?.parsed.text).toContain("Alice is lovely.");

    expect(introduction?.parsed.from?.name).toBe("Jane via Vouch");
    expect(introduction?.parsed.to?.map((a) => a.address)).toEqual(["maya@example.com"]);
    expect(introduction?.parsed.cc?.map((a) => a.address)).toEqual(["alice@example.com"]);
    expect(introduction?.rcptTo.sort()).toEqual(["alice@example.com", "maya@example.com"]);
    expect(introduction?.headers.bcc).toBeUndefined();
    expect(introduction?.parsed.subject).toBe("Re: REQUEST: intro Maya <> Alice");
    expect(introduction?.headers["in-reply-to"]).toBe(request?.headers["message-id"]);
    expect(introduction?.headers.references).toBe(request?.headers["message-id"]);
    expect(introduction?.parsed.text).toMatch(/Maya, meet Alice/);
    expect(introduction?.parsed.text).toMatch(/Alice, meet Maya/);
  });

  it("marks reminders as automatic and lets people unsubscribe from them in one click", async () => {
    const intro = await newIntro();
    await ev(intro.id, { type: "forward_for_consent", actor: "introducer" });
    await ev(intro.id, { type: "accept", actor: "target", evidence: CLICK });
    await send();
    clock.now = new Date("2026-12-02T10:00:00.000Z");
    expect((await sweepTimers(deps, clock.now)).fired).toBe(1);
    await send();
    const nudge = sink.messages.at(-1);
    expect(nudge?.rcptTo).toEqual(["alice@example.com"]);
    expect(nudge?.headers["auto-submitted"]).toBe("auto-generated");
    expect(nudge?.headers["x-auto-response-suppress"]).toBe("OOF, AutoReply");
    expect(nudge?.headers["list-unsubscribe-post"]).toBe("List-Unsubscribe=One-Click");
    expect(nudge?.parsed.text).toContain("Thanks for the intro Jane (moved to BCC).");
    const unsub = /<([^>]+)>/.exec(nudge?.headers["list-unsubscribe"] ?? "")?.[1] ?? "";
    expect(unsub).toMatch(/^http:\/\/localhost:3000\/unsubscribe\//);

    const app = httpApp(deps, { log: () => {} });
    const path = new URL(unsub).pathname;
    expect((await app.request(path)).status).toBe(200); // a GET only asks
    expect(await db.store.getPrefs("alice@example.com")).toEqual({});
    const post = await app.request(path, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "List-Unsubscribe=One-Click",
    });
    expect(post.status).toBe(200);
    expect(await db.store.getPrefs("alice@example.com")).toEqual({ mutedCategories: ["coaching"] });
    // The week-later follow-up draft is coaching too: now skipped, and recorded as such.
    clock.now = new Date("2026-12-08T10:00:01.000Z");
    await sweepTimers(deps, clock.now);
    expect(await send()).toMatchObject({ sent: 0, skipped: 1 });
    expect((await app.request("/unsubscribe/forged.token")).status).toBe(404);
  });

  it("marks a 5xx as failed, visible in /health, and never loses it silently", async () => {
    sink.state.reject = { code: 550, message: "No such user" };
    const intro = await newIntro();
    expect(await send()).toMatchObject({ sent: 0, failed: 1 });
    const [row] = await db.store.listOutbox({ introId: intro.id });
    expect(row?.status).toBe("failed");
    expect(row?.lastError).toMatch(/550/);
    const health = (await (await httpApp(deps, { log: () => {} }).request("/health")).json()) as {
      mail: unknown;
    };
    expect(health.mail).toEqual({ pending: 0, failed: 1 });
    const asOperator = await readIntro(deps, intro.id, { operator: true });
    expect(asOperator.emails).toEqual([
      expect.objectContaining({
        template: "request_to_introducer",
        status: "failed",
        to: ["jane@example.com"],
      }),
    ]);
    // The introducer sees it too (it was theirs); the requester does not see mail to others.
    const asRequester = await readIntro(deps, intro.id, { email: "alice@example.com" });
    expect(asRequester.emails).toEqual([]);
  });

  it("retries a 4xx later with the same Message-ID", async () => {
    sink.state.reject = { code: 451, message: "Try again later" };
    const intro = await newIntro();
    expect(await send()).toMatchObject({ retried: 1 });
    const [row] = await db.store.listOutbox({ introId: intro.id });
    expect(row?.status).toBe("pending");
    sink.state.reject = undefined;
    expect(await send()).toMatchObject({ sent: 0 }); // backing off: not due yet
    clock.now = new Date(clock.now.getTime() + 31_000);
    expect(await send()).toMatchObject({ sent: 1 });
    expect(sink.messages.at(-1)?.headers["message-id"]).toBe(row?.messageId);
  });

  it("keeps messages queued while the relay is unreachable", async () => {
    const down = relayTransport("smtp://127.0.0.1:9"); // nothing listens on port 9
    const intro = await newIntro();
    const r = await drainOutbox(deps, down);
    down.close();
    expect(r).toMatchObject({ sent: 0, retried: 1, failed: 0 });
    expect((await db.store.listOutbox({ introId: intro.id }))[0]?.status).toBe("pending");
  });

  it("refuses a line break in a name before anything is queued", async () => {
    const before = (await db.store.listOutbox({})).length;
    await expect(
      createIntro(
        deps,
        {
          ...people,
          introducer: { name: "Jane\r\nBcc: eve@evil.test", email: "jane@example.com" },
          requestText: SEED_REQUEST,
          submit: true,
        },
        "api",
      ),
    ).rejects.toMatchObject({ code: "HEADER_INJECTION" });
    expect((await db.store.listOutbox({})).length).toBe(before);
  });
});

describe("one-click links", () => {
  it("shows a confirmation on GET, acts once on POST, and explains a used or expired link", async () => {
    const intro = await newIntro();
    await send();
    const text = sink.messages.at(-1)?.parsed.text ?? "";
    const link = (label: string) =>
      new URL(new RegExp(`${label}: (\\S+)`).exec(text)?.[1] ?? "").pathname;
    const app = httpApp(deps, { log: () => {} });

    const get = await app.request(link("Ask Maya"));
    expect(get.status).toBe(200);
    expect(await get.text()).toContain("Ask Maya if they&#39;d like the intro");
    // A link scanner's GET changes nothing.
    expect((await db.store.getIntro(intro.id))?.status).toBe("requested");

    const post = await app.request(link("Ask Maya"), {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "note=She+will+like+Alice",
    });
    expect(post.status).toBe(200);
    const after = await readIntro(deps, intro.id, { operator: true });
    expect(after.status).toBe("consent_requested");
    expect(after.events.at(-1)).toMatchObject({
      type: "forward_for_consent",
      channel: "web",
      data: { note: "She will like Alice" },
    });

    const again = await app.request(link("Ask Maya"), { method: "POST" });
    expect(again.status).toBe(410);
    expect(await again.text()).toContain("already used");

    // Another link of the same email, now moot: nothing changes, and the page says why.
    const moot = await app.request(link("Decline kindly"), { method: "POST" });
    expect(moot.status).toBe(409);
    expect((await db.store.getIntro(intro.id))?.status).toBe("consent_requested");

    clock.now = new Date(clock.now.getTime() + 31 * 86_400_000);
    const expired = await app.request(link("Ask Alice for changes"));
    expect(expired.status).toBe(410);
    expect(await expired.text()).toContain("expired");
    expect((await app.request("/a/not-a-real-token")).status).toBe(404);
  });
});

describe("built-in mailbox", () => {
  it("keeps mail in the data dir, readable with vouch mail outbox --json", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "vouch-mailbox-"));
    const box = mailboxTransport(new BuiltInMailbox(dataDir));
    const intro = await newIntro();
    await drainOutbox(deps, box);
    const r = await vouch(["mail", "outbox", "--to", "jane@example.com", "--json"], {
      VOUCH_DATA_DIR: dataDir,
    });
    expect(r.stderr).toBe("");
    const list = JSON.parse(r.stdout);
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({
      to: ["jane@example.com"],
      cc: [],
      subject: "REQUEST: intro Maya <> Alice",
      introId: intro.id,
    });
    for (const k of ["messageId", "from", "text", "html", "headers", "sentAt"])
      expect(list[0][k]).toBeTruthy();
    expect(list[0].headers["message-id"]).toBe(list[0].messageId);
    const none = await vouch(["mail", "outbox", "--to", "nobody@example.com", "--json"], {
      VOUCH_DATA_DIR: dataDir,
    });
    expect(JSON.parse(none.stdout)).toEqual([]);

    const app = httpApp(deps, { log: () => {}, devMailbox: new BuiltInMailbox(dataDir) });
    const page = await (
      await app.request("/dev/mail", {}, { incoming: { socket: { remoteAddress: "127.0.0.1" } } })
    ).text();
    expect(page).toContain("REQUEST: intro Maya &lt;&gt; Alice");
    expect(page).toContain(intro.id);
    const noDevMail = httpApp(deps, { log: () => {} });
    expect(
      (
        await noDevMail.request(
          "/dev/mail",
          {},
          { incoming: { socket: { remoteAddress: "127.0.0.1" } } },
        )
      ).status,
    ).toBe(404);
  });
});
