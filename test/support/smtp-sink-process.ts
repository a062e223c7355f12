// The SMTP sink in a process of its own (for the outbound bench, so that receiving does not share
// the sender's event loop). Started with fork(); sends { port } once listening, then answers each
// "count" message with { count } (messages received in full so far). Ends on "close".
import { startSmtpSink } from "./smtp-sink.ts";

const sink = await startSmtpSink({ keepRaw: false });
process.on("message", async (msg) => {
  if (msg === "count") process.send?.({ count: sink.messages.length });
  if (msg === "close") {
    await sink.close();
    process.disconnect?.();
  }
});
process.send?.({ port: sink.port });
