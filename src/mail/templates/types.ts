/**
 * Shapes shared by the templates. A template only ever sees names and what people wrote, plus the
 * URLs it must render; the addresses a message goes to are the sender's business, so a body
 * cannot leak one (the one exception is a ready-made reply's mailto: link, after consent).
 */

/** The message a template produces: headers other than Subject are set by the sender. */
export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

/** A person as a template shows them: a display name only. */
export interface Named {
  name: string;
}

/** The three people of one intro. */
export interface IntroPeople {
  requester: Named;
  introducer: Named;
  target: Named;
}

/** Props every template accepts. */
export interface BaseProps {
  /**
   * Set on notifications a person can turn off (the sender also adds List-Unsubscribe for
   * them); rendered in the footer as an unsubscribe/preferences link.
   */
  unsubscribeUrl?: string;
}

/** Props of a message that continues an existing thread: its subject gets one `Re: `. */
export interface InThread {
  /** The thread's subject as first sent, e.g. `REQUEST: intro Maya <> Alice`. */
  threadSubject: string;
}

/** The recipients of a ready-made reply, for its mailto: link (RFC 6068). */
export interface DraftRecipients {
  to: string[];
  cc?: string[];
  bcc?: string[];
}

/** How a meeting went, in the lifecycle's words. */
export type OutcomeRating = "great" | "fine" | "did_not_happen";

/** One-click answers to "how did it go?". */
export interface OutcomeUrls {
  greatUrl: string;
  fineUrl: string;
  didNotHappenUrl: string;
}
