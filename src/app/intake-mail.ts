// A new request sent to intros@: the sender is the requester, the one other person in To/Cc the
// introducer, and the target's name comes from the subject or the greeting. Only an
// authenticated sender is obeyed: an unauthenticated request is held, and its From address gets
// a link to confirm it (the click proves the mailbox); nothing reaches the introducer before.
// What cannot be worked out is explained to the sender, once they are known to be real.

import { parseRequestSubject, splitRequest } from "../domain/coach/index.ts";
import { isVouchError } from "../domain/errors.ts";
import type { SenderAuth } from "../mail/inbound/authenticity.ts";
import { type ParsedMessage, readMessage, stripQuotedReply } from "../mail/inbound/index.ts";
import { hashLinkToken, linkPlaceholder } from "../mail/outbound/links.ts";
import { appliedKey } from "./applied-key.ts";
import { createIntro } from "./create-intro.ts";
import type { AppDeps } from "./deps.ts";
import { resolveLinkToken } from "./link-tokens.ts";
import { notice } from "./notice-mail.ts";
import { rememberTimeZoneGuess } from "./time-zone.ts";

/** What was done with an intake message (the receive-mail Outcome shape). */
export interface IntakeOutcome {
  status: "processed" | "rejected" | "held" | "duplicate";
  introId?: string | null;
  result: Record<string, unknown>;
  recorded?: boolean;
}

/** The action of the link that confirms a held request. */
export const CONFIRM_INTAKE = "confirm_intake";
const lower = (s: string) => s.toLowerCase();

/**
 * Starts the intro a message to intros@ asks for, or holds it until its sender confirms, or
 * tells the (authenticated) sender what is missing.
 */
export async function intakeRequest(
  deps: AppDeps,
  id: string,
  msg: ParsedMessage,
  auth: Pick<SenderAuth, "authenticated" | "reasons">,
  /** The message's applied key (applied-key.ts): a second delivery starts nothing again. */
  key: string,
): Promise<IntakeOutcome> {
  const sender = msg.from;
  if (!sender) return { status: "rejected", result: { reason: "no sender" } };
  if (!auth.authenticated) return hold(deps, id, msg, sender, auth.reasons, key);
  const ours = (e: string) => lower(e).endsWith(`@${deps.mailDomain}`);
  const others = [...msg.to, ...msg.cc].filter(
    (m) => !ours(m.email) && lower(m.email) !== lower(sender.email),
  );
  const unique = [...new Map(others.map((m) => [lower(m.email), m])).values()];
  const text = stripQuotedReply(msg.text);
  const parts = splitRequest(text, msg.subject);
  const targetName = parseRequestSubject(msg.subject)?.target ?? parts.targetGreetingName;
  const problems: Array<"no_target" | "no_introducer" | "several_introducers"> = [];
  if (unique.length === 0) problems.push("no_introducer");
  if (unique.length > 1) problems.push("several_introducers");
  if (!targetName) problems.push("no_target");
  if (problems.length) {
    await deps.store.enqueue(
      [
        notice(deps, msg, sender, "intake_problem", {
          sender: { name: sender.name || sender.email },
          originalSubject: msg.subject,
          problems,
          candidates: unique.map((m) => m.name || m.email),
          intakeAddress: `intros@${deps.mailDomain}`,
        }),
      ],
      deps.now(),
    );
    return { status: "rejected", result: { problems } };
  }
  const introducer = unique[0] as { name: string; email: string };
  // The requester's zone, for the times their request proposes: set, else guessed from this mail.
  const timeZone =
    (await rememberTimeZoneGuess(
      deps.store,
      lower(sender.email),
      { offsetMinutes: msg.dateOffsetMinutes, at: msg.date ? new Date(msg.date) : deps.now() },
      [lower(introducer.email)],
      deps.now(),
    )) ?? undefined;
  const coachFeedback = (problems: string[], suggestions: string[]) =>
    deps.store.enqueue(
      [
        notice(deps, msg, sender, "coach_feedback", {
          sender: { name: sender.name || sender.email },
          introducer: { name: introducer.name || introducer.email },
          originalSubject: msg.subject,
          problems,
          suggestions,
        }),
      ],
      deps.now(),
    );
  try {
    const intro = await createIntro(
      deps,
      {
        requester: {
          name: sender.name || (sender.email.split("@")[0] ?? sender.email),
          email: sender.email,
        },
        introducer: {
          name: introducer.name || (introducer.email.split("@")[0] ?? introducer.email),
          email: introducer.email,
        },
        target: { name: targetName as string, email: null },
        subject: msg.subject || undefined,
        requestText: text,
        submit: true,
        timeZone,
      },
      "email",
      {
        // Applied once: a second delivery (or a retry after a crash) starts no second intro.
        inTransaction: async (tx) => {
          if (!(await tx.markApplied(`intake:${key}`, id, deps.now())))
            throw Object.assign(new Error("this request was already applied"), { duplicate: true });
        },
      },
    );
    return { status: "processed", introId: intro.id, result: { event: "submit", intake: true } };
  } catch (e) {
    if ((e as { duplicate?: boolean }).duplicate)
      return { status: "duplicate", result: { reason: "this request was already applied" } };
    if (!isVouchError(e)) throw e;
    if (e.code === "INVALID_INPUT" || e.code === "HEADER_INJECTION") {
      // Nothing a retry could fix: say what is wrong, and keep the message as rejected.
      await coachFeedback([`${e.message[0]?.toUpperCase()}${e.message.slice(1)}.`], []);
      return { status: "rejected", result: { reason: e.message } };
    }
    if (e.code !== "REQUEST_REJECTED") throw e;
    const findings = (e.details.findings as Array<{ severity: string; message: string }>) ?? [];
    await coachFeedback(
      findings.filter((f) => f.severity === "error").map((f) => f.message),
      findings.filter((f) => f.severity === "warning").map((f) => f.message),
    );
    return { status: "rejected", result: { reason: "the coach found errors", findings } };
  }
}

