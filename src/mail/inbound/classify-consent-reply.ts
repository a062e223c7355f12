// How Vouch reads a target's reply to a consent request. Local, deterministic and explainable:
// every decision comes with the phrases that made it. The one rule that matters most: only a
// clear, unhedged, unconditional yes is `accept`. Anything mixed or unclear is `unknown`, and
// the target is asked again with buttons; a false "yes" would introduce someone without consent.

import { automaticReasons } from "./automatic-mail.ts";
import { consentGate, describeGate, type GateVerdict } from "./consent-gate.ts";
import { CONSENT_RULES, type ConsentSignal } from "./consent-rules.ts";
import { findDates } from "./find-dates.ts";
import { findLinks, findSchedulingLinks, type SchedulingLink } from "./find-links.ts";
import {
  describe,
  matchPhrases,
  normalizeForRules,
  type PhraseMatch,
  type Sentence,
  splitSentences,
} from "./phrase-matcher.ts";
import { type Bounce, readBounce } from "./read-bounce.ts";
import type { ParsedMessage } from "./read-message.ts";
import { stripQuotedReply } from "./strip-quoted-reply.ts";

/** What a reply to a consent request means. */
export type ConsentIntent =
  | "accept"
  | "decline"
  | "defer"
  | "question"
  | "auto_reply"
  | "bounce"
  | "unknown";

/** The reading of a consent reply (the `vouch mail classify --json` shape, plus extras). */
export interface ConsentClassification {
  intent: ConsentIntent;
  /** How sure the classifier is of `intent`, 0..1. */
  confidence: number;
  /** The new text of the reply: quotes and signature stripped. */
  reply: string;
  /** ISO-8601 dates named in the reply ("2027-01-05", or with a time and the sender's offset). */
  dates: string[];
  /** Every URL in the reply. */
  links: string[];
  /** The booking links among `links`. */
  schedulingLinks: SchedulingLink[];
  /** Why: the rules and phrases that decided, in plain words. */
  reasons: string[];
  /** For `bounce`: what the delivery report says. */
  bounce?: Bounce;
  /**
   * For a reply the weighted rules read as a yes: the narrow gate's verdict (consent-gate.ts).
   * When it is closed, `intent` is `unknown` and `readAs` says why, in words for the writer.
   */
  gate?: GateVerdict;
  /** How Vouch read a reply it will not act on, in one line for the person who wrote it. */
  readAs?: string;
}

/** Options for {@link classifyConsentReply}. */
export interface ClassifyOptions {
  /** Resolves relative dates when the message has no usable Date header (or a text is given). */
  now?: Date;
  /** The writer's UTC offset in minutes, when it is not known from the Date header. */
  offsetMinutes?: number;
}

