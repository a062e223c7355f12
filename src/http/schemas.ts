import { z } from "@hono/zod-openapi";
import { PROFILE_LIMITS, type ProfileField, profileValue } from "../domain/profile.ts";
import {
  SCHEDULING_LINK_MAX_LENGTH,
  SCHEDULING_LINKS_MAX,
  schedulingLink,
} from "../domain/scheduling-link.ts";
import { LIMITS, longText, personName, subjectLine } from "../domain/text-limits.ts";
import { CHANNELS, OUTCOME_RATINGS, ROLES, STATUSES } from "../domain/types.ts";
import { TOPIC_MAX_LENGTH, TOPICS_MAX, topicsProblem } from "../web/target-topics.ts";

// One set of schemas validates requests and generates /api/openapi.json.

const oneLine = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine((s) => !/[\r\n]/.test(s), "must be a single line");

// Texts held to the limits by the shared domain validator (src/domain/text-limits.ts), which the
// web forms, email intake and the CLI use too: its coded error, naming the field, is the answer.
// The limit is declared for the OpenAPI document (maxLength).
const checked = (max: number, check: (s: string) => string) =>
  z.string().openapi({ maxLength: max }).overwrite(check);
const nameIn = (field: string) => checked(LIMITS.name, (s) => personName(s, field));
const subjectIn = checked(LIMITS.subject, (s) => subjectLine(s, "subject"));
const requestIn = z
  .string()
  .min(1)
  .openapi({ maxLength: LIMITS.requestText })
  .overwrite((s) => longText(s, "request", LIMITS.requestText));
const noteIn = (field: string, min = 0) =>
  z
    .string()
    .min(min)
    .openapi({ maxLength: LIMITS.note })
    .overwrite((s) => longText(s, field, LIMITS.note));

export const PersonIn = z
  .object({ name: nameIn("introducer.name"), email: z.email().max(254) })
  .openapi("PersonIn", { example: { name: "Jane", email: "jane@example.com" } });

export const CreateIntroBody = z
  .object({
    requester: z
      .object({ name: nameIn("requester.name"), email: z.email().optional() })
      .openapi({ description: "You. The email, if given, must be the token's own." }),
    introducer: PersonIn,
    target: z.object({ name: nameIn("target.name"), email: z.email().optional() }),
    subject: subjectIn.optional().openapi({ example: "REQUEST: intro Maya <> Alice" }),
    request: requestIn.openapi({ description: "The forwardable request, plain text." }),
    targetProfile: z.record(z.string(), z.unknown()).optional(),
    draft: z
      .boolean()
      .default(false)
      .openapi({ description: "Keep as a draft instead of submitting." }),
  })
  .openapi("CreateIntro");

const iso = z.iso.datetime({ offset: true });

/** A scheduling link, held to the web form's rule (src/domain/scheduling-link.ts), normalised. */
const SchedulingLinkIn = z
  .string()
  .max(SCHEDULING_LINK_MAX_LENGTH)
  .refine(
    (s) => schedulingLink(s).ok,
    "must be a full https:// address without a user name or password",
  )
  .overwrite((s) => {
    const l = schedulingLink(s);
    return l.ok ? l.url : s;
  })
  .openapi({ example: "https://cal.com/alice/30" });

/** The events a participant can send. The actor is the caller's role in the intro. */
export const EventBody = z
  .discriminatedUnion("type", [
    z.object({ type: z.literal("submit") }),
    z.object({
      type: z.literal("revise"),
      request: requestIn.optional(),
      subject: subjectIn.optional(),
    }),
    z.object({ type: z.literal("withdraw"), reason: noteIn("reason").optional() }),
    z.object({ type: z.literal("reply_in_thread"), movedIntroducerToBcc: z.boolean().optional() }),
    z.object({
      type: z.literal("propose_times"),
      times: z
        .array(iso)
        .max(20)
        .optional()
        .openapi({ description: "Meeting start times, each still ahead (else 400 naming it)." }),
      links: z.array(SchedulingLinkIn).max(SCHEDULING_LINKS_MAX).optional(),
    }),
    z.object({ type: z.literal("confirm_meeting"), start: iso, end: iso, timeZone: oneLine(64) }),
    z.object({
      type: z.literal("report_outcome"),
      rating: z.enum(OUTCOME_RATINGS),
      note: noteIn("note").optional(),
      thanked: z.boolean().default(true),
    }),
    z.object({
      type: z.literal("forward_for_consent"),
      note: noteIn("note").optional(),
      targetEmail: z.email().optional(),
    }),
    z.object({ type: z.literal("ask_for_changes"), note: noteIn("note", 1) }),
    z.object({ type: z.literal("decline"), reason: noteIn("reason").optional() }),
    z.object({ type: z.literal("accept") }),
    z.object({
      type: z.literal("defer"),
      until: iso.optional(),
      reason: noteIn("reason").optional(),
    }),
    z.object({
      type: z.literal("ask_question"),
      question: noteIn("question", 1),
    }),
  ])
  .openapi("IntroEvent");

const PersonOut = z.object({ name: z.string(), email: z.string().nullable() });

