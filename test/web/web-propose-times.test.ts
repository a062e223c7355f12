// Proposing times from the intro page (no JavaScript): typed in the proposer's own zone, refused
// when past, skipped by the clocks or with a link that is not https (the form keeping what was
// typed), then offered to the other party by email with a one-click confirm per slot, and shown on
// the intro page until a meeting is agreed.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppDeps } from "../../src/app/deps.ts";
import { httpApp } from "../../src/http/app.ts";
import { drainOutbox } from "../../src/jobs/outbox-worker.ts";
import { BuiltInMailbox } from "../../src/mail/outbound/mailbox.ts";
import { mailboxTransport } from "../../src/mail/outbound/transport.ts";
import { testDeps } from "../support/app.ts";
import { openTestDb, type TestDb } from "../support/databases.ts";
import { type App, signIn, type WebClient, webTestApp } from "./support.ts";
import { seedFields, sendRequest } from "./web-fixtures.ts";

let db: TestDb;
let deps: AppDeps;
let app: App;
let alice: WebClient;
let jane: WebClient;
let maya: WebClient;
let id: string;
let dir: string;
// Before New York and Paris leave daylight time (25 October and 1 November 2026).
const clock = { now: new Date("2026-10-20T12:00:00.000Z") };
/** What the request itself proposed, and the offers made before the form was used. */
let requested: string[] = [];
let offeredBefore = 0;

beforeAll(async () => {
  db = await openTestDb("sqlite");
  deps = testDeps(db.store, clock);
  app = webTestApp(deps);
  dir = mkdtempSync(join(tmpdir(), "vouch-propose-"));
  alice = await signIn(app, deps, "alice@example.com", "10.0.4.1");
  jane = await signIn(app, deps, "jane@example.com", "10.0.4.2");
  maya = await signIn(app, deps, "maya@example.com", "10.0.4.3");
  await alice.post("/preferences", { timeZone: "America/New_York", topics: "" });
  await maya.post("/preferences", { timeZone: "Europe/Paris", topics: "" });
  id = await sendRequest(alice, seedFields());
  await jane.post(`/intros/${id}/act`, { event: "forward" });
  await maya.post(`/intros/${id}/act`, { event: "accept" });
  expect((await deps.store.getIntro(id))?.status).toBe("introduced");
  // The request itself proposed "this Friday afternoon at, say, 3pm" (New York): that slot was
  // offered to Maya with the introduction. The form's proposals come on top of it.
  requested = (await deps.store.getIntro(id))?.proposedTimes ?? [];
  expect(requested).toEqual(["2026-10-23T19:00:00.000Z"]);
  expect((await offers()).map((o) => o.to.map((t) => t.email))).toEqual([["maya@example.com"]]);
  offeredBefore = (await offers()).length;
});
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await db.drop();
});

const propose = (who: WebClient, fields: Record<string, string>) =>
  who.post(`/intros/${id}/act`, { event: "propose_times", ...fields });
const offers = async () =>
  (await deps.store.listOutbox({ introId: id })).filter((m) => m.template === "proposed_times");
/** Nothing was proposed and nobody was emailed. */
async function expectNothingProposed() {
  const intro = await deps.store.getIntro(id);
  expect(intro?.proposedTimes).toEqual(requested);
  expect(intro?.schedulingLinks).toEqual([]);
  expect(await offers()).toHaveLength(offeredBefore);
}
/** The form's <input> (or <select>) named `name`, as rendered. */
const control = (page: string, name: string) =>
  new RegExp(`<(input|select)[^>]* name="${name}"[^>]*>`).exec(page)?.[0] ?? "";

/** The zone selected in the form's own zone list. */
const zoneChosen = (page: string) =>
  /<select id="p-zone" name="zone">(?:(?!<\/select>)[\s\S])*?<option value="([^"]+)" selected>/.exec(
    page,
  )?.[1];

describe("the form", () => {
  it("is offered to the requester and the target in their own zone, every control labelled", async () => {
    const a = (await alice.get(`/intros/${id}`)).text;
    expect(a).toContain('aria-label="Propose times to Maya"');
    for (const forId of ["p-time1", "p-time2", "p-time3", "p-zone", "p-link"]) {
      expect(a).toContain(`<label for="${forId}">`);
      expect(a).toContain(`id="${forId}"`);
    }
    expect(zoneChosen(a)).toBe("America/New_York");
    expect(control(a, "time1")).toContain("required");
    expect(control(a, "time2")).not.toContain("required");
    const m = (await maya.get(`/intros/${id}`)).text;
    expect(m).toContain('aria-label="Propose times to Alice"');
    expect(zoneChosen(m)).toBe("Europe/Paris");
  });

  it("is not offered to the introducer, who cannot propose by posting either", async () => {
    const j = (await jane.get(`/intros/${id}`)).text;
    expect(j).not.toContain("Propose times");
    expect(j).not.toContain('name="time1"');
    const r = await propose(jane, { time1: "2026-11-02T09:00", zone: "UTC" });
    expect(r.status).toBe(400);
    expect(r.text).toContain("You can&#39;t do that on this intro.");
    await expectNothingProposed();
  });
});

