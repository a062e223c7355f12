// Intros whose timers are due now, built fast and realistically for the multi-instance timer test
// and the timers bench. Each intro is lived through with the real domain (`transition`, with the
// timers of earlier days fired at their due time, as a sweeper would have), then written in bulk
// as the store's commit writes it: the intro row and JSON doc, one history row per event, and its
// pending timers (`timersFor`, with the store's own row ids). Past emails are not written, so every
// outbox row after a sweep comes from the timers fired by that sweep.
//
// Every intro has exactly one timer due at `now`; the scenarios cycle through every timer of
// LIFECYCLE.md, and each lists the emails its timer queues and the status it leaves.
import { randomBytes } from "node:crypto";
import { newIntro } from "../../src/domain/intro.ts";
import { DEFAULT_TIMER_POLICY, timersFor } from "../../src/domain/timers.ts";
import { transition } from "../../src/domain/transition.ts";
import type { Intro, IntroEvent, Status, TimerName } from "../../src/domain/types.ts";
import { timerRow, timerRowId } from "../../src/store/commit-intro.ts";
import type { KyselyStore } from "../../src/store/kysely-store.ts";
import { CLICK } from "./intros.ts";

const MIN = 60_000;
const H = 60 * MIN;
const D = 24 * H;

const REQUEST = `Hey Jane, could you introduce me to Maya? You can simply CC them, thanks!

Hey Maya,

I'd greatly appreciate a chance to chat with you about building a career in Tech. Would a quick 20 min coffee work for you this Friday afternoon, or a phone call if you prefer?

Regards,
Alice`;

/** One intro seeded with exactly one timer due. */
export interface SeededIntro {
  id: string;
  timer: TimerName;
  n: number;
  dueAt: string;
  /** The timer's row id in the timers table. */
  timerId: string;
  /** Templates its timer queues, one outbox row each. */
  templates: string[];
  statusAfter: Status;
  /** The intro's version (= events in its history) before the sweep. */
  version: number;
}

interface EventRow {
  intro_id: string;
  seq: number;
  type: string;
  actor: string;
  channel: string;
  at: string;
  data: string;
}

/** Lives an intro through the domain, keeping its history as the store would. */
class Life {
  intro: Intro;
  readonly events: EventRow[] = [];

  constructor(i: number, at: number) {
    this.intro = newIntro(
      {
        requester: { name: "Alice Martin", email: `alice.${i}@example.com` },
        introducer: { name: "Jane Doe", email: `jane.${i % 50}@example.com` },
        target: { name: "Maya Chen", email: `maya.${i}@example.org` },
        requestText: REQUEST,
      },
      { id: newId(), threadToken: randomToken() },
      new Date(at),
    );
  }

  /** The same life for other people: new ids and addresses, the same times and history. */
  copy(i: number): Life {
    const intro = JSON.parse(JSON.stringify(this.intro)) as Intro;
    intro.id = newId();
    intro.threadToken = randomToken();
    intro.requester.email = `alice.${i}@example.com`;
    intro.introducer.email = `jane.${i % 50}@example.com`;
    intro.target.email = `maya.${i}@example.org`;
    const life = Object.create(Life.prototype) as Life;
    life.intro = intro;
    (life as { events: EventRow[] }).events = this.events.map((e) => ({
      ...e,
      intro_id: intro.id,
    }));
    return life;
  }

  #apply(event: IntroEvent, at: number, channel: string): boolean {
    const r = transition(this.intro, event, new Date(at), DEFAULT_TIMER_POLICY);
    if (!r.changed) return false;
    const seq = this.intro.version + 1;
    this.intro = { ...r.intro, version: seq };
    this.events.push({
      intro_id: this.intro.id,
      seq,
      type: r.recorded.type,
      actor: r.recorded.actor,
      channel,
      at: new Date(at).toISOString(),
      data: JSON.stringify(r.recorded.data),
    });
    return true;
  }

  at(ms: number, event: IntroEvent): this {
    this.#apply(event, ms, "api");
    return this;
  }

  /** Fires every timer due up to `ms`, each at its own due time, as the sweeps would have. */
  sweepTo(ms: number): this {
    for (;;) {
      const next = timersFor(this.intro)
        .filter((t) => Date.parse(t.dueAt) <= ms)
        .sort((a, b) => a.dueAt.localeCompare(b.dueAt))[0];
      if (!next) return this;
      const fired = this.#apply(
        { type: "timer_fired", actor: "system", timer: next.name, n: next.n, dueAt: next.dueAt },
        Date.parse(next.dueAt),
        "system",
      );
      if (!fired) throw new Error(`seed: ${next.name} did not fire`);
    }
  }
}

