import { VouchError } from "../domain/errors.ts";
import type { Intro, IntroEvent, OutcomeRating } from "../domain/types.ts";
import { rolesOf } from "../domain/view.ts";
import { slotOfAction } from "../mail/outbound/slot-links.ts";
import type { ActionToken } from "../store/store.ts";
import { applyEvent } from "./apply-event.ts";
import type { AppDeps } from "./deps.ts";
import type { ActionField, LinkAction } from "./link-action.ts";
import { resolveLinkToken } from "./link-tokens.ts";
import { slotLink } from "./slot-link-action.ts";

export type { ActionField, LinkAction };

const first = (name: string) => name.split(/\s+/)[0] ?? name;
const opt = (v: string | undefined) => (v?.trim() ? v.trim() : undefined);

/** How it went, from a form: the requester's report (with the thanks), or the target's private one. */
export function outcomeEvent(
  role: "requester" | "target",
  rating: OutcomeRating,
  f: Record<string, string | undefined>,
): IntroEvent {
  return role === "requester"
    ? {
        type: "report_outcome",
        actor: "requester",
        rating,
        note: opt(f.note),
        thanked: f.thanked === "yes",
      }
    : { type: "report_outcome", actor: "target", rating, note: opt(f.note) };
}

function outcome(rating: OutcomeRating, role: "requester" | "target"): LinkAction {
  const label = { great: "It went great", fine: "It was fine", did_not_happen: "It didn't happen" }[
    rating
  ];
  return {
    role,
    title: () => label,
    explain: (i) =>
      role === "requester"
        ? `Tell ${first(i.introducer.name)} how your meeting with ${first(i.target.name)} went. ${first(i.introducer.name)} put their name on this intro and will be glad to hear.`
        : `Only ${first(i.introducer.name)} sees your answer, never ${first(i.requester.name)}.`,
    button: "Send",
    fields: (i) => [
      { name: "note", label: "Anything to add? (optional)", kind: "textarea" },
      ...(role === "requester"
        ? [
            {
              name: "thanked",
              label: `I've thanked ${first(i.introducer.name)}`,
              kind: "checkbox" as const,
              value: "yes",
            },
          ]
        : []),
    ],
    event: (f) => outcomeEvent(role, rating, f),
    done: (i) => `Thank you. ${first(i.introducer.name)} will see how it went.`,
  };
}