describe("refused proposals keep what was typed and change nothing", () => {
  it("a time already past", async () => {
    // 07:59 in New York on 20 October is 11:59Z, a minute before now.
    const r = await propose(alice, {
      time1: "2026-11-02T09:00",
      time2: "2026-10-20T07:59",
      zone: "America/New_York",
      link: "https://cal.com/alice/30",
    });
    expect(r.status).toBe(400);
    expect(r.text).toContain(
      "Second time: Tue 20 Oct 2026, 07:59 (America/New_York, UTC-04:00) has already passed. Propose a time that is still ahead.",
    );
    expect(control(r.text, "time1")).toContain('value="2026-11-02T09:00"');
    expect(control(r.text, "time2")).toContain('value="2026-10-20T07:59"');
    expect(control(r.text, "link")).toContain('value="https://cal.com/alice/30"');
    expect(zoneChosen(r.text)).toBe("America/New_York");
    await expectNothingProposed();
  });

  it("a link that is not a full https address", async () => {
    for (const link of ["http://cal.com/alice", "javascript:alert(1)", "cal.com/alice"]) {
      const r = await propose(alice, { time1: "2026-11-02T09:00", zone: "Europe/Paris", link });
      expect(r.status, link).toBe(400);
      expect(r.text).toContain("The scheduling link must be a full https:// address");
      expect(control(r.text, "link")).toContain(`value="${link}"`);
      expect(control(r.text, "time1")).toContain('value="2026-11-02T09:00"');
      // The zone they picked, not their preference.
      expect(zoneChosen(r.text)).toBe("Europe/Paris");
    }
    await expectNothingProposed();
  });

  it("no time, a time the clocks skip, or an unknown zone", async () => {
    const none = await propose(alice, { time1: "", zone: "America/New_York" });
    expect(none.status).toBe(400);
    expect(none.text).toContain("Give at least one time.");
    const gap = await propose(alice, { time1: "2027-03-14T02:30", zone: "America/New_York" });
    expect(gap.status).toBe(400);
    expect(gap.text).toContain(
      "First time: 2027-03-14 02:30 does not exist in America/New_York: the clocks jump forward then. Did you mean 03:30?",
    );
    expect(control(gap.text, "time1")).toContain('value="2027-03-14T02:30"');
    expect((await propose(alice, { time1: "2026-11-02T09:00", zone: "Mars/Olympus" })).status).toBe(
      400,
    );
    await expectNothingProposed();
  });

  it("a post without this browser's CSRF token", async () => {
    for (const token of ["", "forged", maya.csrf]) {
      const r = await alice.request("POST", `/intros/${id}/act`, {
        _csrf: token,
        event: "propose_times",
        time1: "2026-11-02T09:00",
        zone: "America/New_York",
      });
      expect(r.status).toBe(403);
    }
    await expectNothingProposed();
  });
});

