// The demo's story: the seed's request (Alice asks Jane for an intro to Maya) lived to every
// status of the lifecycle, plus a few other intros of Jane's (and one of Omar's for Alice), so the
// introducer's insights and outcomes have a history. Each step is a real use case at a time
// before `now`; setup.ts runs them in time order with the timer sweep in between.
import { readFileSync } from "node:fs";
import type { IntroEvent, Person, Status } from "../domain/types.ts";

const DAY = 86_400_000;
const HOUR = 3_600_000;

/** The seed's request, without its `Subject:` line. */
export const SEED_REQUEST = readFileSync(new URL("./seed-request.txt", import.meta.url), "utf8")
  .replace(/^Subject:.*\r?\n\r?\n/, "")
  .trim();

export const ALICE: Person = { name: "Alice", email: "alice@example.com" };
export const JANE: Person = { name: "Jane", email: "jane@example.com" };
export const MAYA: Person = { name: "Maya", email: "maya@example.com" };
const person = (name: string): Person => ({ name, email: `${name.toLowerCase()}@example.com` });

/** What a step does: start the intro (as a draft or submitted), or apply one event to it. */
export type StoryAction = { create: "draft" | "submit" } | IntroEvent;

export interface StoryIntro {
  /** The status the intro is in once the story has run up to now. */
  expect: Status;
  requester: Person;
  introducer: Person;
  target: Person;
  /** Each step at an instant (ms since the epoch), in order. */
  steps: { at: number; action: StoryAction }[];
}

const CLICK = { via: "click", confidence: 1, authenticated: true } as const;

/** The seed's request from one person to another, names swapped in. */
export function requestText(requester: Person, introducer: Person, target: Person): string {
  return SEED_REQUEST.replaceAll("Alice", requester.name)
    .replaceAll("Jane", introducer.name)
    .replaceAll("Maya", target.name);
}

/** The introducer's note to the target, with this intro's names in it. */
function named(action: StoryAction, people: { requester?: Person; target?: Person }): StoryAction {
  if (!("type" in action) || action.type !== "forward_for_consent" || !action.note) return action;
  const note = action.note
    .replaceAll("Alice", people.requester?.name ?? ALICE.name)
    .replaceAll("Maya", people.target?.name ?? MAYA.name);
  return { ...action, note };
}

