import { type Analysis, MAX_BLURB_WORDS } from "./analyse.ts";
import { greetingName } from "./text.ts";
import type { Finding, RuleId, Severity, TargetProfile } from "./types.ts";

/** Rule metadata for docs and UIs. Ids and severities are a public contract (INTERFACES.md). */
export const RULES: readonly { id: RuleId; severity: Severity; description: string }[] = [
  {
    id: "no-target",
    severity: "error",
    description: 'No specific person is named ("anyone you know at…", "forward to people who…").',
  },
  {
    id: "no-ask",
    severity: "error",
    description: "It never says what the requester wants from the target.",
  },
  {
    id: "vague-ask",
    severity: "warning",
    description: 'The ask is "pick your brain" / "grab coffee sometime", with no topic.',
  },
  {
    id: "not-tailored",
    severity: "warning",
    description:
      "Nothing connects the ask to this target's background (their companies, roles or work).",
  },
  {
    id: "not-forwardable",
    severity: "warning",
    description:
      'The blurb is not addressed to the target (it talks about them in the third person, or asks the introducer to "ask her if…").',
  },
  {
    id: "no-next-step",
    severity: "warning",
    description: "No concrete next step (a call, a meeting, a coffee) is proposed.",
  },
  { id: "no-time", severity: "tip", description: "The next step has no day or time window." },
  {
    id: "no-flexibility",
    severity: "tip",
    description: 'No alternative is offered ("or a phone call, whatever you prefer").',
  },
  {
    id: "no-about-me",
    severity: "warning",
    description: "The requester says nothing about who they are.",
  },
  {
    id: "too-long",
    severity: "warning",
    description: `The blurb is over about ${MAX_BLURB_WORDS} words.`,
  },
  {
    id: "no-signature",
    severity: "tip",
    description: "It has no sign-off with the requester's name and a link.",
  },
];

const SEVERITY = Object.fromEntries(RULES.map((r) => [r.id, r.severity])) as Record<
  RuleId,
  Severity
>;

/** How much each finding costs: errors a lot, warnings some, tips a little. */
export const PENALTY: Record<Severity, number> = { error: 30, warning: 10, tip: 3 };

export function score(findings: Finding[]): number {
  const lost = findings.reduce((sum, f) => sum + PENALTY[f.severity], 0);
  return Math.max(0, 100 - lost);
}

function quote(s: string, max = 70): string {
  const one = s.replace(/\s+/g, " ").trim();
  return one.length <= max ? one : `${one.slice(0, max - 1).trimEnd()}…`;
}

function list(items: string[]): string {
  if (items.length <= 1) return items[0] ?? "";
  return `${items.slice(0, -1).join(", ")} or ${items[items.length - 1]}`;
}

/** What the profile says that the request could mention. */
function researchHint(profile: TargetProfile | undefined): string | undefined {
  if (!profile) return undefined;
  const bits = [
    ...(profile.companies ?? []).slice(0, 3).map((c) => `their time at ${c}`),
    ...(profile.role ? [`their role as ${profile.role}`] : []),
    ...(profile.interests ?? []).slice(0, 2).map((i) => `their interest in ${i}`),
  ];
  return bits.length > 0 ? list(bits.slice(0, 3)) : undefined;
}

