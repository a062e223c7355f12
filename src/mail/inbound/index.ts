// Understanding inbound mail: parsing, quote stripping, automatic-mail and bounce detection,
// and the reply classifiers. Routing replies to intros lives elsewhere and builds on these.

export { automaticReasons, isAutomatic } from "./automatic-mail.ts";
export {
  type ClassifyOptions,
  type ConsentClassification,
  type ConsentIntent,
  classifyConsentReply,
} from "./classify-consent-reply.ts";
export {
  classifyIntroducerReply,
  findAddresses,
  type IntroducerClassification,
  type IntroducerIntent,
  type IntroducerOptions,
} from "./classify-introducer-reply.ts";
export { type DateReference, type FoundDate, findDates, findProposedTimes } from "./find-dates.ts";
export {
  findLinks,
  findSchedulingLinks,
  type SchedulingLink,
  schedulingProvider,
} from "./find-links.ts";
export { htmlToText } from "./html-to-text.ts";
export { matchProposedSlot } from "./match-proposed-slot.ts";
export { type Bounce, type BounceRecipient, readBounce } from "./read-bounce.ts";
export {
  type AttachmentInfo,
  type Mailbox,
  type ParsedMessage,
  readMessage,
} from "./read-message.ts";
export { type StripOptions, stripQuotedReply } from "./strip-quoted-reply.ts";
