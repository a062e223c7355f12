// Keeps only what the sender wrote in this message: the quoted thread, the attribution line
// above it, forwarded originals and signatures go. Our own pass runs first, because it knows
// the reply layouts email-reply-parser does not (Outlook's unquoted "From: … Sent: …" block,
// attributions wrapped over several lines, text written below or between quotes); then
// email-reply-parser runs on what is left for the signature and locale rules it has and we lack.

import EmailReplyParser from "email-reply-parser";

/** Options for {@link stripQuotedReply}. */
export interface StripOptions {
  /** The sender's display name: a signature block that starts with it is removed. */
  senderName?: string;
}

// The largest text we look at: a reply is short, and the rules below must stay cheap.
const MAX_INPUT = 200_000;
// email-reply-parser has regexes that scan ahead across lines; keep its input small.
const MAX_ERP_INPUT = 20_000;

// Attribution lines that introduce a quote ("On … wrote:"), in the languages clients use.
// Each is matched against one line, or two or three lines joined, because clients wrap them.
const ATTRIBUTION: RegExp[] = [
  /^-*\s*On\b.{0,300}\bwrote\s*:?\s*-*$/i,
  /^.{0,200}\b(?:wrote|writes)\s*:\s*$/i,
  /^-*\s*Le\b.{0,300}\b(?:a\s+)?écrit\s*:?\s*-*$/i,
  /^.{0,200}\ba\s+écrit\s*:\s*$/i,
  /^\s*Am\b.{0,300}\bschrieb\b.{0,300}:\s*$/i,
  /^.{0,300}\bschrieb\s*:?\s*$/i,
  /^-*\s*El\b.{0,300}\bescribió\s*:?\s*-*$/i,
  /^.{0,200}\bescribió\s*:\s*$/i,
  /^\s*Il\b.{0,300}\bha\s+scritto\s*:?\s*$/i,
  /^\s*Em\b.{0,300}\bescreveu\s*:?\s*$/i,
  /^\s*Op\b.{0,300}\bschreef\b.{0,300}:\s*$/i,
  /^\s*Den\b.{0,300}\bskrev\b.{0,300}:\s*$/i,
  /^\s*(?:W dniu|Dnia)\b.{0,300}\b(?:pisze|napisał\(a\)|napisał|napisała)\s*:\s*$/i,
];
// Every attribution above contains one of these verbs: lines without one skip the regexes.
const ATTRIBUTION_VERB =
  /wrote|writes|écrit|schrieb|escribió|scritto|escreveu|schreef|skrev|pisze|napisał/i;
