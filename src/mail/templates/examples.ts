/**
 * Example props for every template, built around the seed's people (Alice asks Jane for an intro
 * to Maya). The snapshot tests render these so a reviewer reads each email as received, and the
 * hostile variant feeds every template the same attack strings. A preview page can reuse them.
 */
import type { TemplateName, TemplateProps } from "./index.ts";

/** What varies between example sets: the people's names, the free text and the links. */
export interface ExampleInput {
  requester: string;
  introducer: string;
  target: string;
  /** A line a person would have typed (a subject, a place); a hostile set ignores `realistic`. */
  say: (realistic: string) => string;
  /** Longer text a person would have typed (a note, a blurb), possibly several paragraphs. */
  write: (realistic: string) => string;
  /** A one-click link for `action`. */
  url: (action: string) => string;
}

/** Props for every template, checked against each template's props type. */
export type ExampleProps = { [N in TemplateName]: TemplateProps<N> };

/** The seed's request, word for word (its "Ccould" typo aside). */
export const SEED_REQUEST = {
  subject: "REQUEST: intro Maya <> Alice",
  noteToIntroducer: "Hey Jane, could you introduce me to Maya? You can simply CC them, thanks!",
  blurb: `Hey Maya,

I'd greatly appreciate a chance to chat with you about building a career in Tech.

I'm currently job hunting for a software engineer position. I'm debating between joining a startup or going the big company route. I'd love for a chance to understand your experiences at Snapchat, Instagram and SpaceX to help me better understand the trade-offs in choosing where to work.

Would a quick 20 min coffee work for you this Friday afternoon at your office at, say, 3pm? Can also do a phone call / anything you'd prefer.

About me:
- Excited to join a fast moving company as a full-stack software engineer. I have a background in web and mobile engineering.
- Built a note-taking app that has dozens of active users: <>.
- Recent grad from Internet University.

Regards,
Alice
https://alicepersonalwebsite.com`,
};

