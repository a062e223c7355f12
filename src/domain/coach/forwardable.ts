import { greetingName } from "./text.ts";

export type ForwardableFields = {
  introducerName: string;
  targetName: string;
  requesterName: string;
  /** What you want from them: "I'd greatly appreciate a chance to chat with you about …". */
  ask: string;
  /** Why them: your situation and what of their background makes them the right person. */
  whyThem: string;
  /** The next step with a time: "Would a quick 20 min coffee work for you this Friday …?" */
  nextStep: string;
  /** The alternative: "Can also do a phone call / anything you'd prefer." */
  alternative?: string;
  /** A few lines about you, shown as a list under "About me:". */
  aboutMe: string[];
  /** Links under your name (your website, LinkedIn). */
  links?: string[];
  /** The sign-off word; "Regards," by default. */
  signature?: string;
};

/** One line, no control characters: names end up in a subject header. */
function oneLine(s: string): string {
  return (
    s
      // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point.
      .replace(/[\u0000-\u001F\u007F]+/g, " ")
      .replace(/\s+/g, " ")
      .trim()
  );
}

function paragraph(s: string): string {
  return s
    .replace(/\r\n?/g, "\n")
    .split("\n")
    .map((l) => l.trimEnd())
    .join("\n")
    .trim();
}

/**
 * Builds the forwardable request in the seed's shape: subject `REQUEST: intro Maya <> Alice`
 * (target first), one line to the introducer on top, then the blurb addressed to the target, the
 * "About me:" list, and the sign-off with the requester's name and links. Outbound mail, the
 * composer preview and the API all use this one function.
 */
export function buildForwardableRequest(fields: ForwardableFields): {
  subject: string;
  text: string;
} {
  const introducer = oneLine(fields.introducerName);
  const target = oneLine(fields.targetName);
  const requester = oneLine(fields.requesterName);
  const subject = `REQUEST: intro ${target} <> ${requester}`;

  const blocks: string[] = [];
  blocks.push(
    `Hey ${greetingName(introducer)}, could you introduce me to ${greetingName(target)}? You can simply CC them, thanks!`,
  );
  blocks.push(`Hey ${greetingName(target)},`);
  for (const p of [fields.ask, fields.whyThem]) {
    const text = paragraph(p);
    if (text) blocks.push(text);
  }
  const next = [paragraph(fields.nextStep), paragraph(fields.alternative ?? "")]
    .filter(Boolean)
    .join(" ");
  if (next) blocks.push(next);
  const about = fields.aboutMe.map((l) => oneLine(l).replace(/^(?:[-*•]\s*)+/, "")).filter(Boolean);
  if (about.length > 0) blocks.push(["About me:", ...about.map((l) => `- ${l}`)].join("\n"));
  let signOff = oneLine(fields.signature ?? "Regards,") || "Regards,";
  if (!/[,!.]$/.test(signOff)) signOff += ",";
  const links = (fields.links ?? []).map(oneLine).filter(Boolean);
  blocks.push([signOff, requester, ...links].join("\n"));
  return { subject, text: `${blocks.join("\n\n")}\n` };
}