/** Turns an analysis into findings, in rule order. */
export function evaluate(a: Analysis, profile?: TargetProfile): Finding[] {
  const out: Finding[] = [];
  const add = (
    rule: RuleId,
    message: string,
    fix: string,
    span?: { start: number; end: number },
  ) => {
    out.push(
      span
        ? { rule, severity: SEVERITY[rule], message, span, fix }
        : { rule, severity: SEVERITY[rule], message, fix },
    );
  };
  const who = a.target ? greetingName(a.target.name) : "the reader";
  const introducer = a.introducerName ? greetingName(a.introducerName) : "the introducer";

  // A request sprayed at "anyone you know" names no one, even when the intro says who it is for.
  if (!a.target || (a.broadcast && !a.target.inText)) {
    add(
      "no-target",
      a.broadcast
        ? `No specific person is named: "${a.broadcast.phrase}" is an audience, not a person. ${introducer} can only vouch for you to one person they know.`
        : "No specific person is named. An introducer vouches for you to one person they know; say who.",
      'Name the one person you want to meet ("Could you introduce me to Maya Lopez?") and write the blurb to them.',
      a.broadcast ? { start: a.broadcast.start, end: a.broadcast.end } : undefined,
    );
  }

  if (a.asks.length === 0) {
    add(
      "no-ask",
      `The request never says what you want from ${who}: advice, answers, a conversation about something.`,
      `Add one sentence with the ask, e.g. "I'd love to ask you how you … ".`,
    );
  } else if (!a.asks.some((x) => x.topical)) {
    const first = a.asks[0]!.sentence;
    add(
      "vague-ask",
      `The ask ("${quote(first.text)}") has no topic, so ${who} can't tell whether they can help or prepare.`,
      'Say what you want to talk about: "… to ask how you decided to …" or "… your advice on …".',
      { start: first.start, end: first.end },
    );
  }

  if (a.target && !a.tailored) {
    const hint = researchHint(profile);
    const firstAsk = a.asks[0]?.sentence;
    add(
      "not-tailored",
      `Nothing connects the ask to ${who}'s own background, so it reads as if it could go to anyone.`,
      hint
        ? `Say why ${who} in particular, e.g. mention ${hint}.`
        : `Say why ${who} in particular: a company they worked at, something they built, wrote or said ("your time at …", "your talk on …").`,
      firstAsk ? { start: firstAsk.start, end: firstAsk.end } : undefined,
    );
  }

  if (a.target && a.thirdPerson) {
    const t = a.thirdPerson;
    const what =
      t.kind === "relay"
        ? `is written to ${introducer}, not to ${who} ("${quote(t.quote)}")`
        : `talks about ${who} in the third person ("${quote(t.quote)}")`;
    add(
      "not-forwardable",
      `The blurb ${what}, so ${introducer} can't forward it to ${who} as it is.`,
      `Keep the note to ${introducer} to one line on top, then write the blurb to ${who} directly: "Hi ${who}, …", with "you" and "your".`,
      t.span,
    );
  }

  const step = a.nextSteps[0];
  if (!step) {
    add(
      "no-next-step",
      "No concrete next step is proposed, so the reader has to invent one.",
      'Propose one, e.g. "Would a 20-minute call next week work for you?"',
    );
  } else {
    const span = { start: step.start, end: step.end };
    if (!a.hasTime) {
      add(
        "no-time",
        `The next step ("${quote(step.text)}") has no day or time window.`,
        'Suggest a window, e.g. "this Friday afternoon" or "any morning next week", or share a scheduling link.',
        span,
      );
    }
    if (!a.hasFlexibility) {
      add(
        "no-flexibility",
        "No alternative is offered in case that does not suit them.",
        `Add one, e.g. "or a phone call, whatever you prefer" or "happy to work around your schedule".`,
        span,
      );
    }
  }

  if (!a.aboutMe) {
    add(
      "no-about-me",
      `The request says nothing about who you are, so ${who} can't tell why to make time.`,
      'Add two or three "About me" lines: your role, what you are working on, one thing you have done.',
    );
  }

  if (a.blurbWords > MAX_BLURB_WORDS) {
    add(
      "too-long",
      `The blurb is ${a.blurbWords} words; keep it under about ${MAX_BLURB_WORDS} so it can be read in a minute.`,
      "Cut the background to one or two sentences; keep the ask, why them, the next step and a few lines about you.",
      { start: a.layout.blurb.start, end: a.layout.blurb.end },
    );
  }

  if (!(a.signature.hasName && a.signature.hasLink)) {
    const missing =
      !a.signature.hasName && !a.signature.hasLink
        ? "a sign-off with your name and a link"
        : a.signature.hasName
          ? "a link (your website or LinkedIn) after your name"
          : "your name in the sign-off";
    add(
      "no-signature",
      `It ends without ${missing}, so ${who} can't look you up.`,
      'End with a sign-off, then your name and one link, each on a line of its own ("Regards,", "Alice", "https://alice.dev").',
      a.signature.span,
    );
  }
  return out;
}