const SEPARATOR_HEADER =
  /^\s*-{2,}\s*(?:Original Message|Message d'origine|Message original|Ursprüngliche Nachricht|Originalnachricht|Mensaje original|Messaggio originale|Mensagem original|Forwarded message|Message transféré|Weitergeleitete Nachricht|Mensaje reenviado|Messaggio inoltrato)\s*-*\s*$/i;
const FORWARD_HEADER =
  /^\s*(?:Begin forwarded message|Début du message réexpédié|Anfang der weitergeleiteten Nachricht|Inicio del mensaje reenviado)\s*:\s*$/i;
// Outlook writes the parent's headers, unquoted, under a rule: From/Sent/To/Subject, localised.
const OUTLOOK_FROM = /^\s*\*?(?:From|De|Von|Da|Van|Från|Fra|Od|От)\s*\*?\s*:\s*\*?\s*\S/i;
const OUTLOOK_FIELD =
  /^\s*\*?(?:Sent|Date|To|Cc|Subject|Envoyé|Date|À|A|Cc|Objet|Gesendet|Datum|An|Betreff|Enviado|Fecha|Para|Asunto|Inviato|Oggetto|Verzonden|Aan|Onderwerp|Skickat|Till|Ämne)\s*\*?\s*:/i;
const RULE = /^\s*(?:_{5,}|-{4,}|={5,})\s*$/;

// Signatures: a separator line, a "sent from my phone" line, or a sign-off followed by a short block.
const SIG_SEPARATOR = /^\s*(?:--|-- |—|__)\s*$/;
const MOBILE_SIG =
  /^\s*(?:Sent from (?:my |Mail |Yahoo |Outlook |Samsung |AOL )|Sent with |Sent via |Get Outlook for |Envoyé de mon |Envoyé depuis |Envoyé à partir de |Obtenir Outlook pour |Télécharger Outlook pour |Von meinem .{1,40} gesendet|Gesendet von |Gesendet mit |Enviado desde |Enviado con |Obtener Outlook para |Inviato da |Verzonden vanaf |Verstuurd vanaf )/i;
const SIGN_OFF =
  /^\s*(?:best|best regards|best wishes|kind regards|warm regards|warmest regards|regards|many thanks|thanks|thank you|thanks again|thx|cheers|all the best|talk soon|speak soon|sincerely|yours|yours sincerely|warmly|take care|cordialement|bien cordialement|bien à (?:toi|vous)|amicalement|bises|merci|merci beaucoup|à bientôt|bonne journée|belle journée|viele grüße|liebe grüße|beste grüße|herzliche grüße|schöne grüße|mit freundlichen grüßen|freundliche grüße|grüße|gruß|lg|vg|mfg|danke|vielen dank|un saludo|saludos|un abrazo|abrazos|atentamente|gracias|muchas gracias|besos|cordiales saludos)\s*[,.!]*\s*$/i;
// "Cheers, Tom" / "Danke, Anna": a sign-off word and a capitalised name on one line.
const SIGN_OFF_WORD =
  /^(?:best|cheers|thanks|thank you|regards|kind regards|best regards|merci|danke|gracias|saludos|lg|vg)$/;
const WORD_THEN_NAME =
  /^\s*([\p{L} ]{2,20}?)\s*[,!.]?\s+(\p{Lu}[\p{L}'’-]*(?:\s+\p{Lu}[\p{L}'’-]*)?)\.?\s*$/u;
const isSignOffWithName = (line: string) => {
  const m = WORD_THEN_NAME.exec(line);
  return m !== null && SIGN_OFF_WORD.test((m[1] ?? "").toLowerCase());
};

const isQuoted = (line: string) => /^\s*>/.test(line);
const isBlank = (line: string) => line.trim() === "";

function isAttribution(lines: string[], i: number): number {
  // Returns how many lines the attribution spans (0 if none starts at i).
  const first = lines[i] ?? "";
  if (isBlank(first) || isQuoted(first)) return 0;
  if (SEPARATOR_HEADER.test(first) || FORWARD_HEADER.test(first)) return 1;
  const window = `${first} ${lines[i + 1] ?? ""} ${lines[i + 2] ?? ""}`;
  if (!ATTRIBUTION_VERB.test(window)) return 0;
  let joined = "";
  for (let n = 1; n <= 3 && i + n - 1 < lines.length; n++) {
    const line = lines[i + n - 1] ?? "";
    if (n > 1 && (isBlank(line) || isQuoted(line))) break;
    joined = n === 1 ? line.trim() : `${joined} ${line.trim()}`;
    if (joined.length > 400) break;
    // A wrapped attribution must start like one: a one-line match is enough on its own.
    if (ATTRIBUTION.some((re) => re.test(joined))) return n;
  }
  return 0;
}

function isOutlookBlock(lines: string[], i: number): boolean {
  if (!OUTLOOK_FROM.test(lines[i] ?? "")) return false;
  let fields = 0;
  for (let j = i + 1; j < Math.min(lines.length, i + 6); j++) {
    const line = lines[j] ?? "";
    if (OUTLOOK_FIELD.test(line)) fields++;
    else if (!isBlank(line) && !/^\s{2,}\S/.test(line)) break;
  }
  return fields >= 2;
}

/** Finds where the quoted thread starts: an index, and whether the quote below is ">"-marked. */
function findQuoteStart(lines: string[]): { at: number; skip: number; marked: boolean } | null {
  for (let i = 0; i < lines.length; i++) {
    let skip = isAttribution(lines, i);
    let at = i;
    if (!skip && isOutlookBlock(lines, i)) skip = 1;
    if (!skip) continue;
    // A rule just above an Outlook header belongs to the quote.
    if (at > 0 && RULE.test(lines[at - 1] ?? "")) at -= 1;
    else if (at > 1 && isBlank(lines[at - 1] ?? "") && RULE.test(lines[at - 2] ?? "")) at -= 2;
    // Is what follows a ">"-quote (text may come below it) or an unquoted original (cut all)?
    let next = i + skip;
    while (next < lines.length && isBlank(lines[next] ?? "")) next++;
    const marked = next >= lines.length || isQuoted(lines[next] ?? "");
    return { at, skip: i + skip - at, marked };
  }
  return null;
}

