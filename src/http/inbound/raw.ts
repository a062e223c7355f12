// POST /inbound/raw: an RFC 822 message as the body, from the operator's own MTA. The envelope
// comes in the query (?to=&from=) or the X-Envelope-To / X-Envelope-From headers; without it,
// an MTA's Delivered-To / X-Original-To, else the message's To and Cc at the mail domain.

import type { Context } from "hono";
import { readMessage } from "../../mail/inbound/read-message.ts";
import { bad, notEnabled, tooLarge, unauthenticated } from "./answers.ts";
import { readBody } from "./body.ts";
import type { Inbound } from "./context.ts";
import { envelopeSender, parseAddresses, returnPath, unique } from "./envelope.ts";
import { mediaType } from "./form.ts";
import { hasSecret } from "./signatures.ts";

export const rawPost = (ib: Inbound) => async (c: Context) => {
  if (!ib.secret) return notEnabled("/inbound/raw", "VOUCH_INBOUND_SECRET");
  if (!hasSecret(c, ib.secret)) return unauthenticated(c);
  const type = mediaType(c.req.header("content-type"));
  if (type !== "message/rfc822")
    throw bad("content-type", `must be message/rfc822 (got ${type || "none"})`);
  const raw = await readBody(c, ib.maxBytes);
  if (!raw) return tooLarge(c, ib.maxBytes);
  if (raw.length === 0) throw bad("body", "the message is empty");
  const q = (name: string, header: string) => {
    const values = [...(c.req.queries(name) ?? []), ...(c.req.header(header) ?? "").split(",")];
    return values.flatMap((v) => v.split(",")).map((v) => v.trim());
  };
  const given = q("to", "x-envelope-to").filter(Boolean);
  const fromGiven = c.req.query("from") ?? c.req.header("x-envelope-from");
  let rcptTo: string[];
  let mailFrom: string;
  if (given.length && fromGiven !== undefined) {
    rcptTo = ib.keepOurs("to", given);
    mailFrom = envelopeSender("from", fromGiven);
  } else {
    const m = await readMessage(raw);
    if (given.length) rcptTo = ib.keepOurs("to", given);
    else {
      const hop = [m.headers["x-original-to"], m.headers["delivered-to"]]
        .flatMap((v) => parseAddresses(v ?? ""))
        .filter(ib.ours);
      const visible = [...m.to, ...m.cc].map((a) => a.email).filter(ib.ours);
      rcptTo = hop.length ? hop : visible;
      if (!rcptTo.length)
        throw bad(
          "to",
          `the message names no recipient at ${ib.deps.mailDomain}: give the envelope as ?to=`,
        );
    }
    mailFrom =
      fromGiven !== undefined
        ? envelopeSender("from", fromGiven)
        : (returnPath(m.headers["return-path"]) ?? m.from?.email ?? "");
  }
  const a = { channel: "http-raw", mailFrom, rcptTo: unique(rcptTo), remote: null, raw };
  return c.json(await ib.receive(a), 200);
};
