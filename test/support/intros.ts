// An intro lived through the app up to `introduced`: Alice asks Jane (the seed's request), Jane
// asks Maya, Maya clicks Yes. Tests of what happens after the introduction start here.
import { applyEvent } from "../../src/app/apply-event.ts";
import { type CreateIntroInput, createIntro } from "../../src/app/create-intro.ts";
import type { AppDeps } from "../../src/app/deps.ts";
import { receiveMail } from "../../src/app/receive-mail.ts";
import type { Intro, IntroEvent } from "../../src/domain/types.ts";
import { SEED_REQUEST } from "./seed.ts";

export const CLICK = { via: "click", confidence: 1, authenticated: true } as const;

type Emails = { requester?: string; introducer?: string; target?: string };

/** The seed's request from Alice to Jane about Maya, submitted (addresses may be changed). */
export function seedRequestInput(emails: Emails = {}): CreateIntroInput {
  return {
    requester: { name: "Alice", email: emails.requester ?? "alice@example.com" },
    introducer: { name: "Jane", email: emails.introducer ?? "jane@example.com" },
    target: { name: "Maya", email: emails.target ?? "maya@example.com" },
    requestText: SEED_REQUEST,
    submit: true,
  };
}

export async function introducedIntro(deps: AppDeps, emails: Emails = {}): Promise<Intro> {
  const intro = await createIntro(deps, seedRequestInput(emails), "api");
  let now = intro;
  for (const e of [
    { type: "forward_for_consent", actor: "introducer" },
    { type: "accept", actor: "target", evidence: CLICK },
  ] as IntroEvent[]) {
    now = (await applyEvent(deps, intro.id, e, "api")).intro;
  }
  return now;
}

/** A participant's plain-text reply in the intro thread, received as SMTP would hand it over. */
export function replyInThread(
  deps: AppDeps,
  intro: Intro,
  from: { name: string; email: string },
  m: { messageId: string; date: string; text: string; to?: string },
) {
  const thread = `intros+${intro.threadToken}@${deps.mailDomain}`;
  const raw = [
    `From: ${from.name} <${from.email}>`,
    `To: ${m.to ? `${m.to}, ` : ""}${thread}`,
    "Subject: Re: REQUEST: intro Maya <> Alice",
    `Date: ${m.date}`,
    `Message-ID: <${m.messageId}>`,
    "Content-Type: text/plain; charset=utf-8",
    "",
    m.text,
    "",
  ].join("\r\n");
  return receiveMail(deps, {
    channel: "smtp",
    mailFrom: from.email,
    rcptTo: [thread],
    remote: null,
    raw: Buffer.from(raw),
  });
}