/** Every intro of the demo, with its steps placed before `now`. */
export function demoStory(now: Date): StoryIntro[] {
  const ago = (days: number) => now.getTime() - days * DAY;
  /** A 20-minute coffee starting `days` from now (negative: in the past), on the hour. */
  const coffee = (days: number) => {
    const start = new Date(Math.floor(ago(-days) / HOUR) * HOUR);
    return {
      start: start.toISOString(),
      end: new Date(start.getTime() + 20 * 60_000).toISOString(),
      timeZone: "America/Los_Angeles",
    };
  };
  const submit = { create: "submit" } as const;
  const forward = {
    type: "forward_for_consent",
    actor: "introducer",
    note: "Maya, Alice is a recent grad choosing between a startup and a big company; she'd value 20 minutes of your view. Up to you!",
  } as const;
  const accept = { type: "accept", actor: "target", evidence: CLICK } as const;
  const moveToBcc = {
    type: "reply_in_thread",
    actor: "requester",
    movedIntroducerToBcc: true,
  } as const;
  const meet = (days: number) =>
    ({ type: "confirm_meeting", actor: "target", ...coffee(days) }) as const;
  const story = (
    expect: Status,
    steps: [number, StoryAction][],
    people: { requester?: Person; introducer?: Person; target?: Person } = {},
  ): StoryIntro => ({
    expect,
    requester: people.requester ?? ALICE,
    introducer: people.introducer ?? JANE,
    target: people.target ?? MAYA,
    steps: steps.map(([days, action]) => ({ at: ago(days), action: named(action, people) })),
  });

  const alice: StoryIntro[] = [
    story("draft", [[0.5, { create: "draft" }]]),
    story("requested", [[1, submit]]),
    story("changes_requested", [
      [3, submit],
      [
        2,
        {
          type: "ask_for_changes",
          actor: "introducer",
          note: "Could you say in one line which of Maya's roles you most want to hear about?",
        },
      ],
    ]),
    story("introducer_declined", [
      [6, submit],
      [5, { type: "decline", actor: "introducer", reason: "Maya is swamped with a launch." }],
    ]),
    story("consent_requested", [
      [3, submit],
      [2, forward],
    ]),
    story("deferred", [
      [10, submit],
      [9, forward],
      [
        8,
        {
          type: "defer",
          actor: "target",
          until: new Date(ago(-20)).toISOString(),
          reason: "Ask me again after our launch.",
        },
      ],
    ]),
    story("target_declined", [
      [12, submit],
      [11, forward],
      [
        10,
        { type: "decline", actor: "target", reason: "I'm not taking coffee chats this quarter." },
      ],
    ]),
    story("introduced", [
      [2, submit],
      [1.5, forward],
      [0.5, accept],
    ]),
    story("connected", [
      [6, submit],
      [5, forward],
      [4, accept],
      [3.9, moveToBcc],
    ]),
    story("scheduled", [
      [8, submit],
      [7, forward],
      [6, accept],
      [5.9, moveToBcc],
      [5, meet(3)],
    ]),
    story("met", [
      [14, submit],
      [13, forward],
      [12, accept],
      [11.9, moveToBcc],
      [11, meet(-2)],
    ]),
    story("completed", [
      [30, submit],
      [29, forward],
      [28, accept],
      [27.9, moveToBcc],
      [27, meet(-24)],
      [
        22,
        {
          type: "report_outcome",
          actor: "requester",
          rating: "great",
          note: "Maya walked me through both paths; I'm interviewing at two startups now.",
          thanked: true,
        },
      ],
      [
        21,
        { type: "report_outcome", actor: "target", rating: "great", note: "Sharp and prepared." },
      ],
    ]),
    story("stalled", [
      [40, submit],
      [39, forward],
      [38, accept],
    ]),
    story("withdrawn", [
      [9, submit],
      [8, { type: "withdraw", actor: "requester", reason: "I met Maya at a meetup after all." }],
    ]),
    story("expired", [[25, submit]]),
  ];

  // Jane's other intros, and one Omar made for Alice: a track record on both sides.
  const bob = person("Bob");
  const carol = person("Carol");
  const dan = person("Dan");
  const erin = person("Erin");
  const sam = person("Sam");
  const priya = person("Priya");
  const lee = person("Lee");
  const omar = person("Omar");
  const ravi = person("Ravi");
  const others: StoryIntro[] = [
    story(
      "completed",
      [
        [35, submit],
        [34, forward],
        [33, accept],
        [32.9, moveToBcc],
        [32, meet(-30)],
        [
          28,
          {
            type: "report_outcome",
            actor: "requester",
            rating: "great",
            note: "Sam introduced me to his team.",
            thanked: true,
          },
        ],
        [27, { type: "report_outcome", actor: "target", rating: "fine" }],
      ],
      { requester: bob, target: sam },
    ),
    story(
      "completed",
      [
        [26, submit],
        [25, forward],
        [24, accept],
        [23.9, moveToBcc],
        [23, meet(-20)],
        [18, { type: "report_outcome", actor: "requester", rating: "fine", thanked: false }],
      ],
      { requester: carol, target: priya },
    ),
    story(
      "target_declined",
      [
        [20, submit],
        [19, forward],
        [18, { type: "decline", actor: "target", reason: "Not hiring juniors right now." }],
      ],
      { requester: dan, target: lee },
    ),
    story(
      "met",
      [
        [9, submit],
        [8, forward],
        [7, accept],
        [6.9, moveToBcc],
        [6, meet(-3)],
      ],
      { requester: erin, target: priya },
    ),
    story(
      "consent_requested",
      [
        [2, submit],
        [1, forward],
      ],
      { requester: bob, target: lee },
    ),
    story(
      "completed",
      [
        [50, submit],
        [49, { ...forward, note: "Ravi, Alice is thoughtful and quick; worth 20 minutes." }],
        [48, accept],
        [47.9, moveToBcc],
        [47, meet(-45)],
        [
          44,
          {
            type: "report_outcome",
            actor: "requester",
            rating: "great",
            note: "Thanks Omar!",
            thanked: true,
          },
        ],
      ],
      { requester: ALICE, introducer: omar, target: ravi },
    ),
  ];
  return [...alice, ...others];
}