// Unique per run and per intro; random enough for tests, without a randomBytes call per intro.
const RUN = randomBytes(6).toString("base64url");
let counter = 0;

function newId(): string {
  return `in_${RUN}${(counter++).toString(36)}`;
}

function randomToken(): string {
  return `${RUN}t${(counter++).toString(36)}`;
}

type Scenario = {
  timer: TimerName;
  n?: number;
  templates: string[];
  statusAfter: Status;
  /** Builds the intro so that its timer falls due at `due`. */
  build: (l: Life, due: number) => Life;
};

const forward = { type: "forward_for_consent", actor: "introducer" } as const;
const accept = { type: "accept", actor: "target", evidence: CLICK } as const;
const submit = { type: "submit", actor: "requester" } as const;
const reply = { type: "reply_in_thread", actor: "requester", movedIntroducerToBcc: true } as const;
const changes = { type: "ask_for_changes", actor: "introducer", note: "Say why Maya." } as const;

/** Submitted at t, consent asked at t+1h, accepted at t+2h, requester replied at t+3h. */
const introducedAt = (l: Life, t: number) =>
  l
    .at(t, submit)
    .at(t + H, forward)
    .at(t + 2 * H, accept);

// Every timer of LIFECYCLE.md's table, each leaving one timer due (the earlier ones fired).
export const SCENARIOS: Scenario[] = [
  {
    timer: "remind_introducer",
    templates: ["introducer_reminder"],
    statusAfter: "requested",
    build: (l, due) => l.at(due - 3 * D, submit),
  },
  {
    timer: "expire_request",
    templates: ["expired_to_requester"],
    statusAfter: "expired",
    build: (l, due) => l.at(due - 14 * D, submit).sweepTo(due - MIN),
  },
  {
    timer: "remind_requester_revise",
    templates: ["requester_revise_reminder"],
    statusAfter: "changes_requested",
    build: (l, due) => l.at(due - 3 * D - H, submit).at(due - 3 * D, changes),
  },
  {
    timer: "expire_changes",
    templates: ["expired_to_requester"],
    statusAfter: "expired",
    build: (l, due) =>
      l
        .at(due - 14 * D - H, submit)
        .at(due - 14 * D, changes)
        .sweepTo(due - MIN),
  },
  {
    timer: "remind_target",
    templates: ["target_consent_reminder"],
    statusAfter: "consent_requested",
    build: (l, due) => l.at(due - 4 * D - H, submit).at(due - 4 * D, forward),
  },
  {
    timer: "expire_consent",
    templates: ["expired_to_introducer", "expired_to_requester"],
    statusAfter: "expired",
    build: (l, due) =>
      l
        .at(due - 10 * D - H, submit)
        .at(due - 10 * D, forward)
        .sweepTo(due - MIN),
  },
  {
    timer: "ask_again",
    templates: ["consent_request"],
    statusAfter: "consent_requested",
    build: (l, due) =>
      l
        .at(due - 12 * D, submit)
        .at(due - 12 * D + H, forward)
        .at(due - 11 * D, { type: "defer", actor: "target", until: new Date(due).toISOString() }),
  },
  {
    // Deferred a second time after being asked again: the intro ends at the date given.
    timer: "expire_consent",
    templates: ["expired_to_introducer", "expired_to_requester"],
    statusAfter: "expired",
    build: (l, due) =>
      l
        .at(due - 30 * D, submit)
        .at(due - 30 * D + H, forward)
        .at(due - 29 * D, {
          type: "defer",
          actor: "target",
          until: new Date(due - 15 * D).toISOString(),
        })
        .sweepTo(due - 15 * D)
        .at(due - 14 * D, { type: "defer", actor: "target", until: new Date(due).toISOString() }),
  },
  {
    timer: "nudge_requester",
    templates: ["requester_nudge"],
    statusAfter: "introduced",
    build: (l, due) => introducedAt(l, due - D - 2 * H),
  },
  {
    timer: "follow_up",
    templates: ["follow_up_draft"],
    statusAfter: "connected",
    build: (l, due) => introducedAt(l, due - 7 * D - 2 * H).at(due - 7 * D + H, reply),
  },
  {
    timer: "stall",
    templates: ["stalled_notice"],
    statusAfter: "stalled",
    build: (l, due) =>
      introducedAt(l, due - 21 * D - 2 * H)
        .at(due - 21 * D + H, reply)
        .sweepTo(due - MIN),
  },
  {
    timer: "mark_met",
    templates: ["how_did_it_go", "how_was_it_target"],
    statusAfter: "met",
    build: (l, due) =>
      introducedAt(l, due - 5 * D)
        .at(due - 5 * D + 3 * H, reply)
        .at(due - 4 * D, {
          type: "confirm_meeting",
          actor: "target",
          start: new Date(due - 2 * H - 30 * MIN).toISOString(),
          end: new Date(due - 2 * H).toISOString(),
          timeZone: "Europe/Paris",
        }),
  },
  {
    timer: "report_reminder",
    templates: ["report_reminder"],
    statusAfter: "met",
    build: (l, due) =>
      introducedAt(l, due - 6 * D)
        .at(due - 6 * D + 3 * H, reply)
        .at(due - 5 * D, {
          type: "confirm_meeting",
          actor: "requester",
          start: new Date(due - D - 2 * H - 45 * MIN).toISOString(),
          end: new Date(due - D - 2 * H).toISOString(),
          timeZone: "Europe/Paris",
        })
        .sweepTo(due - MIN),
  },
];

