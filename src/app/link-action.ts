/**
 * The shape of a one-click link's action, apart from the table of them (`link-actions.ts`), so
 * that actions built elsewhere (`slot-link-action.ts`) need not import the table that uses them.
 */
import type { Intro, IntroEvent, Role } from "../domain/types.ts";

/** A form field on a one-click confirmation page. */
export interface ActionField {
  name: string;
  label: string;
  kind: "text" | "textarea" | "email" | "date" | "checkbox";
  required?: boolean;
  value?: string;
  hint?: string;
}

/** What one kind of link does: who may use it, what the page says, and the event it causes. */
export interface LinkAction {
  role: Role;
  title: (i: Intro) => string;
  explain: (i: Intro) => string;
  button: string;
  fields?: (i: Intro) => ActionField[];
  /** The event, or null for an answer that changes nothing (it is still recorded as used). */
  event: (form: Record<string, string>, i: Intro) => IntroEvent | null;
  done: (i: Intro) => string;
  /**
   * A link that opens a page of the app instead of answering: using it signs its person in, and
   * they act there. The page's path while there is something to do there, else null.
   */
  opens?: (i: Intro) => string | null;
}
