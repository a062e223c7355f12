// The seed's story with the introduction written from Jane's own mailbox, over real SMTP on
// 127.0.0.1: Alice asks through intros@, Jane asks Maya, Maya says yes, Vouch hands Jane the
// introduction to send herself with the thread address in BCC, her copy makes the intro, and
// Alice's reply with Jane moved to BCC connects them. Nothing is introduced before the yes.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyEvent } from "../src/app/apply-event.ts";
import { createIntro } from "../src/app/create-intro.ts";
import type { InboundDeps } from "../src/app/receive-mail.ts";
import type { Intro } from "../src/domain/types.ts";
import { testDeps } from "./support/app.ts";
import { openTestDb, type TestDb } from "./support/databases.ts";
import { withMailauth } from "./support/dns.ts";
import { seedRequestInput } from "./support/intros.ts";
import { SEED_REQUEST } from "./support/seed.ts";
import { inboundSmtp, type Mail } from "./support/smtp-in.ts";

let db: TestDb;
let deps: InboundDeps;
let smtp: Awaited<ReturnType<typeof inboundSmtp>>;
const clock = { now: new Date("2026-12-01T10:00:00.000Z") };

beforeAll(async () => {
  db = await openTestDb("sqlite");
  // example.com's SPF allows 127.0.0.1: mail from there authenticates, from 127.0.0.66 not.
  deps = withMailauth(testDeps(db.store, clock));
  smtp = await inboundSmtp(() => deps);
  // Jane introduces from her own mailbox.
  await db.store.updatePrefs("jane@example.com", { introduceFrom: "own_mailbox" }, clock.now);
});
afterAll(async () => {
  await smtp.close();
  await db.drop();
});

const deliver = (m: Mail, from = "127.0.0.1") => smtp.deliver(m, { from });
const thread = (i: Intro) => `intros+${i.threadToken}@vouch.localhost`;
const status = async (i: Intro) => (await db.store.getIntro(i.id))?.status;
const outbox = async (i: Intro) =>
  (await db.store.listOutbox({})).filter((m) => m.introId === i.id);

/** Jane's introduction from her own mailbox: Maya in To, Alice in CC, Vouch only in BCC. */
const janesIntro = (i: Intro, id: string): Mail => ({
  from: "Jane <jane@example.com>",
  to: "Maya <maya@example.com>",
  cc: "Alice <alice@example.com>",
  subject: "Re: REQUEST: intro Maya <> Alice",
  text: "Maya, meet Alice. Alice, meet Maya. I'll let you two take it from here.\n\nJane",
  messageId: `<${id}@example.com>`,
  envelope: { from: "jane@example.com", to: [thread(i)] },
});

describe("introducing from your own mailbox", () => {
  let intro: Intro;

  it("1-2. Alice asks through intros@ and Jane asks Maya, as in relay mode", async () => {
    await deliver({
      from: "Alice <alice@example.com>",
      to: "Jane <jane@example.com>",
      subject: "REQUEST: intro Maya <> Alice",
      text: SEED_REQUEST,
      messageId: "<own-alice-1@example.com>",
      envelope: { from: "alice@example.com", to: ["intros@vouch.localhost"] },
    });
    [intro] = (await db.store.listIntros({})) as [Intro];
    await deliver({
      from: "Jane <jane@example.com>",
      to: thread(intro),
      subject: "Re: REQUEST: intro Maya <> Alice",
      text: "Sure, I'll ask her! Her address is maya@example.com.",
      messageId: "<own-jane-1@example.com>",
      envelope: { from: "jane@example.com", to: [thread(intro)] },
    });
    expect(await status(intro)).toBe("consent_requested");
  });

  it("3. Maya's yes is recorded, and Jane gets the introduction ready to send from her mail app", async () => {
    await deliver({
      from: "Maya <maya@example.com>",
      to: thread(intro),
      subject: "Re: Would you like an intro to Alice?",
      text: "Happy to chat!",
      messageId: "<own-maya-yes@example.com>",
      envelope: { from: "maya@example.com", to: [thread(intro)] },
    });
    const now = await db.store.getIntro(intro.id);
    expect(now).toMatchObject({ status: "consent_requested", introduceFrom: "own_mailbox" });
    expect(now?.consent).not.toBeNull();
    const mails = await outbox(intro);
    expect(mails.some((m) => m.template === "introduction")).toBe(false);
    const ready = mails.find((m) => m.template === "own_intro_ready");
    expect(ready?.to.map((t) => t.email)).toEqual(["jane@example.com"]);
    // The mailto: Maya in To, Alice in CC, the thread address in BCC.
    // (The mailto: link is in the HTML part, its button "Write it from my mail app".)
    const mailto = (/href="(mailto:[^"]+)"/.exec(ready?.html ?? "")?.[1] ?? "").replaceAll(
      "&amp;",
      "&",
    );
    expect(ready?.html).toContain("Write it from my mail app");
    expect(decodeURIComponent(mailto)).toContain("mailto:maya@example.com?cc=alice@example.com");
    expect(decodeURIComponent(mailto)).toContain(`bcc=${thread(intro)}`);
  });

  it("a forged copy of the introduction changes nothing", async () => {
    await deliver(janesIntro(intro, "own-forged"), "127.0.0.66");
    expect(await status(intro)).toBe("consent_requested");
    const [kept] = (await db.store.listInbound({ status: "quarantined" })).filter(
      (m) => m.messageId === "<own-forged@example.com>",
    );
    expect(kept?.result).toMatchObject({ authenticated: false });
  });

  it("4. Jane's own copy in BCC makes the intro (channel own_mailbox); Vouch sends no introduction", async () => {
    await deliver(janesIntro(intro, "own-jane-intro"));
    expect(await status(intro)).toBe("introduced");
    const events = await db.store.listEvents(intro.id);
    expect(events.at(-1)).toMatchObject({ type: "own_intro_sent", channel: "own_mailbox" });
    expect((await outbox(intro)).some((m) => m.template === "introduction")).toBe(false);
  });

  it("5. Alice replies to Maya with Jane's thread address in BCC: connected, Jane moved to BCC", async () => {
    await deliver({
      from: "Alice <alice@example.com>",
      to: "Maya <maya@example.com>",
      subject: "Re: REQUEST: intro Maya <> Alice",
      text: "Thanks for the intro Jane (moved to BCC)!\n\nThanks Maya, would Thursday at 3pm work?\n\n-- Alice",
      messageId: "<own-alice-2@example.com>",
      envelope: { from: "alice@example.com", to: [thread(intro)] },
    });
    const now = await db.store.getIntro(intro.id);
    expect(now).toMatchObject({ status: "connected", introducerMovedToBcc: true });
  });

  it("an introduction sent before the target's yes is kept aside, and Jane is told why", async () => {
    const early = await createIntro(deps, seedRequestInput(), "api");
    await applyEvent(deps, early.id, { type: "forward_for_consent", actor: "introducer" }, "api");
    await deliver(janesIntro(early, "own-too-early"));
    expect(await status(early)).toBe("consent_requested");
    expect((await db.store.getIntro(early.id))?.consent).toBeNull();
    const told = (await outbox(early)).find((m) => m.template === "own_intro_early");
    expect(told?.to.map((t) => t.email)).toEqual(["jane@example.com"]);
    expect(told?.text).toContain("hasn't said yes yet");
  });
});
