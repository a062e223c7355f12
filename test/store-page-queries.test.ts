// The page reads in SQL (src/store/page-queries.ts) against the same things computed in JS from
// every intro, on SQLite and PostgreSQL: random lives of intros among six people (made through
// the app, with the timer sweep on a moved clock) must give the same lists, in the same order,
// the same counts and the same figures. A list may never hold an intro its role may not see.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyEvent } from "../src/app/apply-event.ts";
import { createIntro } from "../src/app/create-intro.ts";
import type { AppDeps } from "../src/app/deps.ts";
import { VouchError } from "../src/domain/errors.ts";
import { allowedEvents } from "../src/domain/transition.ts";
import { type Intro, type IntroEvent, ROLES, type Role } from "../src/domain/types.ts";
import { canView, type IntroView, rolesOf, viewIntro } from "../src/domain/view.ts";
import { sweepTimers } from "../src/jobs/timer-sweep.ts";
import {
  type IntroList,
  LISTS,
  type PageQueries,
  pageQueriesOf,
} from "../src/store/page-queries.ts";
import { needOf } from "../src/web/home-items.ts";
import { madeIntros } from "../src/web/outcomes-pages.ts";
import { testDeps } from "./support/app.ts";
import { DB_KINDS, openTestDb, type TestDb } from "./support/databases.ts";
import { CLICK } from "./support/intros.ts";
import { SEED_REQUEST } from "./support/seed.ts";

const PEOPLE = ["p0", "p1", "p2", "p3", "p4", "p5"].map((p) => `${p}@example.com`);
const NAMES = ["Alice Martin", "Jane Doe", "Maya Chen", "Omar Haddad", "Lena Berg", "Tom Rossi"];
const INTROS = 70;
const DAY = 86_400_000;

// The figures as pages used to compute them in JS, from every intro or view.
const AFTER_INTRO = ["introduced", "connected", "scheduled", "met", "completed", "stalled"];
function funnelOf(intros: IntroView[]) {
  const has = (v: IntroView, t: string) => v.events.some((e) => e.type === t);
  const n = (f: (v: IntroView) => boolean) => intros.filter(f).length;
  return [
    { stage: "requested", count: n((v) => v.status !== "draft") },
    { stage: "asked", count: n((v) => has(v, "forward_for_consent")) },
    { stage: "accepted", count: n((v) => v.consent !== null) },
    { stage: "introduced", count: n((v) => AFTER_INTRO.includes(v.status)) },
    {
      stage: "met",
      count: n(
        (v) =>
          ["met", "completed"].includes(v.status) ||
          (!!v.outcome && v.outcome.rating !== "did_not_happen"),
      ),
    },
    { stage: "thanked", count: n((v) => !!v.outcome?.thanked) },
  ];
}
function trackRecordOf(intros: Intro[]) {
  const r = { total: 0, completed: 0, thanked: 0, stalled: 0, withdrawn: 0 };
  for (const i of intros) {
    if (i.status === "draft") continue;
    r.total++;
    if (i.status === "completed") r.completed++;
    if (i.outcome?.thanked) r.thanked++;
    if (i.status === "stalled") r.stalled++;
    if (i.status === "withdrawn") r.withdrawn++;
  }
  return r;
}
function recentAsks(intros: Intro[], now: Date): number {
  const since = new Date(now.getTime() - 90 * DAY).toISOString();
  return intros.filter((i) => i.askedTargetAt && i.askedTargetAt >= since).length;
}