/** Every action a link in an email can carry. */
export const LINK_ACTIONS: Record<string, LinkAction> = {
  forward: {
    role: "introducer",
    title: (i) => `Ask ${first(i.target.name)} if they'd like the intro`,
    explain: (i) =>
      `${first(i.target.name)} gets ${first(i.requester.name)}'s request from you, with your note, and can say yes, not now or no. Nobody is introduced without a yes.`,
    button: "Ask",
    fields: (i) => [
      { name: "note", label: `A note to ${first(i.target.name)} (optional)`, kind: "textarea" },
      ...(i.target.email
        ? []
        : [
            {
              name: "targetEmail",
              label: `${first(i.target.name)}'s email address`,
              kind: "email" as const,
              required: true,
            },
          ]),
    ],
    event: (f) => ({
      type: "forward_for_consent",
      actor: "introducer",
      note: opt(f.note),
      targetEmail: opt(f.targetEmail),
    }),
    done: (i) => `Done: ${first(i.target.name)} has been asked. You'll hear what they say.`,
  },
  own_sent: {
    role: "introducer",
    title: (i) => `You've introduced ${first(i.requester.name)} and ${first(i.target.name)}`,
    explain: (i) =>
      `Vouch marks the intro as made, and from now on helps ${first(i.requester.name)} take the next step. ${first(i.target.name)} said yes, so nobody is introduced without consent.`,
    button: "Yes, I've sent it",
    event: () => ({ type: "own_intro_sent", actor: "introducer" }),
    done: (i) =>
      `Done: the intro of ${first(i.requester.name)} and ${first(i.target.name)} is made.`,
  },
  ask_changes: {
    role: "introducer",
    title: (i) => `Ask ${first(i.requester.name)} for changes`,
    explain: (i) => `${first(i.requester.name)} gets your note and can send a revised request.`,
    button: "Send my note",
    fields: () => [
      { name: "note", label: "What should change?", kind: "textarea", required: true },
    ],
    event: (f) => ({ type: "ask_for_changes", actor: "introducer", note: f.note?.trim() ?? "" }),
    done: (i) => `Sent. ${first(i.requester.name)} will revise the request.`,
  },
  decline: {
    role: "introducer",
    title: () => "Decline kindly",
    explain: (i) =>
      `${first(i.requester.name)} is told, kindly, that you can't make this intro. ${first(i.target.name)} hears nothing.`,
    button: "Decline",
    fields: () => [
      { name: "reason", label: "A private note for your records (optional)", kind: "textarea" },
    ],
    event: (f) => ({ type: "decline", actor: "introducer", reason: opt(f.reason) }),
    done: () => "Declined. Thank you for answering.",
  },
  yes: {
    role: "target",
    title: (i) => `Yes, introduce me to ${first(i.requester.name)}`,
    explain: (i) =>
      `${first(i.introducer.name)} will introduce you by email, with ${first(i.requester.name)} in CC.`,
    button: "Yes, introduce us",
    event: () => ({
      type: "accept",
      actor: "target",
      evidence: { via: "click", confidence: 1, authenticated: true },
    }),
    done: (i) => `Thank you! The introduction to ${first(i.requester.name)} is on its way.`,
  },
  not_now: {
    role: "target",
    title: () => "Not right now",
    explain: (i) =>
      `${first(i.introducer.name)} will ask you again later (once). Only ${first(i.introducer.name)} sees your answer.`,
    button: "Not now",
    fields: (i) => [
      { name: "until", label: "Ask me again after (optional)", kind: "date" },
      {
        name: "reason",
        label: `A note for ${first(i.introducer.name)} (optional)`,
        kind: "textarea",
      },
    ],
    event: (f) => ({
      type: "defer",
      actor: "target",
      until: opt(f.until) ? new Date(`${f.until}T09:00:00Z`).toISOString() : undefined,
      reason: opt(f.reason),
    }),
    done: (i) => `Got it. ${first(i.introducer.name)} will check back later.`,
  },
  no: {
    role: "target",
    title: () => "No, thanks",
    explain: (i) =>
      `No is a perfectly good answer. Only ${first(i.introducer.name)} sees your reason, never ${first(i.requester.name)}.`,
    button: "No, thanks",
    fields: () => [
      { name: "reason", label: "A reason, just for the introducer (optional)", kind: "textarea" },
    ],
    event: (f) => ({ type: "decline", actor: "target", reason: opt(f.reason) }),
    done: () => "Thanks for letting us know.",
  },
  talking: {
    role: "requester",
    title: (i) => `${first(i.target.name)} replied: we're talking`,
    explain: () => "Vouch stops the follow-up reminders.",
    button: "Yes, we're talking",
    event: () => ({ type: "reply_in_thread", actor: "target" }),
    done: () => "Great! No more follow-up reminders.",
  },
  not_yet: {
    role: "requester",
    title: (i) => `${first(i.target.name)} hasn't replied yet`,
    explain: () =>
      "Vouch will check in with you once more, gently, before marking the intro as stalled.",
    button: "Not yet",
    event: () => null,
    done: () => "Thanks. Hang in there: people are busy.",
  },
  // The requester revises in the composer, with the introducer's note and the coach.
  revise: {
    role: "requester",
    title: () => "Revise your request",
    explain: (i) =>
      `Your request opens in Vouch, with ${first(i.introducer.name)}'s note beside it and the coach checking it as you edit. Pressing the button signs you in as yourself.`,
    button: "Open my request",
    event: () => null,
    done: () => "Signed in.",
    opens: (i) =>
      i.status === "changes_requested" ? `/intros/${encodeURIComponent(i.id)}/revise` : null,
  },
  great: outcome("great", "requester"),
  fine: outcome("fine", "requester"),
  did_not_happen: outcome("did_not_happen", "requester"),
  target_great: outcome("great", "target"),
  target_fine: outcome("fine", "target"),
  target_did_not_happen: outcome("did_not_happen", "target"),
};

