// Meeting times entered in each person's own zone, through the intro page's form (no
// JavaScript): stored as an instant with the zone it was set in, shown in each reader's zone.
import { afterAll, beforeAll, expect, it } from "vitest";
import type { AppDeps } from "../../src/app/deps.ts";
import { testDeps } from "../support/app.ts";
import { openTestDb, type TestDb } from "../support/databases.ts";
import { signIn, type WebClient, webTestApp } from "./support.ts";
import { seedFields, sendRequest } from "./web-fixtures.ts";

let db: TestDb;
let deps: AppDeps;
let alice: WebClient;
let maya: WebClient;
let id: string;
// Before New York and Paris leave daylight time (25 October and 1 November 2026).
const clock = { now: new Date("2026-10-20T12:00:00.000Z") };

beforeAll(async () => {
  db = await openTestDb("sqlite");
  deps = testDeps(db.store, clock);
  const app = webTestApp(deps);
  alice = await signIn(app, deps, "alice@example.com", "10.0.3.1");
  const jane = await signIn(app, deps, "jane@example.com", "10.0.3.2");
  maya = await signIn(app, deps, "maya@example.com", "10.0.3.3");
  expect(
    (await alice.post("/preferences", { timeZone: "America/New_York", topics: "" })).status,
  ).toBe(303);
  expect((await maya.post("/preferences", { timeZone: "Europe/Paris", topics: "" })).status).toBe(
    303,
  );
  id = await sendRequest(alice, seedFields());
  await jane.post(`/intros/${id}/act`, { event: "forward" });
  await maya.post(`/intros/${id}/act`, { event: "accept" });
  expect((await deps.store.getIntro(id))?.status).toBe("introduced");
});
afterAll(() => db.drop());

const meeting = async () => (await deps.store.getIntro(id))?.meeting;
const confirm = (who: WebClient, start: string, zone?: string) =>
  who.post(`/intros/${id}/act`, {
    event: "confirm_meeting",
    start,
    minutes: "45",
    ...(zone ? { zone } : {}),
  });

it("offers the form in the person's own zone, chosen by default", async () => {
  const a = await alice.get(`/intros/${id}`);
  expect(a.text).toMatch(/<option value="America\/New_York" selected>America\/New York<\/option>/);
  const m = await maya.get(`/intros/${id}`);
  expect(m.text).toMatch(/<option value="Europe\/Paris" selected>/);
  expect(m.text).toContain('<label for="m-zone">Time zone</label>');
});

it("stores a time after the clocks change with the new offset, and shows it in each zone", async () => {
  // Entered on 20 October (EDT, UTC-4) for 2 November (EST, UTC-5): 09:00 is 14:00Z, not 13:00Z.
  expect((await confirm(alice, "2026-11-02T09:00", "America/New_York")).status).toBe(303);
  expect(await meeting()).toMatchObject({
    start: "2026-11-02T14:00:00.000Z",
    end: "2026-11-02T14:45:00.000Z",
    timeZone: "America/New_York",
  });
  expect((await deps.store.getIntro(id))?.status).toBe("scheduled");
  const a = await alice.get(`/intros/${id}`);
  expect(a.text).toContain(
    "Mon 2 Nov 2026, 09:00 (America/New_York, UTC-05:00)</time>, 45 minutes",
  );
  // The form to move it starts from the agreed time, in the reader's zone.
  expect(a.text).toContain('value="2026-11-02T09:00"');
  const m = await maya.get(`/intros/${id}`);
  expect(m.text).toContain("Mon 2 Nov 2026, 15:00 (Europe/Paris, UTC+01:00)");
  expect(m.text).toContain('value="2026-11-02T15:00"');
  expect(m.text).toMatch(/<option value="Europe\/Paris" selected>/);
  expect(m.text).toContain("Set as Mon 2 Nov 2026, 09:00 (America/New_York, UTC-05:00)");
});

it("lets the target move it from her own zone", async () => {
  // Paris is still on summer time (UTC+2) on 24 October: 18:00 there is 16:00Z.
  expect((await confirm(maya, "2026-10-24T18:00", "Europe/Paris")).status).toBe(303);
  expect(await meeting()).toMatchObject({
    start: "2026-10-24T16:00:00.000Z",
    timeZone: "Europe/Paris",
    sequence: 1,
  });
  expect((await alice.get(`/intros/${id}`)).text).toContain(
    "Sat 24 Oct 2026, 12:00 (America/New_York, UTC-04:00)",
  );
});

it("refuses a time the clocks skip, keeps what was typed, and changes nothing", async () => {
  const before = await meeting();
  const r = await confirm(alice, "2027-03-14T02:30", "America/New_York");
  expect(r.status).toBe(400);
  expect(r.text).toContain(
    "2027-03-14 02:30 does not exist in America/New_York: the clocks jump forward then. Did you mean 03:30?",
  );
  expect(r.text).toContain('value="2027-03-14T02:30"');
  expect(await meeting()).toEqual(before);
  expect((await confirm(alice, "2026-11-02T09:00", "Mars/Olympus")).status).toBe(400);
  expect((await confirm(alice, "not a time")).status).toBe(400);
  expect(await meeting()).toEqual(before);
});

it("takes the first of a time that happens twice", async () => {
  expect((await confirm(alice, "2026-11-01T01:30", "America/New_York")).status).toBe(303);
  expect((await meeting())?.start).toBe("2026-11-01T05:30:00.000Z");
  expect((await alice.get(`/intros/${id}`)).text).toContain(
    "Sun 1 Nov 2026, 01:30 (America/New_York, UTC-04:00)",
  );
});
