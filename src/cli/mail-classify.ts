// `vouch mail classify FILE.eml [--json]`: how Vouch reads a reply to a consent request
// (INTERFACES.md). It needs no database: it parses the file and runs the classifier.

import { readFile, stat } from "node:fs/promises";
import type { Command } from "commander";
import { VouchError } from "../domain/errors.ts";
import {
  mailauthChecker,
  type Resolver,
  type SenderAuth,
  stampedVerdict,
  unchecked,
} from "../mail/inbound/authenticity.ts";
import { classifyConsentReply } from "../mail/inbound/classify-consent-reply.ts";
import { readMessage } from "../mail/inbound/read-message.ts";
import { cliIo } from "./context.ts";

/** Where the command writes and what time it is; tests pass their own. */
export interface MailClassifyIo {
  write: (text: string) => void;
  now: () => Date;
  /** DNS for the sender check (tests define their own records); real DNS otherwise. */
  resolver?: Resolver;
}

// A reply is a few kilobytes; anything past this is not a reply worth classifying.
const MAX_BYTES = 25 * 1024 * 1024;

async function readEml(path: string): Promise<Buffer> {
  let size: number;
  try {
    const s = await stat(path);
    if (!s.isFile()) throw new VouchError("INVALID_INPUT", `${path} is not a file`);
    size = s.size;
  } catch (e) {
    if (e instanceof VouchError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new VouchError("INVALID_INPUT", `cannot read ${path}${code ? ` (${code})` : ""}`);
  }
  if (size === 0) throw new VouchError("INVALID_INPUT", `${path} is empty`);
  if (size > MAX_BYTES) throw new VouchError("INVALID_INPUT", `${path} is larger than 25 MB`);
  try {
    return await readFile(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new VouchError("INVALID_INPUT", `cannot read ${path}${code ? ` (${code})` : ""}`);
  }
}

function parseNow(value: string | undefined, io: MailClassifyIo): Date {
  if (value === undefined) return io.now();
  const d = new Date(value);
  if (!/^\d{4}-\d{2}-\d{2}/.test(value) || !Number.isFinite(d.getTime())) {
    throw new VouchError(
      "INVALID_INPUT",
      `--now must be an ISO-8601 date-time, got "${value.slice(0, 40)}"`,
    );
  }
  return d;
}

/**
 * Whether the file's sender authenticates: by the named MTA's Authentication-Results, else by
 * checking DKIM and DMARC (and SPF for the connection its topmost Received header names). Null
 * for a file without headers (a bare text).
 */
async function fileSender(
  raw: Buffer,
  message: Awaited<ReturnType<typeof readMessage>>,
  authservId: string | undefined,
  resolver: Resolver | undefined,
): Promise<SenderAuth | null> {
  if (!message.from) return null;
  if (authservId) {
    return (
      stampedVerdict(message.headerList, authservId, message.from.email, "trusted-relay") ?? {
        ...unchecked(`no Authentication-Results header from ${authservId}`),
      }
    );
  }
  const check = mailauthChecker({ mta: "vouch.classify", ...(resolver ? { resolver } : {}) });
  return check({ raw, fromFile: true });
}

/** Adds `mail classify FILE.eml [--json] [--now ISO]` to the program (creating `mail` if needed). */
export function registerMailClassify(
  program: Command,
  io: MailClassifyIo = { write: (t) => cliIo().stdout.write(t), now: () => new Date() },
): void {
  const mail =
    program.commands.find((c) => c.name() === "mail") ??
    program.command("mail").description("inspect mail");
  mail
    .command("classify")
    .description("how Vouch reads a reply to a consent request (.eml file)")
    .argument("<file>", "the reply, as a raw .eml message")
    .option("--json", "print { intent, confidence, reply, dates, links, … } as JSON")
    .option(
      "--now <iso>",
      "resolve relative dates against this instant when the message has no Date",
    )
    .option(
      "--authserv-id <id>",
      "trust the Authentication-Results header of this MTA (as VOUCH_AUTHSERV_ID does)",
    )
    .action(async (file: string, o: { json?: boolean; now?: string; authservId?: string }) => {
      const now = parseNow(o.now, io);
      const raw = await readEml(file);
      const message = await readMessage(raw);
      const c = classifyConsentReply(message, { now });
      const auth = await fileSender(raw, message, o.authservId, io.resolver);
      if (o.json) {
        const json = {
          intent: c.intent,
          confidence: c.confidence,
          reply: c.reply,
          dates: c.dates,
          links: c.links,
          schedulingLinks: c.schedulingLinks,
          reasons: c.reasons,
          ...(auth ? { authenticated: auth.authenticated, authentication: auth.reasons } : {}),
          ...(c.bounce ? { bounce: c.bounce } : {}),
          ...(message.problems.length > 0 ? { problems: message.problems } : {}),
        };
        io.write(`${JSON.stringify(json, null, 2)}\n`);
        return;
      }
      const quoted =
        c.reply.length > 70
          ? `${c.reply.slice(0, 69).replace(/\s+/g, " ")}…`
          : c.reply.replace(/\s+/g, " ");
      const extras = [
        c.dates.length > 0 ? `dates: ${c.dates.join(", ")}` : "",
        c.links.length > 0 ? `links: ${c.links.join(" ")}` : "",
      ].filter(Boolean);
      io.write(
        `${c.intent} (confidence ${c.confidence.toFixed(2)})${quoted ? `: "${quoted}"` : ""}\n` +
          `  why: ${c.reasons[c.reasons.length - 1]?.replace(/^→ /, "") ?? ""}${extras.length ? `; ${extras.join("; ")}` : ""}\n` +
          (auth
            ? `  sender: ${auth.authenticated ? "authenticated" : "not authenticated"} (${auth.reasons.join("; ")})\n`
            : ""),
      );
    });
}
