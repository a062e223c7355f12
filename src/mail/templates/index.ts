/**
 * Every message Vouch sends, by name. Each template is a pure function: typed props in,
 * `{ subject, text, html }` out, with no data fetching and no clock.
 */
import { changesRequested } from "./changes-requested.ts";
import { coachFeedback } from "./coach-feedback.ts";
import { consentRequest } from "./consent-request.ts";
import { expiredToIntroducer } from "./expired-to-introducer.ts";
import { expiredToRequester } from "./expired-to-requester.ts";
import { followUpDraft } from "./follow-up-draft.ts";
import { howDidItGo } from "./how-did-it-go.ts";
import { howWasItTarget } from "./how-was-it-target.ts";
import { intakeConfirm } from "./intake-confirm.ts";
import { intakeProblem } from "./intake-problem.ts";
import { introducerDeclinedNotice } from "./introducer-declined-notice.ts";
import { introducerReminder } from "./introducer-reminder.ts";
import { introduction } from "./introduction.ts";
import { magicLink } from "./magic-link.ts";
import { meetingCancelNote } from "./meeting-cancel-note.ts";
import { meetingInviteNote } from "./meeting-invite-note.ts";
import { ownIntroEarly } from "./own-intro-early.ts";
import { ownIntroReady } from "./own-intro-ready.ts";
import { proposedTimes } from "./proposed-times.ts";
import { relay } from "./relay.ts";
import { reportBackToIntroducer } from "./report-back-to-introducer.ts";
import { reportReminder } from "./report-reminder.ts";
import { requestToIntroducer } from "./request-to-introducer.ts";
import { requesterNudge } from "./requester-nudge.ts";
import { requesterReviseReminder } from "./requester-revise-reminder.ts";
import { stalledNotice } from "./stalled-notice.ts";
import { targetConsentReminder } from "./target-consent-reminder.ts";
import { targetDeclinedToIntroducer } from "./target-declined-to-introducer.ts";
import { targetDeclinedToRequester } from "./target-declined-to-requester.ts";
import { targetDeferredToIntroducer } from "./target-deferred-to-introducer.ts";
import { targetQuestionToIntroducer } from "./target-question-to-introducer.ts";
import type { RenderedEmail } from "./types.ts";
import { unclearReplyAskAgain } from "./unclear-reply-ask-again.ts";
import { withdrawnNotice } from "./withdrawn-notice.ts";

export const TEMPLATES = {
  request_to_introducer: requestToIntroducer,
  consent_request: consentRequest,
  introduction,
  requester_nudge: requesterNudge,
  follow_up_draft: followUpDraft,
  introducer_declined_notice: introducerDeclinedNotice,
  target_declined_to_introducer: targetDeclinedToIntroducer,
  target_declined_to_requester: targetDeclinedToRequester,
  target_deferred_to_introducer: targetDeferredToIntroducer,
  target_question_to_introducer: targetQuestionToIntroducer,
  changes_requested: changesRequested,
  expired_to_requester: expiredToRequester,
  expired_to_introducer: expiredToIntroducer,
  stalled_notice: stalledNotice,
  withdrawn_notice: withdrawnNotice,
  introducer_reminder: introducerReminder,
  target_consent_reminder: targetConsentReminder,
  requester_revise_reminder: requesterReviseReminder,
  report_reminder: reportReminder,
  how_did_it_go: howDidItGo,
  how_was_it_target: howWasItTarget,
  report_back_to_introducer: reportBackToIntroducer,
  meeting_invite_note: meetingInviteNote,
  proposed_times: proposedTimes,
  meeting_cancel_note: meetingCancelNote,
  unclear_reply_ask_again: unclearReplyAskAgain,
  intake_problem: intakeProblem,
  intake_confirm: intakeConfirm,
  own_intro_ready: ownIntroReady,
  own_intro_early: ownIntroEarly,
  magic_link: magicLink,
  relay,
  coach_feedback: coachFeedback,
} as const satisfies Record<string, (props: never) => RenderedEmail>;

/** The name of a message, as the outbox and the lifecycle's effects refer to it. */
export type TemplateName = keyof typeof TEMPLATES;

/** The props a given template takes. */
export type TemplateProps<N extends TemplateName> = Parameters<(typeof TEMPLATES)[N]>[0];

/** Every template name, in the order above. */
export const TEMPLATE_NAMES = Object.keys(TEMPLATES) as TemplateName[];

export function isTemplateName(name: string): name is TemplateName {
  return Object.hasOwn(TEMPLATES, name);
}

/** Renders a template by name (for callers holding the name as data, like the outbox). */
export function renderTemplate<N extends TemplateName>(
  name: N,
  props: TemplateProps<N>,
): RenderedEmail {
  // TypeScript cannot correlate N across the map and its props; the signature above does.
  const fn = TEMPLATES[name] as (props: TemplateProps<N>) => RenderedEmail;
  return fn(props);
}

export type { RenderedEmail } from "./types.ts";
