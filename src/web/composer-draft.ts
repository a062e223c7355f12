import { coachIntro } from "../app/check-request.ts";
import type { AppDeps } from "../app/deps.ts";
import {
  buildForwardableRequest,
  type CoachReport,
  checkRequest,
  type TargetProfile,
} from "../domain/coach/index.ts";
import { newIntro } from "../domain/intro.ts";
import { transition } from "../domain/transition.ts";
import type { Intro } from "../domain/types.ts";
import { composeMessage } from "../mail/outbound/compose.ts";
import { describeLinks } from "../mail/outbound/links.ts";

/** The composer's fields, as the form posts them. */
export const DRAFT_FIELDS = [
  "yourName",
  "introducerName",
  "introducerEmail",
  "targetName",
  "targetEmail",
  "targetRole",
  "targetCompanies",
  "targetInterests",
  "targetNotes",
  "ask",
  "whyThem",
  "nextStep",
  "alternative",
  "aboutMe",
  "links",
] as const;
export type Draft = Record<(typeof DRAFT_FIELDS)[number], string>;

export function draftOf(form: Record<string, unknown>): Draft {
  return Object.fromEntries(
    DRAFT_FIELDS.map((k) => [k, typeof form[k] === "string" ? (form[k] as string) : ""]),
  ) as Draft;
}

const lines = (s: string) =>
  s
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
const list = (s: string) =>
  s
    .split(/[,\n]/)
    .map((l) => l.trim())
    .filter(Boolean);

/** The requester's research notes, in the coach's profile shape. */
export function profileOf(d: Draft): TargetProfile {
  const p: TargetProfile = {};
  if (d.targetName.trim()) p.name = d.targetName.trim();
  if (d.targetRole.trim()) p.role = d.targetRole.trim();
  if (list(d.targetCompanies).length) p.companies = list(d.targetCompanies);
  if (list(d.targetInterests).length) p.interests = list(d.targetInterests);
  if (d.targetNotes.trim()) p.notes = d.targetNotes.trim();
  return p;
}

export interface Composed {
  subject: string;
  text: string;
  profile: TargetProfile;
  report: CoachReport;
  /** Exactly the email the introducer will receive, or why it cannot be shown yet. */
  preview: { subject: string; text: string; html: string } | { missing: string };
}

/**
 * The request built from the composer's fields (the seed's shape, through the one builder), the
 * coach's report on it, and the introducer's email rendered by the same code the outbox uses.
 */
export function composeDraft(deps: AppDeps, me: string, d: Draft): Composed {
  const requesterName = d.yourName.trim() || me.split("@")[0] || me;
  const { subject, text } = buildForwardableRequest({
    introducerName: d.introducerName.trim() || "…",
    targetName: d.targetName.trim() || "…",
    requesterName,
    ask: d.ask,
    whyThem: d.whyThem,
    nextStep: d.nextStep,
    alternative: d.alternative,
    aboutMe: lines(d.aboutMe),
    links: lines(d.links),
  });
  const profile = profileOf(d);
  const now = deps.now();
  const report = checkRequest({
    text,
    subject,
    profile,
    targetName: d.targetName.trim() || undefined,
    requesterName,
    introducerName: d.introducerName.trim() || undefined,
    now,
  } as Parameters<typeof checkRequest>[0]);
  let preview: Composed["preview"];
  try {
    const intro = newIntro(
      {
        requester: { name: requesterName, email: me },
        introducer: { name: d.introducerName, email: d.introducerEmail },
        target: { name: d.targetName, email: d.targetEmail.trim() || null },
        subject,
        requestText: text,
        targetProfile: profile,
      },
      { id: "in_preview", threadToken: "preview" },
      now,
    );
    const effect = transition(intro, { type: "submit", actor: "requester" }, now, deps.timerPolicy)
      .effects[0];
    if (!effect) throw new Error("no email");
    preview = emailPreview(deps, intro, effect, now);
  } catch {
    preview = {
      missing:
        "Fill in the introducer's and the target's names and the introducer's email to see the email.",
    };
  }
  return { subject, text, profile, report, preview };
}

/** The email a change would send, as its reader will see it (before its links exist). */
function emailPreview(
  deps: AppDeps,
  intro: Intro,
  effect: Parameters<typeof composeMessage>[1],
  now: Date,
): { subject: string; text: string; html: string } {
  const m = composeMessage(
    intro,
    effect,
    {
      publicUrl: deps.publicUrl,
      mailDomain: deps.mailDomain,
      threadAddress: `intros+…@${deps.mailDomain}`,
      consentSubject: null,
      now,
    },
    () => "",
  );
  // One-click links get their tokens when the email is sent; show where they go instead.
  const links = (part: string) => describeLinks(part, "(one-click link)");
  return { subject: m.subject, text: links(m.text), html: links(m.html) };
}

/**
 * A revised request (after the introducer asked for changes): the intro with its text replaced,
 * the coach's report exactly as resubmitting checks it, and the email the introducer will get.
 */
export function composeRevision(deps: AppDeps, intro: Intro, text: string): Composed {
  const now = deps.now();
  const revised: Intro = { ...intro, requestText: text };
  const report = coachIntro(revised, now);
  const profile = (intro.targetProfile ?? {}) as TargetProfile;
  let preview: Composed["preview"];
  try {
    const r = transition(
      intro,
      { type: "revise", actor: "requester", requestText: text },
      now,
      deps.timerPolicy,
    );
    const effect = r.effects[0];
    if (!effect) throw new Error("no email");
    preview = emailPreview(deps, r.intro, effect, now);
  } catch {
    preview = { missing: "Write your request to see the email." };
  }
  return { subject: intro.subject, text, profile, report, preview };
}
