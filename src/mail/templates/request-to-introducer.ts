import { type TriageActions, triageBlocks } from "./actions.ts";
import { type Block, list, p, renderEmail, rule, typed } from "./layout.ts";
import type { BaseProps, IntroPeople, RenderedEmail } from "./types.ts";
import { introNames, isolate } from "./user-text.ts";

/** What the requester's past intros came to, for the introducer's triage. */
export interface TrackRecord {
  completed: number;
  thanked: number;
  stalled: number;
  withdrawn: number;
}

/** The requester's request, as the introducer receives it. */
export interface RequestToIntroducerProps extends BaseProps, IntroPeople {
  /** Starts the request thread, e.g. `REQUEST: intro Maya <> Alice`. */
  subject: string;
  /** The requester's line to the introducer, on top: "Hey Jane, could you introduce me to Maya?…" */
  noteToIntroducer: string;
  /** The forwardable part, addressed to the target, with the requester's sign-off. */
  blurb: string;
  actions: TriageActions;
  /** The request coach's score, 0–100. */
  coachScore?: number;
  requesterTrackRecord?: TrackRecord;
  /** How many intros to the target were requested through Vouch lately. */
  targetRecentIntros?: number;
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/**
 * The seed's shape: the line to the introducer, then the blurb to the target, exactly as the
 * requester wrote them. Vouch's part (context and one-click answers) comes after a divider, so
 * the introducer reads the request first, as if it came straight from the requester.
 */
export function requestToIntroducer(props: RequestToIntroducerProps): RenderedEmail {
  const who = introNames(props);
  const context: string[] = [];
  const record = props.requesterTrackRecord;
  if (record) {
    const finished = record.completed + record.stalled + record.withdrawn;
    context.push(
      finished === 0 && record.thanked === 0
        ? `${who.requester.first} has no finished intros through Vouch yet.`
        : `${who.requester.first}'s track record: ${plural(record.completed, "intro", "intros")} completed (${record.thanked} with a thank-you to the introducer), ${record.stalled} stalled, ${record.withdrawn} withdrawn.`,
    );
  }
  if (props.targetRecentIntros !== undefined) {
    context.push(
      props.targetRecentIntros === 0
        ? `${who.target.first} hasn't been asked for any intros through Vouch lately.`
        : `${who.target.first} has been asked for ${plural(props.targetRecentIntros, "intro", "intros")} through Vouch lately.`,
    );
  }
  if (props.coachScore !== undefined) {
    context.push(`The request coach scored this request ${Math.round(props.coachScore)}/100.`);
  }
  const blocks: Block[] = [typed(props.noteToIntroducer), typed(props.blurb), rule()];
  if (context.length > 0)
    blocks.push(p(`A little context, ${who.introducer.first}:`), list(...context));
  blocks.push(p("You can answer in one click:"), ...triageBlocks(who, props.actions));
  return renderEmail({
    subject: isolate(props.subject),
    blocks,
    footer: `${who.requester.full} sent this request through Vouch. Nobody is introduced without saying yes first.`,
    unsubscribeUrl: props.unsubscribeUrl,
  });
}
