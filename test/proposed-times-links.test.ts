// Proposed times reach the other party with a one-click "Confirm <time>" per slot: the GET only
// shows what will happen, the POST confirms the meeting (invite to both, `met` at end + 2 h), and
// a used or expired link shows a friendly page. The introducer, once in BCC, hears nothing.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { applyEvent } from "../src/app/apply-event.ts";
import type { AppDeps } from "../src/app/deps.ts";
import { readIntro } from "../src/app/read-intros.ts";
import type { IntroEvent } from "../src/domain/types.ts";
import { drainOutbox } from "../src/jobs/outbox-worker.ts";
import { sweepTimers } from "../src/jobs/timer-sweep.ts";
import { relayTransport } from "../src/mail/outbound/transport.ts";
import { actionPages } from "../src/web/action-pages.ts";
import { testDeps } from "./support/app.ts";
import { openTestDb, type TestDb } from "./support/databases.ts";
import { introducedIntro } from "./support/intros.ts";
import { startSink } from "./support/mail-sink.ts";

let db: TestDb;
let deps: AppDeps;
let sink: Awaited<ReturnType<typeof startSink>>;
let pages: ReturnType<typeof actionPages>;
const clock = { now: new Date("2026-12-01T10:00:00.000Z") };

beforeAll(async () => {
  db = await openTestDb("sqlite");
  deps = testDeps(db.store, clock);
  sink = await startSink();
  pages = actionPages(deps);
  await db.store.updatePrefs("maya@example.com", { timeZone: "America/New_York" }, clock.now);
  await db.store.updatePrefs("alice@example.com", { timeZone: "Europe/Paris" }, clock.now);
});
afterAll(async () => {
  await sink.close();
  await db.drop();
});
beforeEach(() => {
  clock.now = new Date("2026-12-01T10:00:00.000Z");
});

async function introduced(requester: string) {
  const intro = await introducedIntro(deps, { requester });
  await flush();
  return intro;
}

/** Someone proposes times (as the API and the web app do); the emails that went out for it. */
async function proposeAndSend(
  introId: string,
  proposal: Omit<Extract<IntroEvent, { type: "propose_times" }>, "type">,
) {
  const n = sink.messages.length;
  await applyEvent(deps, introId, { type: "propose_times", ...proposal }, "api");
  await flush();
  return sink.messages.slice(n);
}

async function flush() {
  const relay = relayTransport(sink.url);
  await drainOutbox(deps, relay);
  relay.close();
}

/** The "Confirm <time>: URL" lines of a plain-text part. */
function confirmLinks(text: string): Array<{ label: string; path: string }> {
  return [...text.matchAll(/^(Confirm [^:\n]+:\d\d): http:\/\/localhost:3000(\/a\/\S+)$/gm)].map(
    (m) => ({ label: m[1] as string, path: m[2] as string }),
  );
}

const get = (path: string) => pages.request(path);
const post = (path: string) =>
  pages.request(path, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: "",
  });