/** Why a link cannot be used; each gets a friendly page with the next step. */
export type LinkProblem = "unknown" | "expired" | "used" | "not_yours" | "gone";

export type LinkLookup =
  | { ok: true; token: ActionToken; action: LinkAction; intro: Intro }
  | { ok: false; problem: LinkProblem; intro?: Intro };

/** Looks a link up without using it (the GET of a confirmation page: scanners may open it). */
export async function lookupLink(deps: AppDeps, token: string): Promise<LinkLookup> {
  const found = await resolveLinkToken(deps, token);
  const slot = found ? slotOfAction(found.action) : null;
  if (!found?.introId || !(LINK_ACTIONS[found.action] || slot))
    return { ok: false, problem: "unknown" };
  const intro = await deps.store.getIntro(found.introId);
  if (!intro) return { ok: false, problem: "gone" };
  if (found.usedAt) return { ok: false, problem: "used", intro };
  const now = deps.now().getTime();
  // A proposed time that has come and gone can no longer be confirmed.
  if (found.expiresAt <= now || (slot && Date.parse(slot.start) <= now))
    return { ok: false, problem: "expired", intro };
  const action = LINK_ACTIONS[found.action] ?? (slot && (await slotLink(deps, found, intro, slot)));
  if (!action || !rolesOf(intro, found.email).includes(action.role))
    return { ok: false, problem: "not_yours", intro };
  return { ok: true, token: found, action, intro };
}

/**
 * Uses a link that opens a page (the POST): spends it once and says whom to sign in and where to
 * go. Refused, and left unused, when there is nothing left to do there (the intro moved on).
 */
export async function useOpeningLink(
  deps: AppDeps,
  token: string,
): Promise<{ email: string; path: string }> {
  const found = await lookupLink(deps, token);
  if (!found.ok)
    throw new VouchError("NOT_FOUND", `this link cannot be used (${found.problem})`, {
      problem: found.problem,
    });
  const path = found.action.opens?.(found.intro);
  if (!path)
    throw new VouchError("INVALID_TRANSITION", "there is nothing left to do with this link", {
      status: found.intro.status,
    });
  const spent = await deps.store.transaction((tx) =>
    tx.useActionToken(found.token.hash, deps.now()),
  );
  if (!spent) throw new VouchError("NOT_FOUND", "this link was already used", { problem: "used" });
  return { email: found.token.email, path };
}

/** Uses a link (the POST): the event and the token's single use commit together. */
export async function useLink(
  deps: AppDeps,
  token: string,
  form: Record<string, string>,
): Promise<{ intro: Intro; message: string }> {
  const found = await lookupLink(deps, token);
  if (!found.ok)
    throw new VouchError("NOT_FOUND", `this link cannot be used (${found.problem})`, {
      problem: found.problem,
    });
  const { action, intro } = found;
  const hash = found.token.hash;
  const spend = async (tx: { useActionToken(h: string, at: Date): Promise<boolean> }) => {
    if (!(await tx.useActionToken(hash, deps.now()))) {
      throw new VouchError("NOT_FOUND", "this link was already used", { problem: "used" });
    }
  };
  for (const f of action.fields?.(intro) ?? []) {
    if (f.required && !form[f.name]?.trim()) {
      throw new VouchError("INVALID_INPUT", `${f.label} is required`, { field: f.name });
    }
  }
  const event = action.event(form, intro);
  if (!event) {
    await deps.store.transaction(spend);
    return { intro, message: action.done(intro) };
  }
  const r = await applyEvent(deps, intro.id, event, "web", { inTransaction: spend });
  return { intro: r.intro, message: action.done(r.intro) };
}
