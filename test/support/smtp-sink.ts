// A plain SMTP sink on 127.0.0.1 for the outbox crash test and the outbound bench: it answers 250
// to everything and records each message it received in full (a transfer cut off by a killed
// client is counted as aborted, never as received).
import { SMTPServer } from "smtp-server";
import { parseHeaderBlock } from "../../src/mail/outbound/mailbox.ts";

export interface SinkMessage {
  /** The Message-ID header as sent, e.g. `<abc@vouch.localhost>`. */
  messageId: string;
  subject: string;
  mailFrom: string;
  rcptTo: string[];
  /** The message as it came off the wire (empty when the sink was started with keepRaw: false). */
  raw: Buffer;
}

export interface Sink {
  url: string;
  port: number;
  messages: SinkMessage[];
  /** Messages whose transfer was cut off (the client went away in the middle of DATA). */
  aborted: () => number;
  /** Called for each message received in full, after it is recorded and before the 250. */
  onMessage: ((m: SinkMessage) => void) | null;
  close(): Promise<void>;
}

export async function startSmtpSink(opts: { keepRaw?: boolean } = {}): Promise<Sink> {
  const keepRaw = opts.keepRaw ?? true;
  const messages: SinkMessage[] = [];
  let aborted = 0;
  const sink: Sink = {
    url: "",
    port: 0,
    messages,
    aborted: () => aborted,
    onMessage: null,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["AUTH", "STARTTLS"],
    logger: false,
    // A test may leave a pooled connection idle for minutes on a loaded machine (a CLI child
    // process between two sends); a relay that closed it after 60 s (the default) would make
    // the next send a retry, which tests rightly count as a failure.
    socketTimeout: 30 * 60_000,
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("error", () => {
        aborted++;
      });
      stream.on("end", () => {
        const raw = Buffer.concat(chunks);
        const end = raw.indexOf("\r\n\r\n");
        const headers = parseHeaderBlock(raw.subarray(0, end < 0 ? raw.length : end).toString());
        const m: SinkMessage = {
          messageId: headers["message-id"] ?? "",
          subject: headers.subject ?? "",
          mailFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          rcptTo: session.envelope.rcptTo.map((r) => r.address),
          raw: keepRaw ? raw : Buffer.alloc(0),
        };
        messages.push(m);
        sink.onMessage?.(m);
        cb();
      });
    },
  });
  // A killed client resets its connections; that is expected here, not a failure of the sink.
  server.on("error", () => {});
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  sink.port = (server.server.address() as { port: number }).port;
  sink.url = `smtp://127.0.0.1:${sink.port}`;
  return sink;
}
