import { createHash } from "node:crypto";
import type { ParsedMessage } from "../mail/inbound/read-message.ts";
import type { Arrival } from "./sender-auth.ts";

/**
 * The key under which a received message is applied at most once: its Message-ID, or without one
 * a hash of who sent it to whom, when, and what it says (two people writing the same words are
 * two messages; the same message delivered twice is one).
 */
export function appliedKey(msg: ParsedMessage, a: Pick<Arrival, "mailFrom" | "rcptTo">): string {
  if (msg.messageId) return msg.messageId;
  const parts = [
    (msg.from?.email ?? a.mailFrom).toLowerCase(),
    [...a.rcptTo]
      .map((r) => r.toLowerCase())
      .sort()
      .join(","),
    msg.date ?? "",
    msg.subject,
    msg.text,
  ];
  return `sha256:${createHash("sha256").update(parts.join("\u0000")).digest("hex")}`;
}
