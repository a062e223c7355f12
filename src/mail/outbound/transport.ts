import nodemailer from "nodemailer";
import type Mail from "nodemailer/lib/mailer";
import type { BuiltInMailbox } from "./mailbox.ts";

/** Who a message is for, in bare addresses, and what it belongs to. */
export interface SendMeta {
  outboxId: string;
  introId: string | null;
  to: string[];
  cc: string[];
}

/** What a sender needs from a transport: hand over one message, or fail with an SMTP code. */
export interface MailTransport {
  readonly kind: "relay" | "mailbox";
  send(message: Mail.Options, meta: SendMeta): Promise<void>;
  close(): void;
}

/** A pooled SMTP connection to the configured relay, with DKIM when a key is given. */
export function relayTransport(
  url: string,
  opts: { dkim?: { domainName: string; keySelector: string; privateKey: string } } = {},
): MailTransport {
  const t = nodemailer.createTransport({
    url,
    pool: true,
    maxConnections: 5,
    ...(opts.dkim ? { dkim: opts.dkim } : {}),
  } as never);
  return {
    kind: "relay",
    async send(message) {
      await t.sendMail(message);
    },
    close: () => t.close(),
  };
}

/** The built-in mailbox: the message is built exactly as it would be sent, then kept. */
export function mailboxTransport(mailbox: BuiltInMailbox): MailTransport {
  const t = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "unix" });
  return {
    kind: "mailbox",
    async send(message, meta) {
      const info = (await t.sendMail(message)) as unknown as {
        message: Buffer;
        envelope: { to: string[] };
      };
      mailbox.deliver(
        {
          messageId: String(message.messageId),
          from: String(message.from),
          to: meta.to,
          cc: meta.cc,
          envelopeTo: info.envelope.to,
          subject: String(message.subject),
          text: String(message.text ?? ""),
          html: String(message.html ?? ""),
          sentAt: new Date().toISOString(),
          introId: meta.introId,
          outboxId: meta.outboxId,
        },
        info.message,
      );
    },
    close: () => t.close(),
  };
}
