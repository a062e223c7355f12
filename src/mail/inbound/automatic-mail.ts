// RFC 3834 and the headers real autoresponders set: mail that no person wrote is recorded but
// never acted on (EMAIL.md, "Receiving"). Out-of-office subjects are checked too, because some
// clients (and many server rules) send vacation replies without any of the headers.

import type { ParsedMessage } from "./read-message.ts";

/** The parts of a message that automatic-mail detection reads. */
export type AutomaticMailInput = Pick<ParsedMessage, "headers" | "subject">;

const REPLY_PREFIX = String.raw`^\s*(?:\[[^\]]{0,40}\]\s*)?(?:(?:re|aw|fw|fwd|wg|tr|rv|sv|vs|antw|réf)\s*:\s*)*`;
const OUT_OF_OFFICE_SUBJECT = new RegExp(
  `${REPLY_PREFIX}(?:\\[?\\s*)?(?:out of (?:the )?office|ooo\\b|automatic reply|auto[- ]?reply|autoreply|auto[- ]?response|automated response|vacation reply|away from (?:the )?office|abwesenheitsnotiz|abwesend|automatische antwort|réponse automatique|absence du bureau|absent du bureau|respuesta automática|respuesta automatica|fuera de la oficina|fuera de oficina|risposta automatica|fuori ufficio|resposta automática|automatisch antwoord|afwezig)`,
  "i",
);

/** Why a message counts as automatic (RFC 3834 and common practice); empty for a person's mail. */
export function automaticReasons(message: AutomaticMailInput): string[] {
  const h = message.headers;
  const reasons: string[] = [];
  const autoSubmitted = h["auto-submitted"];
  if (autoSubmitted !== undefined) {
    const token = autoSubmitted.split(/[;(]/)[0]?.trim().toLowerCase() ?? "";
    if (token !== "no") reasons.push(`Auto-Submitted: ${token || "(empty)"}`);
  }
  const returnPath = h["return-path"];
  if (returnPath !== undefined && /^\s*<\s*>\s*$/.test(returnPath))
    reasons.push("empty Return-Path <>");
  if (h["x-autoreply"] !== undefined && h["x-autoreply"].trim().toLowerCase() !== "no")
    reasons.push("X-Autoreply header");
  if (h["x-autorespond"] !== undefined && h["x-autorespond"].trim().toLowerCase() !== "no")
    reasons.push("X-Autorespond header");
  const precedence = h.precedence?.trim().toLowerCase();
  if (
    precedence === "bulk" ||
    precedence === "junk" ||
    precedence === "list" ||
    precedence === "auto_reply"
  )
    reasons.push(`Precedence: ${precedence}`);
  if (h["list-id"] !== undefined) reasons.push("List-Id header (mailing list)");
  if (OUT_OF_OFFICE_SUBJECT.test(message.subject))
    reasons.push(`out-of-office subject "${message.subject.slice(0, 80)}"`);
  return reasons;
}

/** True for automatic mail: out-of-office replies, autoresponders, lists and bulk mail. */
export function isAutomatic(message: AutomaticMailInput): boolean {
  return automaticReasons(message).length > 0;
}