/** A small seeded generator, so a failure can be run again. */
function random(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A well-formed event of `type` by `actor` at `now`, or null for one this walk does not make. */
function eventOf(type: string, actor: string, now: Date, r: () => number): IntroEvent | null {
  const at = (ms: number) => new Date(now.getTime() + ms).toISOString();
  switch (type) {
    case "submit":
      return { type, actor: "requester" };
    case "revise":
      return { type, actor: "requester", requestText: SEED_REQUEST };
    case "withdraw":
      return { type, actor: "requester" };
    case "reply_in_thread":
      return actor === "requester"
        ? { type, actor, movedIntroducerToBcc: r() < 0.5 }
        : { type, actor: "target" };
    case "propose_times":
      return { type, actor: actor as "requester", times: [at(2 * DAY), at(-DAY)] };
    case "confirm_meeting":
      return {
        type,
        actor: actor as "requester",
        start: at(r() < 0.5 ? -3_600_000 : DAY),
        end: at(r() < 0.5 ? -1_800_000 : DAY + 1_800_000),
        timeZone: "Europe/Paris",
      };
    case "report_outcome": {
      const rating = (["great", "fine", "did_not_happen"] as const)[Math.floor(r() * 3)] ?? "fine";
      return actor === "requester"
        ? { type, actor, rating, thanked: r() < 0.5, note: "n" }
        : { type, actor: "target", rating };
    }
    case "forward_for_consent":
      return { type, actor: "introducer", note: "Up to you" };
    case "ask_for_changes":
      return { type, actor: "introducer", note: "Say which team." };
    case "decline":
      return { type, actor: actor as "introducer", reason: "busy" };
    case "accept":
      return { type, actor: "target", evidence: CLICK };
    case "own_intro_sent":
      return { type, actor: "introducer" };
    case "defer":
      return { type, actor: "target", until: at(10 * DAY) };
    default:
      return null;
  }
}

/** Intros among PEOPLE, each walked through random allowed events and timer sweeps. */
async function liveIntros(deps: AppDeps, clock: { now: Date }, seed: number) {
  const r = random(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)] as T;
  // One introducer writes introductions from their own mailbox.
  await deps.store.updatePrefs(PEOPLE[1] as string, { introduceFrom: "own_mailbox" }, clock.now);
  for (let n = 0; n < INTROS; n++) {
    clock.now = new Date(clock.now.getTime() + Math.floor(r() * 3) * 60_000);
    const [a, b, c] = [...PEOPLE.keys()].sort(() => r() - 0.5) as [number, number, number];
    const person = (i: number) => ({ name: NAMES[i] as string, email: PEOPLE[i] as string });
    const intro = await createIntro(
      deps,
      {
        requester: person(a),
        introducer: person(b),
        target: person(c),
        requestText: SEED_REQUEST,
        submit: r() < 0.9,
      },
      "web",
    );
    const steps = Math.floor(r() * 11);
    for (let s = 0; s < steps; s++) {
      if (r() < 0.1) {
        clock.now = new Date(clock.now.getTime() + pick([3_600_000, 3_600_000, DAY, 20 * DAY]));
        await sweepTimers(deps, clock.now);
        continue;
      }
      const now = (await deps.store.getIntro(intro.id)) as Intro;
      // Any event some participant may cause now; the ends of the road less often.
      const options = ROLES.flatMap((actor) =>
        allowedEvents(now, actor)
          .filter((t) => t !== "timer_fired")
          .map((type) => ({ actor, type })),
      );
      let choice = options.length ? pick(options) : undefined;
      if (choice && ["withdraw", "decline"].includes(choice.type) && r() < 0.8)
        choice = pick(options);
      const type = choice?.type;
      const actor = choice?.actor ?? "requester";
      const event = type ? eventOf(type, actor, clock.now, r) : null;
      if (!event) continue;
      try {
        await applyEvent(deps, intro.id, event, "web");
      } catch (e) {
        // A report before the meeting, say: refused, and nothing changed.
        if (!(e instanceof VouchError)) throw e;
      }
    }
  }
}