export interface Seed {
  intros: SeededIntro[];
  lives: Life[];
}

/**
 * `count` intros, each with exactly one timer due at or before `now` (at one of 100 instants over
 * the 10 minutes before it), cycling through SCENARIOS. Each (scenario, instant) is lived once
 * through the domain and copied for the other intros that share it.
 */
export function buildDueIntros(count: number, now: number): Seed {
  const intros: SeededIntro[] = [];
  const lives: Life[] = [];
  const lived = new Map<string, Life>();
  for (let i = 0; i < count; i++) {
    const k = i % SCENARIOS.length;
    const s = SCENARIOS[k] as Scenario;
    const j = Math.floor(i / SCENARIOS.length) % 100;
    const due = now - 1000 - j * 6000;
    let first = lived.get(`${k}/${j}`);
    if (!first) {
      first = s.build(new Life(i, due - 40 * D), due);
      lived.set(`${k}/${j}`, first);
    }
    const life = first.intro.requester.email === `alice.${i}@example.com` ? first : first.copy(i);
    const ready = timersFor(life.intro).filter((t) => Date.parse(t.dueAt) <= now);
    const t = ready[0];
    if (ready.length !== 1 || !t || t.name !== s.timer) {
      throw new Error(`seed ${s.timer}: due ${JSON.stringify(ready)} on ${life.intro.status}`);
    }
    lives.push(life);
    intros.push({
      id: life.intro.id,
      timer: t.name,
      n: t.n,
      dueAt: t.dueAt,
      timerId: timerRowId(life.intro.id, t),
      templates: s.templates,
      statusAfter: s.statusAfter,
      version: life.intro.version,
    });
  }
  return { intros, lives };
}

/** Fresh `requested` intros (timers days away), to hang not-due timer rows on. */
export function buildIdleIntros(count: number, now: number): Life[] {
  return Array.from({ length: count }, (_, i) => new Life(1_000_000 + i, now).at(now, submit));
}

/** Writes intros, their history and their pending timers in bulk, in one transaction. */
export async function insertLives(store: KyselyStore, lives: Life[]): Promise<void> {
  const chunk = <T>(rows: T[], size: number) =>
    Array.from({ length: Math.ceil(rows.length / size) }, (_, k) =>
      rows.slice(k * size, (k + 1) * size),
    );
  await store.kysely.transaction().execute(async (trx) => {
    const intros = lives.map(({ intro }) => ({
      id: intro.id,
      status: intro.status,
      requester_email: intro.requester.email,
      introducer_email: intro.introducer.email,
      target_email: intro.target.email,
      thread_token: intro.threadToken,
      version: intro.version,
      doc: JSON.stringify(intro),
      created_at: intro.createdAt,
      updated_at: intro.updatedAt,
    }));
    for (const rows of chunk(intros, 500)) await trx.insertInto("intros").values(rows).execute();
    const events = lives.flatMap((l) => l.events);
    for (const rows of chunk(events, 1000))
      await trx.insertInto("intro_events").values(rows).execute();
    const timers = lives.flatMap(({ intro }) => timersFor(intro).map((t) => timerRow(intro.id, t)));
    for (const rows of chunk(timers, 1000)) await trx.insertInto("timers").values(rows).execute();
  });
}
