import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from "smtp-server";
import type { Arrival } from "./arrival.ts";

export interface SmtpListenerOptions {
  host: string;
  port: number;
  mailDomain: string;
  /** Larger messages get 552 and nothing of them is stored. */
  maxBytes: number;
  /** Stores (and processes) one message; throwing makes the client try again later (451). */
  onMessage: (a: Arrival) => Promise<void>;
  onError?: (e: unknown) => void;
}

const smtpError = (code: number, message: string) =>
  Object.assign(new Error(message), { responseCode: code });

/**
 * The inbound SMTP listener: accepts mail only for addresses at the mail domain (550 otherwise),
 * refuses anything over the size limit with 552, and answers 250 only once the raw message is
 * stored.
 */
export async function startSmtpListener(
  o: SmtpListenerOptions,
): Promise<{ port: number; close(): Promise<void> }> {
  const domain = `@${o.mailDomain.toLowerCase()}`;
  const server = new SMTPServer({
    name: o.mailDomain,
    banner: "Vouch",
    authOptional: true,
    disabledCommands: ["AUTH", "STARTTLS"],
    size: o.maxBytes,
    logger: false,
    socketTimeout: 60_000,
    onRcptTo(address, _session, cb) {
      if (!address.address.toLowerCase().endsWith(domain)) {
        return cb(
          smtpError(
            550,
            `5.1.1 <${address.address}>: this server only takes mail for ${o.mailDomain}`,
          ),
        );
      }
      cb();
    },
    onData(stream: SMTPServerDataStream, session: SMTPServerSession, cb) {
      const chunks: Buffer[] = [];
      let size = 0;
      stream.on("data", (c: Buffer) => {
        size += c.length;
        if (size <= o.maxBytes) chunks.push(c);
      });
      stream.on("error", (e) => cb(e));
      stream.on("end", () => {
        if (stream.sizeExceeded || size > o.maxBytes) {
          return cb(smtpError(552, `5.3.4 message too big: the limit is ${o.maxBytes} bytes`));
        }
        const arrival: Arrival = {
          channel: "smtp",
          mailFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          rcptTo: session.envelope.rcptTo.map((r) => r.address),
          remote: { ip: session.remoteAddress, helo: session.hostNameAppearsAs ?? "" },
          raw: Buffer.concat(chunks),
        };
        o.onMessage(arrival).then(
          () => cb(),
          (e) => {
            o.onError?.(e);
            cb(smtpError(451, "4.3.0 could not store the message; please try again later"));
          },
        );
      });
    },
  });
  server.on("error", (e) => o.onError?.(e));
  await new Promise<void>((resolve, reject) => {
    server.server.once("error", reject);
    server.listen(o.port, o.host, () => resolve());
  });
  const port = (server.server.address() as { port: number }).port;
  return { port, close: () => new Promise<void>((r) => server.close(() => r())) };
}