/** One intro waiting for its own-mailbox introducer's introduction (the walk rarely stops there). */
async function ownIntroWaiting(deps: AppDeps) {
  const person = (i: number) => ({ name: NAMES[i] as string, email: PEOPLE[i] as string });
  const intro = await createIntro(
    deps,
    {
      requester: person(0),
      introducer: person(1),
      target: person(2),
      requestText: SEED_REQUEST,
      submit: true,
    },
    "web",
  );
  await applyEvent(deps, intro.id, { type: "forward_for_consent", actor: "introducer" }, "web");
  await applyEvent(deps, intro.id, { type: "accept", actor: "target", evidence: CLICK }, "web");
}

/** Everything, read back plainly, and each person's views in each role they may see. */
async function reference(deps: AppDeps) {
  const intros = await deps.store.listIntros({ limit: 100_000 });
  const events = await deps.store.listEventsOf(intros.map((i) => i.id));
  const viewOf = (i: Intro, role: Role) =>
    viewIntro(i, events.get(i.id) ?? [], role, {
      mailDomain: deps.mailDomain,
      policy: deps.timerPolicy,
    });
  const newestFirst = (a: Intro, b: Intro) =>
    a.createdAt === b.createdAt ? (a.id < b.id ? 1 : -1) : a.createdAt < b.createdAt ? 1 : -1;
  const seen = (email: string, role?: Role) =>
    intros
      .flatMap((i) =>
        rolesOf(i, email)
          .filter((r) => (!role || r === role) && canView(i, r))
          .map((r) => ({ intro: i, role: r, view: viewOf(i, r) })),
      )
      .sort((x, y) => newestFirst(x.intro, y.intro));
  return { intros, seen };
}

/** What each list holds, decided in JS from the views (home-items' needOf, outcomes' made). */
function inList(list: IntroList, v: IntroView, now: Date): boolean {
  if (list === "all") return true;
  if (list === "made") return madeIntros([v]).length === 1;
  return needOf(v, now)?.kind === list;
}

