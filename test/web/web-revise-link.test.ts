// The "Revise your request" button of the email the requester gets when the introducer asks for
// changes (issue 15): it opens the composer's revise view of that intro, signing the requester in
// with the one-click token when they are not, and the token works once. The email is sent by the
// outbox worker over SMTP, and the link is read from the message as it arrived.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyEvent } from "../../src/app/apply-event.ts";
import type { AppDeps } from "../../src/app/deps.ts";
import { resolveLinkToken } from "../../src/app/link-tokens.ts";
import { drainOutbox } from "../../src/jobs/outbox-worker.ts";
import { relayTransport } from "../../src/mail/outbound/transport.ts";
import { testDeps } from "../support/app.ts";
import { openTestDb, type TestDb } from "../support/databases.ts";
import { startSink } from "../support/mail-sink.ts";
import { type App, signIn, WebClient, webTestApp } from "./support.ts";
import { seedFields, sendRequest } from "./web-fixtures.ts";

let db: TestDb;
let deps: AppDeps;
let app: App;
let sink: Awaited<ReturnType<typeof startSink>>;
let alice: WebClient;
let jane: WebClient;

beforeAll(async () => {
  db = await openTestDb("sqlite");
  deps = testDeps(db.store);
  app = webTestApp(deps);
  sink = await startSink();
  alice = await signIn(app, deps, "alice@example.com", "10.0.7.1");
  jane = await signIn(app, deps, "jane@example.com", "10.0.7.2");
});
afterAll(async () => {
  await sink.close();
  await db.drop();
});

async function send() {
  const relay = relayTransport(sink.url);
  await drainOutbox(deps, relay);
  relay.close();
}

/** A request Jane asked Alice to change; the path of the Revise button in the email Alice got. */
async function changesAsked(): Promise<{ id: string; link: string }> {
  const id = await sendRequest(alice, seedFields());
  const r = await jane.post(`/intros/${id}/act`, {
    event: "ask_changes",
    note: "Say which team you mean.",
  });
  expect(r.status).toBe(303);
  const n = sink.messages.length;
  await send();
  const mail = sink.messages
    .slice(n)
    .find(
      (m) => m.rcptTo.includes("alice@example.com") && /Say which team/.test(m.parsed.text ?? ""),
    );
  const url = /^Revise your request: (\S+)$/m.exec(mail?.parsed.text ?? "")?.[1];
  if (!url) throw new Error(`no Revise link in ${mail?.parsed.text}`);
  // The HTML part's button is the same link.
  expect(mail?.parsed.html).toContain(`href="${url}"`);
  return { id, link: new URL(url).pathname };
}

const statusOf = async (id: string) => (await deps.store.getIntro(id))?.status;

describe("the emailed Revise button", () => {
  it("signs the requester in once and opens the composer's revise view", async () => {
    const { id, link } = await changesAsked();
    const browser = new WebClient(app, "10.0.7.3");
    // Opening it (a mail scanner, or the person) changes nothing and signs nobody in.
    for (let i = 0; i < 2; i++) {
      const page = await browser.get(link);
      expect(page.status).toBe(200);
      expect(page.text).toContain("Revise your request");
      expect(page.text).toContain("Open my request");
    }
    expect(browser.cookies.has("vouch_session")).toBe(false);
    expect((await browser.get(`/intros/${id}/revise`)).status).toBe(303);

    // A form posted from elsewhere (no token of this browser) is refused, the link kept.
    const forged = await browser.request("POST", link, { _csrf: "x" });
    expect(forged.status).toBe(403);
    expect(browser.cookies.has("vouch_session")).toBe(false);

    const opened = await browser.post(link);
    expect(opened.status).toBe(303);
    expect(opened.location).toBe(`/intros/${id}/revise`);
    expect(browser.cookies.has("vouch_session")).toBe(true);
    const composer = await browser.get(opened.location ?? "");
    expect(composer.status).toBe(200);
    expect(composer.text).toContain('id="c-request"');
    expect(composer.text).toContain("Say which team you mean.");
    expect(composer.text).toContain("alice@example.com");
    expect(await statusOf(id)).toBe("changes_requested");

    // The link worked once: another browser gets the used page, and is not signed in.
    const other = new WebClient(app, "10.0.7.4");
    const again = await other.get(link);
    expect(again.status).toBe(410);
    expect(again.text).toContain("This link was already used");
    const reused = await other.post(link);
    expect(reused.status).toBe(410);
    expect(other.cookies.has("vouch_session")).toBe(false);

    // Revised in the composer, with the coach, it goes back to Jane.
    const text = (await deps.store.getIntro(id))?.requestText.replace(
      "in Tech",
      "in Tech, on the platform team",
    );
    const sent = await browser.post(`/intros/${id}/revise`, { do: "send", request: text ?? "" });
    expect(sent.status).toBe(303);
    expect(await statusOf(id)).toBe("requested");
  });

  it("goes straight to the composer when the requester is already signed in", async () => {
    const { id, link } = await changesAsked();
    const r = await alice.get(link);
    expect(r.status).toBe(303);
    expect(r.location).toBe(`/intros/${id}/revise`);
    // Left unused: a browser that is not signed in can still use it.
    expect((await new WebClient(app, "10.0.7.5").get(link)).status).toBe(200);
  });

  it("signs nobody in once the intro has moved on, and keeps the link", async () => {
    const { id, link } = await changesAsked();
    await applyEvent(deps, id, { type: "withdraw", actor: "requester" }, "api");
    const browser = new WebClient(app, "10.0.7.6");
    const page = await browser.get(link);
    expect(page.status).toBe(409);
    expect(page.text).toContain("This has already moved on");
    expect(page.text).not.toContain("Open my request");
    const post = await browser.post(link);
    expect(post.status).toBe(409);
    expect(browser.cookies.has("vouch_session")).toBe(false);
    const token = await resolveLinkToken(deps, link.replace("/a/", ""));
    expect(token?.action).toBe("revise");
    expect(token?.usedAt).toBeNull();
  });

  it("is not a link for anyone else's intro", async () => {
    const { link } = await changesAsked();
    // Jane, signed in, opens Alice's link: she sees the page (it is the link that signs in), not
    // Alice's composer straight away.
    const r = await jane.get(link);
    expect(r.status).toBe(200);
    expect(r.text).toContain("Open my request");
    expect((await app.request("/a/not-a-real-token")).status).toBe(404);
  });
});