/**
 * Holds an unauthenticated request: the message stays stored as `held`, and its From address
 * gets one email with a link to confirm it. The link is the proof of the mailbox.
 */
async function hold(
  deps: AppDeps,
  id: string,
  msg: ParsedMessage,
  sender: { name: string; email: string },
  why: string[],
  key: string,
): Promise<IntakeOutcome> {
  const outboxId = `intake.${id}`;
  const now = deps.now();
  const message = notice(
    deps,
    msg,
    sender,
    "intake_confirm",
    {
      sender: { name: sender.name || sender.email },
      originalSubject: msg.subject,
      confirmUrl: linkPlaceholder(deps.publicUrl, CONFIRM_INTAKE),
      intakeAddress: `intros@${deps.mailDomain}`,
    },
    outboxId,
  );
  const result = { reason: "the sender did not authenticate; a confirm link was sent", auth: why };
  // One confirm link per request, however often it is delivered.
  const fresh = await deps.store.transaction(async (tx) => {
    if (!(await tx.markApplied(`held:${key}`, id, now))) return false;
    await tx.setInboundStatus(id, "held", { result, error: null });
    await tx.enqueueNotices([message], now);
    return true;
  });
  if (!fresh)
    return {
      status: "duplicate",
      result: { reason: "this request is already held for a confirm" },
    };
  return { status: "held", result, recorded: true };
}

/** A held request's confirm link, looked up without using it (a GET: scanners open links). */
export async function lookupIntakeLink(
  deps: AppDeps,
  token: string,
): Promise<
  | { ok: true; inboundId: string; subject: string; email: string }
  | { ok: false; problem: "unknown" | "used" | "expired" }
  | null
> {
  const found = await resolveLinkToken(deps, token);
  if (!found || found.action !== CONFIRM_INTAKE) return null;
  if (found.usedAt) return { ok: false, problem: "used" };
  if (found.expiresAt <= deps.now().getTime()) return { ok: false, problem: "expired" };
  const inboundId = found.outboxId.replace(/^intake\./, "");
  const m = await deps.store.getInbound(inboundId);
  if (m?.status !== "held") return { ok: false, problem: "used" };
  const parsed = await readMessage(m.raw);
  return { ok: true, inboundId, subject: parsed.subject, email: found.email };
}

/** Confirms a held request (the POST): the click proves the mailbox, so it is processed now. */
export async function confirmIntake(deps: AppDeps, token: string): Promise<IntakeOutcome> {
  const found = await lookupIntakeLink(deps, token);
  if (!found?.ok) throw new Error("this link cannot be used");
  const hash = hashLinkToken(token);
  if (!(await deps.store.useActionToken(hash, deps.now())))
    return { status: "rejected", result: { reason: "this link was already used" } };
  const m = await deps.store.getInbound(found.inboundId);
  if (!m) throw new Error(`no received message ${found.inboundId}`);
  const msg = await readMessage(m.raw);
  const o = await intakeRequest(
    deps,
    m.id,
    msg,
    {
      authenticated: true,
      reasons: [`${found.email} confirmed it by the link sent to that address`],
    },
    appliedKey(msg, m),
  );
  await deps.store.setInboundStatus(m.id, o.status, {
    introId: o.introId ?? null,
    result: { ...o.result, confirmedBy: "link" },
    error: null,
  });
  return o;
}