describe.each(DB_KINDS)("page queries on %s", (kind) => {
  let db: TestDb;
  let deps: AppDeps;
  let pq: PageQueries;
  const clock = { now: new Date("2026-12-01T10:00:00.000Z") };
  let ref: Awaited<ReturnType<typeof reference>>;

  beforeAll(async () => {
    db = await openTestDb(kind);
    deps = testDeps(db.store, clock);
    pq = pageQueriesOf(db.store);
    await liveIntros(deps, clock, 11);
    await ownIntroWaiting(deps);
    ref = await reference(deps);
  }, 240_000);
  afterAll(() => db?.drop());

  it("lived through every kind of list (the walk is not trivial)", () => {
    const statuses = new Set(ref.intros.map((i) => i.status));
    expect(statuses.size).toBeGreaterThanOrEqual(11);
    for (const list of ["triage", "consent", "own_intro", "reply", "report", "made"] as const) {
      const some = PEOPLE.some((p) => ref.seen(p).some((x) => inList(list, x.view, clock.now)));
      expect(some, list).toBe(true);
    }
  });

  it("lists what each person may see, newest first, in pages, with counts", async () => {
    for (const email of PEOPLE)
      for (const role of [undefined, ...ROLES]) {
        const want = ref.seen(email, role).map((x) => ({ id: x.intro.id, role: x.role }));
        const all = await pq.list(email, "all", { role, limit: 1000 });
        expect(all, `${email} ${role}`).toEqual(want);
        expect(await pq.count(email, "all", role)).toBe(want.length);
        if (role) expect(await pq.any(email, "all", role)).toBe(want.length > 0);
        // Pages of 4 put together are the whole list.
        const pages: typeof all = [];
        for (let offset = 0; offset < want.length + 4; offset += 4)
          pages.push(...(await pq.list(email, "all", { role, limit: 4, offset })));
        expect(pages).toEqual(want);
      }
    // Upper case is the same person.
    expect(await pq.count(PEOPLE[0]?.toUpperCase() ?? "", "all")).toBe(
      ref.seen(PEOPLE[0] as string).length,
    );
  });

  it("holds exactly the intros that need each thing, and made ones", async () => {
    for (const email of PEOPLE)
      for (const list of Object.keys(LISTS) as IntroList[]) {
        if (list === "all") continue;
        const want = ref
          .seen(email)
          .filter(
            (x) =>
              (LISTS[list].roles as readonly Role[]).includes(x.role) &&
              inList(list, x.view, clock.now),
          )
          .map((x) => x.intro.id);
        const got = (await pq.list(email, list, { limit: 1000 })).map((l) => l.id);
        if (list === "meeting") {
          // Candidates: times the other proposed last; the page keeps those still ahead.
          expect(got).toEqual(expect.arrayContaining(want));
        } else {
          expect(got, `${email} ${list}`).toEqual(want);
          expect(await pq.count(email, list)).toBe(want.length);
        }
        // Never an intro the person may not see in that role.
        const visible = new Set(ref.seen(email).map((x) => x.intro.id));
        for (const id of got) expect(visible.has(id)).toBe(true);
      }
  });

  it("counts an introducer's funnel and outcomes as the views do", async () => {
    for (const email of PEOPLE) {
      const views = ref.seen(email, "introducer").map((x) => x.view);
      const made = madeIntros(views);
      const f = await pq.introducerFigures(email, 3);
      expect(f.funnel).toEqual(funnelOf(views));
      expect(f.made).toBe(made.length);
      expect(f.reported).toBe(made.filter((v) => v.outcome).length);
      for (const r of ["great", "fine", "did_not_happen"] as const)
        expect(f.rated[r]).toBe(made.filter((v) => v.outcome?.rating === r).length);
      expect(f.thanked).toBe(views.filter((v) => v.outcome?.thanked).length);
      expect(f.targetTold).toBe(made.filter((v) => v.targetOutcome).length);
    }
  });

  it("groups the people an introducer asks, and counts asks and records across everyone", async () => {
    const since = new Date(clock.now.getTime() - 90 * DAY);
    for (const email of PEOPLE) {
      const views = ref.seen(email, "introducer").map((x) => x.view);
      const byTarget = new Map<string, { asked: number; yes: number }>();
      for (const v of views) {
        if (!v.target.email) continue;
        const t = byTarget.get(v.target.email) ?? { asked: 0, yes: 0 };
        if (v.events.some((e) => e.type === "forward_for_consent")) t.asked++;
        if (v.consent) t.yes++;
        byTarget.set(v.target.email, t);
      }
      const { targets, targetCount: total } = await pq.introducerFigures(email, 3);
      expect(total).toBe(byTarget.size);
      expect(targets.length).toBe(Math.min(3, byTarget.size));
      for (const t of targets)
        expect({ asked: t.asked, yes: t.yes }).toEqual(byTarget.get(t.email));
      // Most asked first.
      const asked = targets.map((t) => t.asked);
      expect(asked).toEqual([...asked].sort((a, b) => b - a));
      const most = Math.max(0, ...[...byTarget.values()].map((t) => t.asked));
      if (targets[0]) expect(targets[0].asked).toBe(most);
    }
    const asks = await pq.recentAsks(PEOPLE, since);
    const records = await pq.trackRecords(PEOPLE);
    for (const email of PEOPLE) {
      const asTarget = ref.intros.filter((i) => i.target.email === email);
      expect(asks.get(email), email).toBe(recentAsks(asTarget, clock.now));
      const asRequester = ref.intros.filter((i) => i.requester.email === email);
      expect(records.get(email), email).toEqual(trackRecordOf(asRequester));
    }
  });

  it("reads intros by id in the order asked, leaving out unknown ids", async () => {
    const ids = ref.intros.slice(0, 5).map((i) => i.id);
    const got = await pq.intros([ids[3] as string, "in_nosuch", ids[0] as string]);
    expect(got.map((i) => i.id)).toEqual([ids[3], ids[0]]);
    expect(got[0]?.version).toBe(ref.intros[3]?.version);
    expect(await pq.intros([])).toEqual([]);
  });
});
