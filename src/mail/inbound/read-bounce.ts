// Bounces: RFC 3464 delivery status notifications inside multipart/report (RFC 6522). The
// per-recipient fields say which address failed and whether for good; the returned headers
// say which of our messages it was. Old-style text bounces from MAILER-DAEMON (qmail, some
// Exim set-ups) carry no report part, so they are recognised by sender and subject instead.

import type { ParsedMessage } from "./read-message.ts";

/** What a bounce says about one recipient. */
export interface BounceRecipient {
  /** The address that failed, without the "rfc822;" type. */
  finalRecipient: string;
  originalRecipient: string | null;
  /** failed | delayed | delivered | relayed | expanded (RFC 3464 §2.3.3). */
  action: string;
  /** The enhanced status code, e.g. "5.1.1" (RFC 3463). */
  status: string;
  /** The remote server's words, e.g. "550 5.1.1 User unknown", without the "smtp;" type. */
  diagnosticCode: string | null;
  remoteMta: string | null;
}

/** A bounce read from a message. */
export interface Bounce {
  /** "dsn" when read from a delivery-status part, "heuristic" for an old-style text bounce. */
  source: "dsn" | "heuristic";
  reportingMta: string | null;
  recipients: BounceRecipient[];
  /** The Message-ID of the message that bounced, when the report includes it. */
  originalMessageId: string | null;
  /** True when at least one recipient failed for good (action failed, status 5.x.x). */
  permanent: boolean;
}

/** The parts of a message that bounce reading uses. */
export type BounceInput = Pick<
  ParsedMessage,
  "headers" | "contentType" | "reportParts" | "from" | "subject" | "text"
>;

/** Parses header-style fields into groups separated by blank lines (RFC 3464 §2.1). */
function fieldGroups(text: string): Map<string, string>[] {
  const groups: Map<string, string>[] = [];
  let cur = new Map<string, string>();
  let lastKey: string | null = null;
  for (const line of text.replace(/\r\n?/g, "\n").split("\n")) {
    if (line.trim() === "") {
      if (cur.size > 0) groups.push(cur);
      cur = new Map();
      lastKey = null;
      continue;
    }
    if (/^[ \t]/.test(line) && lastKey) {
      cur.set(lastKey, `${cur.get(lastKey) ?? ""} ${line.trim()}`);
      continue;
    }
    const m = /^([A-Za-z0-9-]+)\s*:\s*(.*)$/.exec(line);
    if (m) {
      lastKey = m[1]!.toLowerCase();
      if (!cur.has(lastKey)) cur.set(lastKey, m[2]!.trim());
    }
  }
  if (cur.size > 0) groups.push(cur);
  return groups;
}

/** "rfc822; maya@acme.example" → "maya@acme.example" */
function withoutType(value: string | undefined): string | null {
  if (value === undefined) return null;
  const i = value.indexOf(";");
  const v = (i >= 0 ? value.slice(i + 1) : value).trim();
  return v === "" ? null : v.replace(/^<(.*)>$/, "$1");
}

function messageIdIn(text: string): string | null {
  const m = /^(?:message-id|x-original-message-id)\s*:\s*(<[^>\s]+>)/im.exec(text);
  return m?.[1] ?? null;
}

const BOUNCE_SENDER = /^(?:mailer-daemon|postmaster|mail-daemon|mailerdaemon)@/i;
const BOUNCE_SUBJECT =
  /undeliver|delivery (?:status notification \(failure\)|failure|has failed|failed)|returned mail|returned to sender|failure notice|mail delivery failed|non[- ]?delivery|unzustellbar|nicht zustellbar|non remis|no se puede entregar|no entregado/i;

function heuristicBounce(message: BounceInput): Bounce | null {
  const sender = message.from?.email ?? "";
  const failed = message.headers["x-failed-recipients"];
  if (!failed && !(BOUNCE_SENDER.test(sender) && BOUNCE_SUBJECT.test(message.subject))) return null;
  const recipients = new Set<string>();
  for (const a of (failed ?? "").split(",")) if (a.includes("@")) recipients.add(a.trim());
  // qmail: "<user@host>:" on its own line, before the copy of the message.
  const report = message.text.split(/^-{2,}.*(?:copy of the message|Below this line)/im)[0] ?? "";
  for (const m of report.matchAll(/^<([^<>\s]+@[^<>\s]+)>:\s*$/gm)) recipients.add(m[1]!);
  // Exim: indented addresses under "The following address(es) failed:".
  const exim = /following address(?:\(es\)|es)? failed:\s*\n((?:[ \t]+.*\n?)+)/i.exec(report);
  if (exim?.[1])
    for (const m of exim[1].matchAll(/^[ \t]+([^\s<>]+@[^\s<>]+)\s*$/gm)) recipients.add(m[1]!);
  const permanent = /permanent|5\.\d{1,3}\.\d{1,3}|\b55\d\b/i.test(report);
  return {
    source: "heuristic",
    reportingMta: sender.split("@")[1] ?? null,
    recipients: [...recipients].map((r) => ({
      finalRecipient: r,
      originalRecipient: null,
      action: "failed",
      status: permanent ? "5.0.0" : "4.0.0",
      diagnosticCode: null,
      remoteMta: null,
    })),
    originalMessageId: messageIdIn(message.text.slice(report.length)),
    permanent,
  };
}

/**
 * Reads a bounce: a multipart/report with report-type=delivery-status, or an old-style text
 * bounce from MAILER-DAEMON. Returns null for any other message.
 */
export function readBounce(message: BounceInput): Bounce | null {
  const ct = message.headers["content-type"] ?? "";
  const status = message.reportParts.find(
    (p) =>
      p.mimeType === "message/delivery-status" || p.mimeType === "message/global-delivery-status",
  );
  const isDsn =
    message.contentType === "multipart/report" && /report-type\s*=\s*"?delivery-status/i.test(ct);
  if (!status) return isDsn ? emptyDsn(message) : heuristicBounce(message);
  const groups = fieldGroups(status.text);
  const perMessage =
    groups[0] && !groups[0].has("final-recipient") ? groups[0] : new Map<string, string>();
  const recipients: BounceRecipient[] = [];
  for (const g of groups) {
    const finalRecipient = withoutType(g.get("final-recipient"));
    if (!finalRecipient) continue;
    recipients.push({
      finalRecipient,
      originalRecipient: withoutType(g.get("original-recipient")),
      action: (g.get("action") ?? "").toLowerCase(),
      status: (
        /\d\.\d{1,3}\.\d{1,3}/.exec(g.get("status") ?? "")?.[0] ??
        g.get("status") ??
        ""
      ).trim(),
      diagnosticCode: withoutType(g.get("diagnostic-code")),
      remoteMta: withoutType(g.get("remote-mta")),
    });
  }
  const returned = message.reportParts.find(
    (p) =>
      p.mimeType === "text/rfc822-headers" ||
      p.mimeType.startsWith("message/rfc822") ||
      p.mimeType === "message/global",
  );
  return {
    source: "dsn",
    reportingMta: withoutType(perMessage.get("reporting-mta")),
    recipients,
    originalMessageId: (returned ? messageIdIn(returned.text) : null) ?? messageIdIn(status.text),
    permanent: recipients.some((r) => r.action === "failed" && r.status.startsWith("5")),
  };
}

function emptyDsn(message: BounceInput): Bounce {
  // A report whose status part was lost (bad framing): still a bounce, with nothing specific.
  return {
    source: "dsn",
    reportingMta: message.from?.email.split("@")[1] ?? null,
    recipients: [],
    originalMessageId: null,
    permanent: false,
  };
}