describe("one-click confirm of a proposed time", () => {
  it("offers each time to the other party in their zone, and confirms one by link", async () => {
    const intro = await introduced("alice@example.com");
    // Alice moves Jane to BCC, then proposes two times (as the API and the web app do).
    await applyEvent(
      deps,
      intro.id,
      { type: "reply_in_thread", actor: "requester", movedIntroducerToBcc: true },
      "api",
    );
    const offers = await proposeAndSend(intro.id, {
      actor: "requester",
      times: ["2026-12-03T14:00:00Z", "2026-12-04T19:00:00Z", "2026-11-30T10:00:00Z"],
    });
    // Where this test's mail starts in the sink.
    const n = sink.messages.length - offers.length;
    // Only Maya hears of it: not Jane (in BCC), not Alice who proposed.
    expect(offers.map((m) => m.rcptTo)).toEqual([["maya@example.com"]]);
    const text = offers[0]?.parsed.text ?? "";
    // In Maya's zone (New York), named; the time already past is not offered.
    expect(text).toContain("Thursday 3 December 2026, 09:00–09:30 (America/New_York time)");
    expect(text).toContain("Friday 4 December 2026, 14:00–14:30 (America/New_York time)");
    expect(text).not.toContain("30 November");
    const links = confirmLinks(text);
    expect(links.map((l) => l.label)).toEqual([
      "Confirm Thu 3 Dec, 09:00",
      "Confirm Fri 4 Dec, 14:00",
    ]);
    const thursday = links[0]?.path ?? "";

    // A scanner (or the person) opening the link changes nothing, however often.
    for (let i = 0; i < 2; i++) {
      const page = await get(thursday);
      expect(page.status).toBe(200);
      const html = await page.text();
      expect(html).toContain(
        "Confirm Thursday 3 December 2026, 09:00–09:30 (America/New_York time)",
      );
      expect(html).toContain('<form method="post">');
    }
    const before = await readIntro(deps, intro.id, { operator: true });
    expect(before.status).toBe("connected");
    expect(before.meeting).toBeNull();
    await flush();
    expect(sink.messages.length).toBe(n + 1);

    // The POST confirms that slot: scheduled, in the organiser's (Alice's) zone.
    const done = await post(thursday);
    expect(done.status).toBe(200);
    expect(await done.text()).toContain("A calendar invite is on its way to you both.");
    const after = await readIntro(deps, intro.id, { operator: true });
    expect(after.status).toBe("scheduled");
    expect(after.meeting).toMatchObject({
      start: "2026-12-03T14:00:00.000Z",
      end: "2026-12-03T14:30:00.000Z",
      timeZone: "Europe/Paris",
    });
    expect(after.events.at(-1)).toMatchObject({
      type: "confirm_meeting",
      actor: "target",
      channel: "web",
    });
    // `met` follows the meeting's end plus 2 hours.
    expect(after.nextTimerAt).toBe("2026-12-03T16:30:00.000Z");

    // The invite goes to both (METHOD:REQUEST, in Paris time), and never to Jane.
    await flush();
    const invites = sink.messages.slice(n + 1);
    expect(invites.map((m) => m.rcptTo.sort())).toEqual([
      ["alice@example.com", "maya@example.com"],
    ]);
    expect(invites[0]?.raw).toContain("METHOD:REQUEST");
    expect(invites[0]?.raw).toMatch(/DTSTART;TZID=Europe\/Paris:20261203T150000/);
    expect(sink.messages.slice(n).some((m) => m.rcptTo.includes("jane@example.com"))).toBe(false);

    // The sweep at end + 2 h marks it met.
    expect((await sweepTimers(deps, new Date("2026-12-03T16:29:59Z"))).fired).toBe(0);
    await sweepTimers(deps, new Date("2026-12-03T16:30:00Z"));
    expect((await readIntro(deps, intro.id, { operator: true })).status).toBe("met");
  });

  it("shows the friendly page for a used link and for an expired one, changing nothing", async () => {
    const intro = await introduced("alice2@example.com");
    // Maya proposes this time: Alice (in her own zone, Paris) gets the links; Jane, still in
    // the thread, gets no links either: they are for the one who confirms.
    const offers = await proposeAndSend(intro.id, {
      actor: "target",
      times: ["2026-12-03T14:00:00Z", "2027-03-01T09:00:00Z"],
    });
    expect(offers.map((m) => m.rcptTo)).toEqual([["alice2@example.com"]]);
    const links = confirmLinks(offers[0]?.parsed.text ?? "");
    // Alice2 has no preference: UTC, named.
    expect(offers[0]?.parsed.text).toContain("(UTC time)");
    expect(links).toHaveLength(2);
    const [first, later] = links.map((l) => l.path) as [string, string];

    expect((await post(first)).status).toBe(200);
    const used = await post(first);
    expect(used.status).toBe(410);
    expect(await used.text()).toContain("This link was already used");
    const usedGet = await get(first);
    expect(usedGet.status).toBe(410);
    expect(await usedGet.text()).toContain("Each link works once");

    // 31 days on, the other slot's link has expired (links last 30 days).
    clock.now = new Date("2027-01-01T10:00:00.000Z");
    const expired = await get(later);
    expect(expired.status).toBe(410);
    expect(await expired.text()).toContain("This link has expired");
    expect((await post(later)).status).toBe(410);
    const v = await readIntro(deps, intro.id, { operator: true });
    expect(v.meeting?.start).toBe("2026-12-03T14:00:00.000Z");
  });

  it("treats a slot whose time has passed as expired, and a mangled link as unknown", async () => {
    const intro = await introduced("alice3@example.com");
    const offers = await proposeAndSend(intro.id, {
      actor: "requester",
      times: ["2026-12-02T09:00:00Z"],
    });
    const [link] = confirmLinks(offers[0]?.parsed.text ?? "");
    clock.now = new Date("2026-12-02T09:00:00.000Z");
    const page = await get(link?.path ?? "");
    expect(page.status).toBe(410);
    expect(await page.text()).toContain("This link has expired");
    expect((await get(`${link?.path}x`)).status).toBe(404);
    const v = await readIntro(deps, intro.id, { operator: true });
    expect(v).toMatchObject({ status: "connected", meeting: null });
  });

  it("sends the proposer's scheduling link with the times, linked in HTML", async () => {
    const intro = await introduced("alice4@example.com");
    const offers = await proposeAndSend(intro.id, {
      actor: "requester",
      times: ["2026-12-03T14:00:00Z"],
      links: ["https://cal.com/alice/30?tz=UTC&d=30"],
    });
    expect(offers.map((m) => m.rcptTo)).toEqual([["maya@example.com"]]);
    const text = offers[0]?.parsed.text ?? "";
    expect(confirmLinks(text).map((l) => l.label)).toEqual(["Confirm Thu 3 Dec, 09:00"]);
    expect(text).toContain(
      "Or pick a time on Alice's scheduling page: https://cal.com/alice/30?tz=UTC&d=30",
    );
    expect(offers[0]?.parsed.html).toContain('<a href="https://cal.com/alice/30?tz=UTC&amp;d=30"');
  });

  it("sends scheduling links alone, without confirm buttons, when no time is still ahead", async () => {
    const intro = await introduced("alice5@example.com");
    // Maya shares her booking page, with a time already past: Alice gets the page alone.
    const offers = await proposeAndSend(intro.id, {
      actor: "target",
      times: ["2026-11-30T10:00:00Z"],
      links: ["https://calendly.com/maya/20"],
    });
    expect(offers.map((m) => m.rcptTo)).toEqual([["alice5@example.com"]]);
    const text = offers[0]?.parsed.text ?? "";
    expect(text).toContain("Maya would like to find a time to meet.");
    expect(text).toContain(
      "Pick one that suits you on Maya's scheduling page: https://calendly.com/maya/20",
    );
    expect(text).not.toContain("Confirm");
    expect(text).not.toContain("30 November");
    expect(offers[0]?.parsed.html).not.toContain("/a/");

    // Neither a time ahead nor a link: nobody is emailed.
    const none = await proposeAndSend(intro.id, {
      actor: "target",
      times: ["2026-11-30T11:00:00Z"],
    });
    expect(none).toEqual([]);
  });
});