/** Builds one complete set of example props. */
export function exampleProps(x: ExampleInput): ExampleProps {
  const people = {
    requester: { name: x.requester },
    introducer: { name: x.introducer },
    target: { name: x.target },
  };
  const requestThread = { ...people, threadSubject: x.say(SEED_REQUEST.subject) };
  const consentThread = { ...people, threadSubject: `Would you like an intro to ${x.requester}?` };
  const triage = {
    forwardUrl: x.url("forward"),
    askChangesUrl: x.url("ask-changes"),
    declineUrl: x.url("decline"),
  };
  const consent = { yesUrl: x.url("yes"), notNowUrl: x.url("not-now"), noUrl: x.url("no") };
  const outcome = {
    greatUrl: x.url("great"),
    fineUrl: x.url("fine"),
    didNotHappenUrl: x.url("did-not-happen"),
  };
  const meeting = {
    ...people,
    threadSubject: x.say(SEED_REQUEST.subject),
    start: "2026-12-03T09:00:00.000Z",
    end: "2026-12-03T09:30:00.000Z",
    timeZone: "Europe/London",
  };
  const unsubscribeUrl = x.url("preferences");
  return {
    request_to_introducer: {
      ...people,
      subject: x.say(SEED_REQUEST.subject),
      noteToIntroducer: x.write(SEED_REQUEST.noteToIntroducer),
      blurb: x.write(SEED_REQUEST.blurb),
      actions: triage,
      coachScore: 92,
      requesterTrackRecord: { completed: 2, thanked: 2, stalled: 0, withdrawn: 0 },
      targetRecentIntros: 1,
    },
    consent_request: {
      ...people,
      introducerNote: x.write(
        "Alice is a sharp recent grad I've known for a couple of years, deciding between startups and big companies. I thought of you straight away, but only if you have the time.",
      ),
      blurb: x.write(SEED_REQUEST.blurb),
      actions: consent,
    },
    introduction: {
      ...requestThread,
      aboutRequester: x.write(
        "Alice is a recent grad deciding between startups and big companies, and would love your take.",
      ),
      aboutTarget: x.write(
        "Maya has built at Snapchat, Instagram and SpaceX, and kindly said yes to a chat.",
      ),
    },
    requester_nudge: {
      ...people,
      introSubject: x.say(SEED_REQUEST.subject),
      reply: { to: ["maya@example.com"], bcc: ["intros+k7qw2x@vouch.example.com"] },
      nextStep: x.write(
        "I sent an invite through Calendly. Looking forward to meeting you this Thursday at 9am.",
      ),
    },
    follow_up_draft: {
      ...people,
      number: 1,
      answers: { talkingUrl: x.url("talking"), notYetUrl: x.url("not-yet") },
      introSubject: x.say(SEED_REQUEST.subject),
      reply: { to: ["maya@example.com"], bcc: ["intros+k7qw2x@vouch.example.com"] },
      unsubscribeUrl,
    },
    introducer_declined_notice: {
      ...requestThread,
      messageToRequester: x.write(
        "I don't know Maya well enough yet to ask this of her. Sorry, and good luck with the search!",
      ),
    },
    target_declined_to_introducer: {
      ...consentThread,
      reason: x.write("I'm heads-down on a launch until March, so I can't give this the time."),
    },
    target_declined_to_requester: { ...requestThread },
    target_deferred_to_introducer: {
      ...consentThread,
      askAgainOn: "2027-01-11",
      note: x.write("Not right now, try me in January."),
    },
    target_question_to_introducer: {
      ...consentThread,
      question: x.write("Happy to help. Is Alice looking for a referral, or just advice?"),
    },
    changes_requested: {
      ...requestThread,
      note: x.write(
        "Could you say which team at SpaceX you're curious about? Maya gets a lot of these, and a specific question will stand out.",
      ),
      reviseUrl: x.url("revise"),
    },
    expired_to_requester: { ...requestThread, waitingOn: "introducer" },
    expired_to_introducer: { ...requestThread, waitingOn: "target", unsubscribeUrl },
    stalled_notice: { ...requestThread, unsubscribeUrl },
    withdrawn_notice: {
      ...requestThread,
      note: x.write(
        "I accepted an offer, so I don't want to take up Maya's time. Thank you, Jane!",
      ),
    },
    introducer_reminder: { ...requestThread, number: 1, actions: triage, unsubscribeUrl },
    target_consent_reminder: { ...consentThread, actions: consent },
    requester_revise_reminder: {
      ...requestThread,
      reviseUrl: x.url("revise"),
      note: x.write("Could you say which team at SpaceX you're curious about?"),
      unsubscribeUrl,
    },
    report_reminder: { ...people, number: 1, outcome, noteUrl: x.url("note"), unsubscribeUrl },
    how_did_it_go: {
      ...people,
      outcome,
      noteUrl: x.url("note"),
      thankYou: { to: ["jane@example.com"] },
      unsubscribeUrl,
    },
    how_was_it_target: { ...people, outcome, noteUrl: x.url("note"), unsubscribeUrl },
    report_back_to_introducer: {
      ...requestThread,
      outcome: "great",
      thanked: true,
      note: x.write(
        "Thank you so much for the intro, Jane. Maya walked me through how she chose between teams, and I've now got two startup interviews lined up.",
      ),
      targetOutcome: "great",
      targetNote: x.write("Alice came well prepared. Happy to do more of these."),
      unsubscribeUrl,
    },
    meeting_invite_note: {
      ...meeting,
      location: x.say("Maya's office, 1 Market St, 4th floor"),
      meetingUrl: x.url("call"),
    },
    meeting_cancel_note: { ...meeting },
    proposed_times: {
      ...requestThread,
      proposer: "requester",
      timeZone: "America/New_York",
      slots: [
        {
          start: "2026-12-03T14:00:00.000Z",
          end: "2026-12-03T14:30:00.000Z",
          confirmUrl: x.url("confirm-thursday"),
        },
        {
          start: "2026-12-04T19:00:00.000Z",
          end: "2026-12-04T19:30:00.000Z",
          confirmUrl: x.url("confirm-friday"),
        },
      ],
      links: [x.say("https://cal.com/alice/30")],
    },
    unclear_reply_ask_again: {
      ...consentThread,
      recipient: people.target,
      onBehalfOf: people.introducer,
      reason: "unclear",
      question: `Would you like an intro to ${x.requester}?`,
      choices: [
        { label: "Yes, introduce us", url: consent.yesUrl },
        { label: "Not now", url: consent.notNowUrl },
        { label: "No, thanks", url: consent.noUrl },
      ],
    },
    intake_problem: {
      sender: people.requester,
      originalSubject: x.say("Intro?"),
      problems: ["no_target", "several_introducers"],
      candidates: [x.introducer, x.say("Bob")],
      intakeAddress: "intros@vouch.example.com",
    },
    own_intro_ready: {
      ...requestThread,
      blurb: x.write(SEED_REQUEST.blurb),
      send: {
        to: ["maya@example.com"],
        cc: ["alice@example.com"],
        bcc: ["intros+7Hq2vX9cK1mP3rT@vouch.example.com"],
      },
      sentUrl: x.url("own-sent"),
    },
    own_intro_early: { ...people, originalSubject: x.say("Maya, meet Alice") },
    intake_confirm: {
      sender: people.requester,
      originalSubject: x.say(SEED_REQUEST.subject),
      confirmUrl: x.url("confirm-intake"),
      intakeAddress: "intros@vouch.example.com",
    },
    magic_link: { recipient: people.requester, url: x.url("sign-in"), expiresInMinutes: 15 },
    relay: {
      threadSubject: x.say(SEED_REQUEST.subject),
      sender: people.target,
      text: x.write(
        "Thanks for connecting us Jane, hope your product launch is going well :).\n\nHey Alice, great to meet! I'd love to chat. Friday is tough, could you pick a time on my Calendly?\n\n-- Maya",
      ),
    },
    coach_feedback: {
      sender: people.requester,
      introducer: people.introducer,
      originalSubject: x.say("Intro?"),
      problems: [x.say("Name one person you'd like to meet, rather than anyone Jane knows.")],
      suggestions: [x.say("Propose a concrete next step, like a 20-minute call this Friday.")],
    },
  };
}

/** The seed's people and words. */
export const SEED_EXAMPLES: ExampleProps = exampleProps({
  requester: "Alice",
  introducer: "Jane",
  target: "Maya",
  say: (realistic) => realistic,
  write: (realistic) => realistic,
  url: (action) => `https://vouch.example.com/a/${action}-7Hq2vX9c`,
});