export const IntroOut = z
  .object({
    id: z.string(),
    status: z.enum(STATUSES),
    requester: PersonOut,
    introducer: PersonOut,
    target: PersonOut.openapi({ description: "email is null for the requester until consent" }),
    subject: z.string(),
    threadAddress: z.string(),
    introducerMovedToBcc: z.boolean(),
    nextTimerAt: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
    viewer: z.enum([...ROLES, "operator"]),
    allowedEvents: z.array(z.string()),
    events: z.array(
      z.object({
        type: z.string(),
        actor: z.string(),
        channel: z.enum(CHANNELS),
        at: z.string(),
        data: z.record(z.string(), z.unknown()).optional(),
      }),
    ),
  })
  .loose()
  .openapi("Intro");

export const ErrorOut = z
  .object({
    error: z
      .object({
        code: z.string(),
        message: z.string(),
        field: z.string().optional(),
        status: z.string().optional(),
      })
      .loose(),
  })
  .openapi("Error");

export const ListQuery = z.object({
  role: z.enum(ROLES).optional(),
  status: z.enum(STATUSES).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});

export const IdParam = z.object({
  id: z
    .string()
    .min(1)
    .max(100)
    .openapi({ param: { name: "id", in: "path" }, example: "in_abc" }),
});

export const CheckBody = z
  .object({
    request: requestIn,
    subject: subjectIn.optional(),
    targetProfile: z
      .object({
        name: z.string().optional(),
        role: z.string().optional(),
        companies: z.array(z.string()).optional(),
        interests: z.array(z.string()).optional(),
        notes: z.string().optional(),
      })
      .optional(),
    targetName: nameIn("targetName").optional(),
    requesterName: nameIn("requesterName").optional(),
    introducerName: nameIn("introducerName").optional(),
  })
  .openapi("RequestCheck");

export const CoachReportOut = z
  .object({
    score: z.number().int().min(0).max(100),
    findings: z.array(
      z
        .object({
          rule: z.string(),
          severity: z.enum(["error", "warning", "tip"]),
          message: z.string(),
          fix: z.string().optional(),
          span: z.object({ start: z.number(), end: z.number() }).optional(),
        })
        .loose(),
    ),
  })
  .openapi("CoachReport");

const PROFILE_WORDS = /^Your (name|bio|site|LinkedIn page) /;

/** A profile field: checked by the same code as the web form; null (or empty) clears it. */
const profileField = (field: ProfileField, description: string, example: string) =>
  z
    .string()
    .superRefine((v, ctx) => {
      try {
        profileValue(field, v);
      } catch (e) {
        // The API names the field itself ("website: must be an https:// address").
        const why = e instanceof Error ? e.message.replace(PROFILE_WORDS, "") : "invalid";
        ctx.addIssue({ code: "custom", message: why });
      }
    })
    .nullable()
    .optional()
    .openapi({ description, example });

export const PrefsBody = z
  .object({
    displayName: profileField(
      "displayName",
      `Your profile: the name you sign requests with. One line, at most ${PROFILE_LIMITS.displayName} characters, no control or bidi characters. The composer starts a new request with it.`,
      "Alice Martin",
    ),
    bio: profileField(
      "bio",
      `Your profile: a one-line bio, at most ${PROFILE_LIMITS.bio} characters. The composer starts a new request's "About me" with it.`,
      "Full-stack engineer, web and mobile.",
    ),
    website: profileField(
      "website",
      `Your profile: your personal site, an https:// URL of at most ${PROFILE_LIMITS.url} characters. The composer adds it to a new request's links.`,
      "https://alice.example",
    ),
    linkedin: profileField(
      "linkedin",
      `Your profile: your LinkedIn page, an https:// URL of at most ${PROFILE_LIMITS.url} characters. The composer adds it to a new request's links.`,
      "https://www.linkedin.com/in/alice",
    ),
    minRequestScore: z.number().int().min(0).max(100).nullable().optional().openapi({
      description: "Requests to you scoring below this are refused with the coach's findings.",
    }),
    mutedCategories: z.array(z.enum(["reminders", "coaching", "updates", "all"])).optional(),
    paused: z
      .boolean()
      .optional()
      .openapi({ description: "As a target: hold back every intro request." }),
    monthlyMax: z.number().int().min(0).max(100).nullable().optional().openapi({
      description: "As a target: at most this many intro requests in any 30 days.",
    }),
    topics: z
      .array(z.string())
      .superRefine((topics, ctx) => {
        const p = topicsProblem(topics);
        if (p)
          ctx.addIssue({
            code: "custom",
            message: p.message,
            path: p.index === undefined ? [] : [p.index],
          });
      })
      .optional()
      .openapi({
        description: `As a target: the topics you welcome intros about, shown to introducers and to people writing a request to you. At most ${TOPICS_MAX}, each 1 to ${TOPIC_MAX_LENGTH} characters, without commas or control characters; repeats are dropped.`,
        example: ["careers in tech", "climate startups"],
      }),
    introduceFrom: z.enum(["relay", "own_mailbox"]).nullable().optional().openapi({
      description:
        "As an introducer: `relay` (the default) has Vouch send the introduction as you; `own_mailbox` sends you the introduction, after the target's yes, to write from your own mail app with Vouch in BCC.",
    }),
    timeZone: z
      .string()
      .refine((tz) => {
        try {
          new Intl.DateTimeFormat("en", { timeZone: tz });
          return true;
        } catch {
          return false;
        }
      }, "must be an IANA time zone like Europe/Paris")
      .nullable()
      .optional()
      .openapi({
        description:
          "Your time zone (also part of your profile), for meeting times and invites (else guessed from your emails).",
      }),
  })
  .openapi("Preferences");