// Questions about timing or logistics, asked after a clear yes, do not make the yes unclear.
const LOGISTICS_QUESTION =
  /(?<![\p{L}])(?:when|what time|which (?:day|time|slot|days|times)|what day|where (?:should|do|shall|would)|should i|shall i|do you want me to|does (?:[\p{L}']+ ){0,3}(?:work|suit)|would (?:[\p{L}']+ ){0,4}work|can (?:she|he|they) (?:email|reach|contact|book|grab|pick|find|call|text)|what'?s (?:her|his|their) (?:email|number|address|calendar)|zoom or|phone or|call or|coffee or|in person|quand|wann|cuándo)(?![\p{L}])/u;
const SMALL_TALK_QUESTION =
  /how are you|how's it going|how have you been|ça va|wie geht|qué tal|cómo estás|right\?$|why not\?$/u;
const INTERROGATIVE_START =
  /^(?:who|what|when|where|why|how|which|can you|could you|would you|will you|is (?:she|he|this|it|there)|are (?:they|you)|do you|does (?:she|he)|qui|que|quoi|quel|quelle|est-ce|pourquoi|comment|wer|was|wann|wo|warum|wieso|wie|welche|quién|qué|cuándo|dónde|por qué|cómo|cuál)(?![\p{L}])/u;

interface Tally {
  accept: number;
  decline: number;
  defer: number;
  hedge: number;
  later: number;
  infoQuestions: string[];
  logisticsQuestions: string[];
  reasons: string[];
}

function round(n: number): number {
  return Math.round(Math.min(1, Math.max(0, n)) * 100) / 100;
}

/** Adds up the evidence, sentence by sentence, and notes why. */
function tally(sentences: Sentence[], matches: PhraseMatch<ConsentSignal>[]): Tally {
  const t: Tally = {
    accept: 0,
    decline: 0,
    defer: 0,
    hedge: 0,
    later: 0,
    infoQuestions: [],
    logisticsQuestions: [],
    reasons: [],
  };
  sentences.forEach((sentence, i) => {
    const own = matches.filter((m) => m.sentence === i);
    // "I can't right now", "I'll pass for now": a no limited in time is a not-now.
    if (own.some((m) => m.signal === "limit")) {
      for (const m of own) {
        if (m.signal === "decline" && m.label !== "regret") {
          m.signal = "defer";
          t.reasons.push(`"${m.text.trim()}" is limited in time → defer`);
        }
      }
    }
    const lower = sentence.text;
    const question = sentence.isQuestion || (INTERROGATIVE_START.test(lower) && !/!$/.test(lower));
    const deferral = own.some((m) => m.signal === "defer");
    let factor = 1;
    if (question && !deferral && !SMALL_TALK_QUESTION.test(lower)) {
      if (LOGISTICS_QUESTION.test(lower)) {
        t.logisticsQuestions.push(sentence.text);
        t.reasons.push(`question about logistics: "${sentence.text}"`);
      } else {
        t.infoQuestions.push(sentence.text);
        t.reasons.push(`question: "${sentence.text}"`);
        // A no inside a question is asked, not said ("if so, I'm not the right person?").
        factor = 0.5;
      }
    }
    for (const m of own) {
      if (m.signal === "neutral" || m.signal === "limit") continue;
      const w = m.signal === "decline" || m.signal === "defer" ? m.weight * factor : m.weight;
      t[m.signal] += w;
      t.reasons.push(describe({ ...m, weight: w }));
    }
  });
  return t;
}

interface Decision {
  intent: ConsentIntent;
  confidence: number;
  why: string;
}

/** The decision table: the order of the checks is the policy. */
function decide(t: Tally): Decision {
  const { accept: a, decline: d, defer: f, hedge: h } = t;
  const qi = t.infoQuestions.length;
  const ql = t.logisticsQuestions.length;
  if (qi > 0 && d < 1 && f < 1) {
    return {
      intent: "question",
      confidence: round(0.65 + 0.05 * qi - (a > 0 || d > 0 ? 0.05 : 0)),
      why: "asks something before answering",
    };
  }
  if (f >= 0.9 && f >= d)
    return {
      intent: "defer",
      confidence: round(0.6 + 0.15 * (f - Math.max(a, d))),
      why: "not now",
    };
  // "Not now, but in February, yes": a yes that comes with a not-now and a later time.
  if (f >= 0.5 && f >= d && a > 0 && t.later > 0) {
    return { intent: "defer", confidence: round(0.55 + 0.1 * f), why: "yes, but later" };
  }
  if (f >= 0.8 && f >= d && (t.later > 0 || a > 0)) {
    return { intent: "defer", confidence: round(0.55 + 0.1 * f), why: "yes, but later" };
  }
  if (d >= 0.9 && d > f && d > a)
    return {
      intent: "decline",
      confidence: round(0.6 + 0.15 * (d - Math.max(a, f))),
      why: "says no",
    };
  if (a >= 1 && d === 0 && f === 0 && h === 0 && qi === 0) {
    return {
      intent: "accept",
      confidence: round(0.7 + 0.1 * (a - 1) - 0.05 * ql),
      why: "a clear yes, with nothing against it",
    };
  }
  if (ql > 0 && a < 1 && d === 0 && f === 0)
    return { intent: "question", confidence: 0.6, why: "asks about logistics without saying yes" };
  const why =
    a > 0 && (d > 0 || f > 0 || h > 0)
      ? "mixed: a yes with a no, a not-now or a hedge"
      : h > 0
        ? "hedged or conditional"
        : a > 0 || d > 0 || f > 0
          ? "too weak to act on"
          : "no answer found";
  return { intent: "unknown", confidence: 0.5, why };
}

/** Classifies the stripped text of a reply. */
function classifyText(reply: string): { decision: Decision; reasons: string[] } {
  if (reply.trim() === "")
    return {
      decision: { intent: "unknown", confidence: 0.5, why: "the reply has no new text" },
      reasons: [],
    };
  const sentences = splitSentences(normalizeForRules(reply.slice(0, 5000)));
  const matches = matchPhrases(sentences, CONSENT_RULES, "hedge");
  const t = tally(sentences, matches);
  const decision = decide(t);
  return { decision, reasons: t.reasons };
}

function isParsed(input: ParsedMessage | string): input is ParsedMessage {
  return typeof input !== "string";
}

/**
 * Reads a reply to a consent request: a parsed message (headers are checked for automatic mail
 * and bounces first) or the text of a reply. Never throws.
 */
export function classifyConsentReply(
  input: ParsedMessage | string,
  options: ClassifyOptions = {},
): ConsentClassification {
  const message = isParsed(input) ? input : null;
  const text = message ? message.text : input;
  const reply = stripQuotedReply(typeof text === "string" ? text : "", {
    senderName: message?.from?.name,
  });
  const refDate = message?.date ? new Date(message.date) : options.now;
  const offsetMinutes = message?.dateOffsetMinutes ?? options.offsetMinutes ?? 0;
  const dates = refDate
    ? findDates(reply, { now: refDate, offsetMinutes }).map((d) => d.start)
    : [];
  const links = findLinks(reply);
  const schedulingLinks = findSchedulingLinks(reply);
  const base = { reply, dates: [...new Set(dates)], links, schedulingLinks };

  if (message) {
    const bounce = readBounce(message);
    if (bounce) {
      const failed = bounce.recipients.filter(
        (r) => r.action !== "delivered" && r.action !== "relayed",
      );
      return {
        intent: "bounce",
        confidence: bounce.source === "dsn" ? 0.99 : 0.9,
        reply: "",
        dates: [],
        links: [],
        schedulingLinks: [],
        reasons: [
          bounce.source === "dsn"
            ? "delivery status report (RFC 3464)"
            : "bounce from a mail server (no delivery report)",
          ...failed.map(
            (r) =>
              `${r.finalRecipient}: ${r.action} ${r.status}${r.diagnosticCode ? ` (${r.diagnosticCode.slice(0, 120)})` : ""}`,
          ),
        ],
        bounce,
      };
    }
    const automatic = automaticReasons(message);
    if (automatic.length > 0) {
      const onlySubject = automatic.every((r) => r.startsWith("out-of-office subject"));
      return {
        intent: "auto_reply",
        confidence: onlySubject ? 0.85 : 0.97,
        ...base,
        reasons: [...automatic, "automatic mail is recorded, never taken as an answer"],
      };
    }
  }
  if (!refDate) base.dates = [];
  const { decision, reasons } = classifyText(reply);
  if (decision.intent === "accept") {
    // The weighted rules found a yes; the gate decides whether it is a clear one.
    const gate = consentGate(reply, { dates: base.dates, ...(refDate ? { now: refDate } : {}) });
    if (!gate.open) {
      const why = gate.blockers.map((b) => `${b.kind} "${b.text.slice(0, 60)}"`);
      return {
        intent: "unknown",
        confidence: 0.5,
        ...base,
        gate,
        readAs: describeGate(gate),
        reasons: [
          ...reasons,
          ...(gate.affirmative ? [] : ["no answer-shaped yes about the introduction"]),
          ...why.map((w) => `gate: ${w}`),
          "→ unknown: not a clear, unconditional yes",
        ],
      };
    }
    return {
      intent: "accept",
      confidence: decision.confidence,
      ...base,
      gate,
      reasons: [...reasons, `gate: open ("${gate.affirmative}")`, `→ accept: ${decision.why}`],
    };
  }
  return {
    intent: decision.intent,
    confidence: decision.confidence,
    ...base,
    ...(decision.intent === "unknown" ? { readAs: "We didn't find a clear yes or no in it." } : {}),
    reasons: [...reasons, `→ ${decision.intent}: ${decision.why}`],
  };
}
