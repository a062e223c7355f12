// Introducing from your own mailbox, in the web app: the introducer chooses it in Preferences,
// and once the target says yes the intro page gives them the introduction ready to send (a
// mailto: with the target in To, the requester in CC, Vouch in BCC) and "I've sent it".
import { afterAll, beforeAll, expect, it } from "vitest";
import { applyEvent } from "../../src/app/apply-event.ts";
import { createIntro } from "../../src/app/create-intro.ts";
import { testDeps } from "../support/app.ts";
import { openTestDb, type TestDb } from "../support/databases.ts";
import { CLICK, seedRequestInput } from "../support/intros.ts";
import { signIn, webTestApp } from "./support.ts";

let db: TestDb;
beforeAll(async () => {
  db = await openTestDb("sqlite");
});
afterAll(() => db.drop());

it("an introducer who writes from their own mailbox gets the introduction on the intro page", async () => {
  const deps = testDeps(db.store);
  const app = webTestApp(deps);
  const jane = await signIn(app, deps, "jane@example.com");
  expect((await jane.get("/preferences")).text).toContain('value="relay" checked');
  const saved = await jane.post("/preferences", {
    topics: "",
    timeZone: "UTC",
    introduceFrom: "own_mailbox",
  });
  expect(saved.status).toBe(303);
  expect((await jane.get("/preferences")).text).toContain('value="own_mailbox" checked');

  const intro = await createIntro(deps, seedRequestInput(), "api");
  await applyEvent(deps, intro.id, { type: "forward_for_consent", actor: "introducer" }, "api");
  expect((await jane.get(`/intros/${intro.id}`)).text).not.toContain("Write it from my mail app");
  await applyEvent(deps, intro.id, { type: "accept", actor: "target", evidence: CLICK }, "api");
  const page = (await jane.get(`/intros/${intro.id}`)).text;
  expect(page).toContain("Write it from my mail app");
  const mailto = (/id="own-mailto" href="([^"]+)"/.exec(page)?.[1] ?? "").replaceAll("&amp;", "&");
  expect(mailto).toMatch(/^mailto:maya@example\.com\?cc=alice@example\.com&bcc=intros%2B/);
  expect((await db.store.getIntro(intro.id))?.status).toBe("consent_requested");
  const sent = await jane.post(`/intros/${intro.id}/act`, { event: "own_sent" });
  expect(sent.status).toBe(303);
  const after = await db.store.getIntro(intro.id);
  expect(after?.status).toBe("introduced");
  expect((await db.store.listEvents(intro.id)).at(-1)).toMatchObject({
    type: "own_intro_sent",
    channel: "web",
  });
});
