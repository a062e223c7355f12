// The IMAP intake mailbox as configured (VOUCH_IMAP_URL, VOUCH_IMAP_DONE), parsed without
// loading the IMAP client, so that reading the configuration stays cheap.

/** Where the intake mailbox is, parsed from VOUCH_IMAP_URL. */
export interface ImapAccount {
  host: string;
  port: number;
  secure: boolean;
  user: string;
  pass: string;
  mailbox: string;
}

/** What to do with a message once it is stored: flag it seen, or move it to a folder. */
export type ImapDone = { kind: "seen" } | { kind: "move"; folder: string };

/** Parses imaps://user:pass@host[:port][/MAILBOX]. */
export function parseImapUrl(url: string): ImapAccount {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new Error("is not a URL like imaps://user:password@imap.example.com/INBOX");
  }
  if (u.protocol !== "imap:" && u.protocol !== "imaps:")
    throw new Error("must start with imap:// or imaps://");
  if (!u.username || !u.password) throw new Error("must name a user and a password");
  const secure = u.protocol === "imaps:";
  const mailbox = decodeURIComponent(u.pathname.replace(/^\//, "")) || "INBOX";
  return {
    host: u.hostname,
    port: u.port ? Number(u.port) : secure ? 993 : 143,
    secure,
    user: decodeURIComponent(u.username),
    pass: decodeURIComponent(u.password),
    mailbox,
  };
}

/** Parses VOUCH_IMAP_DONE: `seen` (the default) or `move:FOLDER`. */
export function parseImapDone(value: string | undefined): ImapDone {
  if (!value || value === "seen") return { kind: "seen" };
  const m = /^move:(.+)$/.exec(value);
  if (!m?.[1]) throw new Error('must be "seen" or "move:FOLDER"');
  return { kind: "move", folder: m[1] };
}
