// How Vouch reads an introducer's reply to a request: forward it to the target, ask the
// requester for changes, or decline. An address in the reply that is nobody we already know
// is taken as the target's ("sure, her email is maya@acme.com").

import { INTRODUCER_RULES, type IntroducerSignal } from "./introducer-rules.ts";
import { describe, matchPhrases, normalizeForRules, splitSentences } from "./phrase-matcher.ts";
import type { ParsedMessage } from "./read-message.ts";
import { stripQuotedReply } from "./strip-quoted-reply.ts";

/** What an introducer's reply means. */
export type IntroducerIntent = "forward" | "ask_for_changes" | "decline" | "unknown";

/** The reading of an introducer's reply. */
export interface IntroducerClassification {
  intent: IntroducerIntent;
  confidence: number;
  /** The new text of the reply. */
  reply: string;
  /** An address in the reply (or, failing that, in To/Cc) that is not on the ignore list. */
  targetEmail?: string;
  reasons: string[];
}

/** Options for {@link classifyIntroducerReply}. */
export interface IntroducerOptions {
  /**
   * Addresses that are not the target's: the introducer, the requester, Vouch's own. An entry
   * starting with "@" ignores a whole domain (e.g. "@vouch.example.com"). The sender of a parsed
   * message is always ignored.
   */
  ignore?: string[];
}

const EMAIL =
  /(?<![\w.+-])[a-z0-9](?:[a-z0-9._%+-]{0,63})@[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?)+(?![\w-])/gi;

function isIgnored(email: string, ignore: string[]): boolean {
  const e = email.toLowerCase();
  return ignore.some((i) => {
    const x = i.trim().toLowerCase();
    return x.startsWith("@") ? e.endsWith(x) : e === x;
  });
}

/** Addresses in the text, in order, lower-cased, without those to ignore. */
export function findAddresses(text: string, ignore: string[] = []): string[] {
  const out: string[] = [];
  for (const m of text.slice(0, 50_000).matchAll(EMAIL)) {
    const email = m[0].toLowerCase().replace(/\.$/, "");
    if (!isIgnored(email, ignore) && !out.includes(email)) out.push(email);
  }
  return out;
}

function round(n: number): number {
  return Math.round(Math.min(1, Math.max(0, n)) * 100) / 100;
}

/** Reads an introducer's reply (a parsed message or its text). Never throws. */
export function classifyIntroducerReply(
  input: ParsedMessage | string,
  options: IntroducerOptions = {},
): IntroducerClassification {
  const message = typeof input === "string" ? null : input;
  const ignore = [...(options.ignore ?? [])];
  if (message?.from?.email) ignore.push(message.from.email);
  const reply = stripQuotedReply(message ? message.text : (input as string), {
    senderName: message?.from?.name,
  });

  const inReply = findAddresses(reply, ignore);
  const inHeaders = message
    ? findAddresses([...message.to, ...message.cc].map((m) => m.email).join(" "), ignore)
    : [];
  const targetEmail = inReply[0] ?? inHeaders[0];

  const sentences = splitSentences(normalizeForRules(reply.slice(0, 5000)));
  const matches = matchPhrases(sentences, INTRODUCER_RULES, "hedge");
  const sum: Record<IntroducerSignal, number> = {
    forward: 0,
    changes: 0,
    decline: 0,
    hedge: 0,
    neutral: 0,
  };
  const reasons: string[] = [];
  for (const m of matches) {
    if (m.signal === "neutral") continue;
    sum[m.signal] += m.weight;
    reasons.push(describe(m));
  }
  if (targetEmail) {
    reasons.push(`address given: ${targetEmail}${inReply[0] ? "" : " (in To/Cc)"}`);
    if (inReply[0]) sum.forward += 0.5;
  }

  const { forward: f, changes: c, decline: d, hedge: h } = sum;
  let intent: IntroducerIntent = "unknown";
  let confidence = 0.5;
  let why = "no clear answer";
  if (c >= 1 && c >= d) {
    intent = "ask_for_changes";
    confidence = 0.6 + 0.15 * (c - Math.max(d, 0));
    why = "asks for changes before forwarding";
  } else if (d >= 1 && d > f) {
    intent = "decline";
    confidence = 0.6 + 0.15 * (d - f);
    why = "declines to make the intro";
  } else if (f >= 1 && d === 0 && h === 0) {
    intent = "forward";
    confidence = 0.65 + 0.1 * (f - 1);
    why = "agrees to ask the target";
  } else if (f > 0 && (d > 0 || h > 0)) {
    why = "mixed or hedged";
  }
  const result: IntroducerClassification = {
    intent,
    confidence: intent === "unknown" ? 0.5 : round(confidence),
    reply,
    reasons: [...reasons, `→ ${intent}: ${why}`],
  };
  if (targetEmail) result.targetEmail = targetEmail;
  return result;
}