describe("a proposal", () => {
  it("is shown to both in their own zone and offered to the target with a confirm per slot", async () => {
    const r = await propose(alice, {
      // After New York leaves daylight time: 14:00Z. Before: 13:00Z.
      time1: "2026-11-02T09:00",
      // Happens twice in New York (clocks go back at 02:00): the first, still UTC-4.
      time2: "2026-11-01T01:30",
      time3: "",
      zone: "America/New_York",
      link: "https://cal.com/alice/30",
    });
    expect(r.status).toBe(303);
    // The page Alice lands on says who was emailed; a made-up `done` says nothing.
    expect(r.location).toBe(`/intros/${id}?done=propose_times`);
    expect((await alice.get(r.location ?? "")).text).toContain(
      '<p class="ok" role="status">Sent: Maya gets these times by email, with a one-click confirm for each.</p>',
    );
    for (const made of ["constructor", "__proto__", "<script>", "accept"])
      expect(
        (await alice.get(`/intros/${id}?done=${encodeURIComponent(made)}`)).text,
      ).not.toContain('class="ok" role="status"');
    const intro = await deps.store.getIntro(id);
    expect(intro?.proposedTimes).toEqual([
      ...requested,
      "2026-11-02T14:00:00.000Z",
      "2026-11-01T05:30:00.000Z",
    ]);
    expect(intro?.schedulingLinks).toEqual(["https://cal.com/alice/30"]);
    expect(intro?.status).toBe("connected");
    const a = (await alice.get(`/intros/${id}`)).text;
    expect(a).toContain("Mon 2 Nov 2026, 09:00 (America/New_York, UTC-05:00)");
    expect(a).toContain("Sun 1 Nov 2026, 01:30 (America/New_York, UTC-04:00)");
    expect(a).toContain('<a href="https://cal.com/alice/30" rel="noopener noreferrer nofollow">');
    // A fresh form, not the one just sent.
    expect(control(a, "time1")).toContain('value=""');
    const m = (await maya.get(`/intros/${id}`)).text;
    expect(m).toContain("Mon 2 Nov 2026, 15:00 (Europe/Paris, UTC+01:00)");
    expect(m).toContain("Sun 1 Nov 2026, 06:30 (Europe/Paris, UTC+01:00)");

    // Maya alone is emailed (Jane is still in the thread, but never gets times).
    expect((await offers()).slice(offeredBefore).map((o) => o.to.map((t) => t.email))).toEqual([
      ["maya@example.com"],
    ]);
    const mailbox = new BuiltInMailbox(dir);
    await drainOutbox(deps, mailboxTransport(mailbox));
    const [offer, ...more] = mailbox
      .list()
      .filter((x) => x.text.includes("suggested these times to meet"));
    expect(more).toEqual([]);
    expect(offer?.envelopeTo).toEqual(["maya@example.com"]);
    expect(offer?.text).toContain("Monday 2 November 2026, 15:00–15:30 (Europe/Paris time)");
    const links = [
      ...(offer?.text ?? "").matchAll(
        /^(Confirm [^:\n]+:\d\d): http:\/\/localhost:3000(\/a\/\S+)$/gm,
      ),
    ];
    expect(links.map((l) => l[1])).toEqual([
      "Confirm Mon 2 Nov, 15:00",
      "Confirm Sun 1 Nov, 06:30",
    ]);

    // It is in the built-in mailbox's pages, and its link opens the confirmation page.
    const withMail = httpApp(deps, { log: () => {}, devMailbox: mailbox });
    const list = await (
      await withMail.request(
        `/dev/mail?to=${encodeURIComponent("maya@example.com")}`,
        {},
        { incoming: { socket: { remoteAddress: "127.0.0.1" } } },
      )
    ).text();
    expect(list).toContain(`/dev/mail/${encodeURIComponent(offer?.outboxId ?? "")}`);
    const confirm = await maya.get(links[0]?.[2] ?? "");
    expect(confirm.status).toBe(200);
    expect(confirm.text).toContain(
      "Confirm Monday 2 November 2026, 15:00–15:30 (Europe/Paris time)",
    );
  });

  it("from the target reaches the requester, in the requester's zone", async () => {
    expect((await propose(maya, { time1: "2026-11-05T18:00", zone: "Europe/Paris" })).status).toBe(
      303,
    );
    const last = (await offers()).at(-1);
    expect(last?.to.map((t) => t.email)).toEqual(["alice@example.com"]);
    expect(last?.text).toContain("Thursday 5 November 2026, 12:00–12:30 (America/New_York time)");
    expect((await deps.store.getIntro(id))?.proposedTimes).toContain("2026-11-05T17:00:00.000Z");
  });

  it("lists only the proposed times still ahead", async () => {
    const v = await deps.store.getIntro(id);
    const times = v?.proposedTimes ?? [];
    expect(times.length).toBeGreaterThan(0);
    const saved = clock.now;
    try {
      // Once every proposed time has passed, none is listed any more.
      const last = Math.max(...times.map((t) => Date.parse(t)));
      clock.now = new Date(last + 60_000);
      expect((await alice.get(`/intros/${id}`)).text).not.toContain("Times proposed");
    } finally {
      clock.now = saved;
    }
    expect((await alice.get(`/intros/${id}`)).text).toContain("Times proposed");
  });

  it("is no longer shown once a meeting is agreed, while the scheduling links stay", async () => {
    const before = (await alice.get(`/intros/${id}`)).text;
    expect(before).toContain("Times proposed");
    const r = await maya.post(`/intros/${id}/act`, {
      event: "confirm_meeting",
      start: "2026-11-05T18:00",
      minutes: "30",
      zone: "Europe/Paris",
    });
    expect(r.status).toBe(303);
    expect((await deps.store.getIntro(id))?.status).toBe("scheduled");
    for (const who of [alice, maya]) {
      const page = (await who.get(`/intros/${id}`)).text;
      expect(page).not.toContain("Times proposed");
      expect(page).not.toContain("Mon 2 Nov 2026");
      expect(page).toContain('<th scope="row">Meeting</th>');
      expect(page).toContain('<a href="https://cal.com/alice/30"');
    }
  });
});
