/**
 * The one-click answers that appear in more than one message, so a reminder offers exactly the
 * same choices, in the same words, as the message it reminds about. Every URL points at an
 * `/a/<token>` page that asks for confirmation (mail scanners open links; only the POST acts).
 */
import { type Block, buttons, p } from "./layout.ts";
import type { OutcomeUrls } from "./types.ts";
import type { ShownName } from "./user-text.ts";

/** The introducer's choices on a request. */
export interface TriageActions {
  forwardUrl: string;
  askChangesUrl: string;
  declineUrl: string;
}

/** The target's choices on a consent request. */
export interface ConsentActions {
  yesUrl: string;
  notNowUrl: string;
  noUrl: string;
}

/** Ask the target / ask for changes / decline kindly, then "or just reply". */
export function triageBlocks(
  who: { requester: ShownName; target: ShownName },
  a: TriageActions,
): Block[] {
  return [
    buttons(
      { label: `Ask ${who.target.first}`, url: a.forwardUrl, primary: true },
      { label: `Ask ${who.requester.first} for changes`, url: a.askChangesUrl },
      { label: "Decline kindly", url: a.declineUrl },
    ),
    p(
      `Or just reply to this email in your own words ("sure, I'll ask", "not a fit"). ${who.target.first} hears nothing until you ask, and won't be introduced without saying yes.`,
    ),
  ];
}

/** Yes / Not now / No, drawn alike: consent must be a free choice, so no answer is favoured. */
export function consentButtons(a: ConsentActions): Block {
  return buttons(
    { label: "Yes, introduce us", url: a.yesUrl },
    { label: "Not now", url: a.notNowUrl },
    { label: "No, thanks", url: a.noUrl },
  );
}

/** "A plain reply works too", with examples of what Vouch understands. */
export function plainReplyWorks(): Block {
  return p(
    `A plain reply works too: "happy to chat", "not right now, try me in January" or "no thanks" is all it takes.`,
  );
}

/** Great / fine / didn't happen, plus an optional "add a note" link. */
export function outcomeButtons(urls: OutcomeUrls, noteUrl?: string): Block[] {
  const out: Block[] = [
    buttons(
      { label: "It went great", url: urls.greatUrl },
      { label: "It was fine", url: urls.fineUrl },
      { label: "It didn't happen", url: urls.didNotHappenUrl },
    ),
  ];
  if (noteUrl) out.push(buttons({ label: "Add a note", url: noteUrl }));
  return out;
}
