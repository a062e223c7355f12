import { replySubject } from "../headers.ts";
import { fromVouch, greeting, list, p, renderEmail } from "./layout.ts";
import type { BaseProps, Named, RenderedEmail } from "./types.ts";
import { isolate, shownName } from "./user-text.ts";

/** What could not be worked out from a request sent to intros@. */
export type IntakeProblem = "no_target" | "no_introducer" | "several_introducers";

/** To the sender of a request to intros@ that Vouch could not start. */
export interface IntakeProblemProps extends BaseProps {
  sender: Named;
  /** The subject the sender used; the answer replies to it. */
  originalSubject: string;
  problems: IntakeProblem[];
  /** With "several_introducers": the people in To/Cc, by name or address as they were written. */
  candidates?: string[];
  /** Vouch's intake address, e.g. intros@vouch.example.com. */
  intakeAddress: string;
}

export function intakeProblem(props: IntakeProblemProps): RenderedEmail {
  const who = { sender: shownName(props.sender) };
  const me = who.sender.first;
  const named = props.candidates?.length
    ? ` (${props.candidates.map((c) => isolate(c)).join(", ")})`
    : "";
  const explain: Record<IntakeProblem, string> = {
    no_target: `Who you'd like to meet. Name one person in the subject, like "REQUEST: intro Their Name <> ${me}", or in your first line: "Could you introduce me to Their Name?"`,
    no_introducer: `Who you're asking to make the intro. Put that one person in To or Cc, next to ${props.intakeAddress}.`,
    several_introducers: `Who you're asking to make the intro: there were several people in To and Cc${named}. Send it to just the one person you're asking, with ${props.intakeAddress} in Cc or Bcc.`,
  };
  const missing = props.problems.map((problem) => explain[problem]);
  const subject = props.originalSubject.trim()
    ? replySubject(props.originalSubject)
    : "Your intro request needs a little more";
  return renderEmail({
    subject,
    blocks: [
      greeting(who.sender),
      p(
        "Thanks for your intro request. Vouch couldn't start it yet, because it couldn't work out:",
      ),
      list(...missing),
      p(
        "Nothing has been sent to anyone, and your message is kept. Send it again with that fixed and Vouch will take it from there.",
      ),
      fromVouch(),
    ],
    footer: `Sent by Vouch in answer to your message to ${props.intakeAddress}.`,
    unsubscribeUrl: props.unsubscribeUrl,
  });
}
