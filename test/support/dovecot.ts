// A throwaway Dovecot IMAP server (Debian's dovecot-imapd) on a free loopback port, with its own
// config, mail and run directories under a temp dir: the real server the IMAP intake is tested
// against. `kick()` drops every connection, as a server going away would.
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort } from "./ports.ts";

const DOVECOT = "/usr/sbin/dovecot";

export interface Dovecot {
  port: number;
  user: string;
  pass: string;
  url: string;
  /** Drops every connection of the user, as a server going away would (doveadm kick). */
  kick(): Promise<void>;
  stop(): Promise<void>;
}

/** The uid and gid mail is stored as: ours, or nobody's when we are root (Dovecot refuses 0). */
function mailOwner(): { uid: number; gid: number } {
  const uid = process.getuid?.() ?? 0;
  if (uid !== 0) return { uid, gid: process.getgid?.() ?? uid };
  const id = (flag: string) => Number(execFileSync("id", [flag, "nobody"]).toString().trim());
  return { uid: id("-u"), gid: id("-g") };
}

function waitForPort(port: number, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const attempt = () => {
      const s = connect(port, "127.0.0.1");
      s.once("connect", () => {
        s.destroy();
        resolve();
      });
      s.once("error", () => {
        s.destroy();
        if (Date.now() > until) reject(new Error(`Dovecot did not listen on ${port}`));
        else setTimeout(attempt, 50);
      });
    };
    attempt();
  });
}

export async function startDovecot(): Promise<Dovecot> {
  if (!existsSync(DOVECOT))
    throw new Error(`${DOVECOT} is missing: apt-get install dovecot-imapd (bash .ci/run does)`);
  const dir = mkdtempSync(join(tmpdir(), "vouch-dovecot-"));
  // The mail user (nobody, when we are root) must reach the mail and home folders inside.
  chmodSync(dir, 0o755);
  const port = await freePort();
  const { uid, gid } = mailOwner();
  for (const d of ["run", "state", "mail", "home"]) mkdirSync(join(dir, d));
  for (const d of ["mail", "home"]) chownSync(join(dir, d), uid, gid);
  const user = "vouch";
  const pass = "imap-test-password";
  const conf = join(dir, "dovecot.conf");
  writeFileSync(
    conf,
    `base_dir = ${dir}/run
state_dir = ${dir}/state
log_path = ${dir}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
mail_location = maildir:${dir}/mail/%u
first_valid_uid = ${uid}
first_valid_gid = ${gid}
passdb {
  driver = static
  args = password=${pass}
}
userdb {
  driver = static
  args = uid=${uid} gid=${gid} home=${dir}/home/%u
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
}
service stats {
  unix_listener stats-reader {
    mode = 0666
  }
  unix_listener stats-writer {
    mode = 0666
  }
}
`,
  );
  let child: ChildProcess | null = null;
  const start = async () => {
    child = spawn(DOVECOT, ["-c", conf, "-F"], { stdio: "ignore" });
    await waitForPort(port, 15_000);
  };
  const halt = async () => {
    const c = child;
    child = null;
    if (!c || c.exitCode !== null) return;
    const exited = new Promise<void>((r) => c.once("exit", () => r()));
    c.kill("SIGTERM");
    await exited;
  };
  await start();
  return {
    port,
    user,
    pass,
    url: `imap://${user}:${pass}@127.0.0.1:${port}/INBOX`,
    async kick() {
      execFileSync("/usr/bin/doveadm", ["-c", conf, "kick", user], { stdio: "ignore" });
    },
    async stop() {
      await halt();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
