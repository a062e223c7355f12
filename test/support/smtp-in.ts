// Vouch's inbound SMTP listener on a free loopback port, feeding receiveMail, and a way to send
// it mail as the outside world would: from a chosen loopback address (127.0.0.66 is "another
// host"), optionally DKIM-signed, with an explicit envelope (BCC lives only there).
import nodemailer, { type SendMailOptions } from "nodemailer";
import { type InboundDeps, receiveMail } from "../../src/app/receive-mail.ts";
import { startSmtpListener } from "../../src/mail/inbound/smtp-listener.ts";

export type Mail = SendMailOptions & { envelope: { from: string; to: string[] } };

export interface DeliverOptions {
  /** The address the connection comes from (default 127.0.0.1). */
  from?: string;
  dkim?: { domainName: string; keySelector: string; privateKey: string };
}

export async function inboundSmtp(deps: () => InboundDeps) {
  const listener = await startSmtpListener({
    host: "127.0.0.1",
    port: 0,
    mailDomain: "vouch.localhost",
    maxBytes: 200_000,
    onMessage: async (a) => {
      await receiveMail(deps(), a);
    },
  });
  return {
    close: () => listener.close(),
    async deliver(m: Mail, o: DeliverOptions = {}) {
      const client = nodemailer.createTransport({
        host: "127.0.0.1",
        port: listener.port,
        secure: false,
        ignoreTLS: true,
        ...(o.from ? { localAddress: o.from } : {}),
        ...(o.dkim ? { dkim: o.dkim } : {}),
      } as never);
      try {
        await client.sendMail(m as SendMailOptions);
      } finally {
        client.close();
      }
    },
  };
}