function isSignOffBlock(lines: string[], i: number, senderName: string | undefined): boolean {
  const line = lines[i] ?? "";
  const rest = lines.slice(i + 1).filter((l) => !isBlank(l));
  const before = lines.slice(0, i).some((l) => !isBlank(l));
  if (!before) return false; // "Thanks Jane!" on top is a greeting, not a sign-off
  if (rest.length > 12) return false;
  if (SIGN_OFF.test(line)) {
    const first = rest[0];
    return first === undefined || first.trim().length <= 60;
  }
  if (isSignOffWithName(line)) return rest.length <= 8;
  if (senderName) {
    const name = line.trim().replace(/[,.]$/, "").toLowerCase();
    const full = senderName.trim().toLowerCase();
    const first = full.split(/\s+/)[0] ?? "";
    if (name && (name === full || (name === first && first.length > 1)) && rest.length <= 8)
      return true;
  }
  return false;
}

function removeSignature(lines: string[], senderName: string | undefined): string[] {
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? "";
    if (SIG_SEPARATOR.test(line) && lines.slice(0, i).some((l) => !isBlank(l)))
      return lines.slice(0, i);
    if (MOBILE_SIG.test(line)) {
      // Clients add it at the very end; what follows is at most a line or two of noise.
      const rest = lines.slice(i + 1).filter((l) => !isBlank(l));
      if (rest.length <= 2) return lines.slice(0, i);
    }
    if (isSignOffBlock(lines, i, senderName)) return lines.slice(0, i);
  }
  return lines;
}

function tidy(lines: string[]): string {
  return lines
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

let erp: EmailReplyParser | null = null;

function erpVisible(text: string): string {
  if (text.length > MAX_ERP_INPUT) return text;
  try {
    erp ??= new EmailReplyParser();
    const visible = erp.parseReply(text).trim();
    // It hides everything after a greeting it mistakes for a sign-off ("Cheers!" on top): then
    // our own, more careful result stands.
    return visible === "" ? text : visible;
  } catch {
    return text;
  }
}

/**
 * Returns only the new text of a reply: quoted text (above, below or between the answer),
 * attribution lines, forwarded originals and signatures are removed.
 */
export function stripQuotedReply(text: string, options: StripOptions = {}): string {
  const normalized = text
    .slice(0, MAX_INPUT)
    .replace(/\r\n?/g, "\n")
    .replace(/\u00a0/g, " ")
    // biome-ignore lint/suspicious/noControlCharactersInRegex: stray controls break the line rules
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, "");
  let lines = normalized.split("\n").map((l) => l.replace(/\s+$/, ""));

  const start = findQuoteStart(lines);
  if (start) {
    const above = lines.slice(0, start.at);
    // Below a ">"-quote, unquoted lines are the answer (bottom-posting, inline replies).
    const below = start.marked ? lines.slice(start.at + start.skip) : [];
    lines = [...above, "", ...below];
  }
  // Drop quoted lines, and any later attribution that introduces a nested quote.
  const kept: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? "";
    if (isQuoted(line)) continue;
    const span = isAttribution(lines, i);
    if (span) {
      const next = lines.slice(i + span).find((l) => !isBlank(l));
      if (next === undefined || isQuoted(next)) {
        i += span - 1;
        continue;
      }
      break; // an unquoted original follows: nothing below is the sender's
    }
    if (isOutlookBlock(lines, i)) {
      while (
        kept.length > 0 &&
        (isBlank(kept[kept.length - 1] ?? "") || RULE.test(kept[kept.length - 1] ?? ""))
      )
        kept.pop();
      break;
    }
    kept.push(line);
  }
  const withoutSignature = removeSignature(kept, options.senderName);
  return erpVisible(tidy(withoutSignature));
}
