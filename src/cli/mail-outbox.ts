import type { Command } from "commander";
import { VouchError } from "../domain/errors.ts";
import { BuiltInMailbox } from "../mail/outbound/mailbox.ts";
import { cliConfig, out } from "./context.ts";

/** The `mail` command group, shared by every mail subcommand. */
export function mailCommand(program: Command): Command {
  return (
    program.commands.find((c) => c.name() === "mail") ??
    program.command("mail").description("email")
  );
}

export function registerMailOutbox(program: Command): void {
  mailCommand(program)
    .command("outbox")
    .description("the messages in the built-in mailbox, newest last")
    .option("--to <address>", "only messages to this address (envelope, so BCC counts)")
    .option("--json", "print JSON")
    .action((o) => {
      const config = cliConfig();
      if (config.smtpRelayUrl) {
        throw new VouchError(
          "INVALID_INPUT",
          "mail goes through VOUCH_SMTP_RELAY_URL, so there is no built-in mailbox to read",
        );
      }
      const list = new BuiltInMailbox(config.dataDir).list(o.to ? { to: o.to } : {});
      const shaped = list.map((m) => ({
        messageId: m.messageId,
        from: m.from,
        to: m.to,
        cc: m.cc,
        subject: m.subject,
        text: m.text,
        html: m.html,
        headers: m.headers,
        sentAt: m.sentAt,
        envelopeTo: m.envelopeTo,
        introId: m.introId,
      }));
      out(
        o.json,
        shaped,
        shaped.map((m) => `${m.sentAt}  ${m.to.join(", ").padEnd(28)} ${m.subject}`).join("\n") ||
          "the mailbox is empty",
      );
    });
}
