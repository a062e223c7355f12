import { type InboundDeps, receiveMail } from "../app/receive-mail.ts";
import type { ImapAccount, ImapDone } from "../mail/inbound/imap-account.ts";
import { type ImapCheckpoint, startImapIntake } from "../mail/inbound/imap-intake.ts";

/**
 * Reads the intake mailbox into the inbound pipeline, keeping its UID checkpoint in the database
 * (one per account and mailbox), so any instance that restarts goes on where the last one was.
 */
export function startImapJob(
  deps: InboundDeps,
  imap: { account: ImapAccount; done: ImapDone },
  o: {
    onReceived?: (r: { id: string; status: string; from: string; to: string[] }) => void;
    onError?: (e: unknown) => void;
    backoffMs?: number;
  } = {},
) {
  const { account } = imap;
  const key = `imap:${account.user}@${account.host}:${account.port}/${account.mailbox}`;
  return startImapIntake({
    account,
    done: imap.done,
    mailDomain: deps.mailDomain,
    onMessage: async (a, id) => {
      const r = await receiveMail(deps, a, id);
      o.onReceived?.({ ...r, from: a.mailFrom, to: a.rcptTo });
    },
    loadCheckpoint: async () => {
      const v = await deps.store.getSetting(key);
      return v ? (JSON.parse(v) as ImapCheckpoint) : null;
    },
    saveCheckpoint: (c) => deps.store.putSetting(key, JSON.stringify(c)),
    ...(o.onError ? { onError: o.onError } : {}),
    ...(o.backoffMs ? { backoffMs: o.backoffMs } : {}),
  });
}
