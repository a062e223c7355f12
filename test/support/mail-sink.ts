// A real SMTP server on 127.0.0.1 that keeps what it receives, for tests of sending.
import PostalMime from "postal-mime";
import { SMTPServer } from "smtp-server";

export interface SunkMessage {
  mailFrom: string;
  rcptTo: string[];
  raw: string;
  parsed: Awaited<ReturnType<typeof PostalMime.parse>>;
  headers: Record<string, string>;
}

/** Starts a sink; `reject` makes it answer every RCPT with the given code and message. */
export async function startSink(opts: { reject?: { code: number; message: string } } = {}) {
  const messages: SunkMessage[] = [];
  const state = { reject: opts.reject };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["AUTH", "STARTTLS"],
    logger: false,
    onRcptTo(address, _session, cb) {
      if (state.reject) {
        const e = new Error(state.reject.message) as Error & { responseCode: number };
        e.responseCode = state.reject.code;
        return cb(e);
      }
      cb();
      void address;
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", async () => {
        const raw = Buffer.concat(chunks).toString("utf8");
        const parsed = await PostalMime.parse(raw);
        const headers: Record<string, string> = {};
        for (const h of parsed.headers) headers[h.key.toLowerCase()] = h.value;
        messages.push({
          mailFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          rcptTo: session.envelope.rcptTo.map((r) => r.address),
          raw,
          parsed,
          headers,
        });
        cb();
      });
    },
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  const port = (server.server.address() as { port: number }).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    port,
    messages,
    state,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
