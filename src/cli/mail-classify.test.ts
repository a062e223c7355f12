import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Command } from "commander";
import { describe, expect, it } from "vitest";
import { isVouchError } from "../domain/errors.ts";
import { registerMailClassify } from "./mail-classify.ts";

const fixtures = join(import.meta.dirname, "../../test/fixtures/replies");

async function run(args: string[]): Promise<string> {
  let out = "";
  const program = new Command("vouch").exitOverride();
  registerMailClassify(program, {
    write: (t) => (out += t),
    now: () => new Date("2026-11-20T10:00:00Z"),
    // No DNS record exists: a sender can only authenticate by a trusted relay's verdict.
    resolver: async (name) => {
      throw Object.assign(new Error(`no record for ${name}`), { code: "ENOTFOUND" });
    },
  });
  await program.parseAsync(args, { from: "user" });
  return out;
}

describe("vouch mail classify", () => {
  it("prints exactly the documented fields (and extras) as JSON, alone on stdout", async () => {
    const out = await run([
      "mail",
      "classify",
      join(fixtures, "accept-send-her-my-way.eml"),
      "--json",
    ]);
    const json = JSON.parse(out);
    expect(json).toMatchObject({
      intent: "accept",
      reply: "Sure, send her my way.",
      dates: [],
      links: [],
    });
    expect(json.confidence).toBeGreaterThan(0);
    expect(json.confidence).toBeLessThanOrEqual(1);
    for (const key of ["intent", "confidence", "reply", "dates", "links"])
      expect(json).toHaveProperty(key);
  });

  it("gives ISO dates for a deferral, relative to the message's Date header", async () => {
    const json = JSON.parse(
      await run(["mail", "classify", join(fixtures, "defer-holidays.eml"), "--json"]),
    );
    expect(json.intent).toBe("defer");
    expect(json.dates).toEqual(["2027-01-05"]);
  });

  it("lists scheduling links among the links", async () => {
    const json = JSON.parse(
      await run(["mail", "classify", join(fixtures, "accept-calendly.eml"), "--json"]),
    );
    expect(json.links).toEqual(["https://calendly.com/maya-chen/20min"]);
    expect(json.schedulingLinks).toEqual([
      { url: "https://calendly.com/maya-chen/20min", provider: "Calendly" },
    ]);
  });

  it("prints a readable line without --json", async () => {
    const out = await run(["mail", "classify", join(fixtures, "decline-pass.eml")]);
    expect(out).toMatch(/^decline \(confidence 0\.\d\d\): "I'll pass, thanks\."\n {2}why: /);
  });

  it("reads bounces and automatic replies", async () => {
    expect(
      JSON.parse(
        await run([
          "mail",
          "classify",
          join(fixtures, "bounce-postfix-user-unknown.eml"),
          "--json",
        ]),
      ).intent,
    ).toBe("bounce");
    expect(
      JSON.parse(
        await run(["mail", "classify", join(fixtures, "auto-gmail-vacation.eml"), "--json"]),
      ).intent,
    ).toBe("auto_reply");
  });

  it("uses --now for a message without a Date header", async () => {
    const dir = mkdtempSync(join(tmpdir(), "vouch-classify-"));
    const file = join(dir, "no-date.eml");
    writeFileSync(
      file,
      "From: Maya <maya@example.com>\nSubject: Re: intro\n\nNot right now, ask me again next month.\n",
    );
    const json = JSON.parse(
      await run(["mail", "classify", file, "--json", "--now", "2026-03-10T09:00:00Z"]),
    );
    expect(json.intent).toBe("defer");
    expect(json.dates[0]).toMatch(/^2026-04-/);
  });

  it("joins an existing `mail` command instead of adding a second one", async () => {
    const program = new Command("vouch");
    program.command("mail").command("outbox");
    registerMailClassify(program);
    expect(program.commands.filter((c) => c.name() === "mail")).toHaveLength(1);
    expect(program.commands[0]?.commands.map((c) => c.name())).toEqual(["outbox", "classify"]);
  });

  it.each([
    [
      ["mail", "classify", "/nonexistent/reply.eml"],
      /^Cannot read \/nonexistent\/reply\.eml \(ENOENT\)/,
    ],
    [["mail", "classify", fixtures], /is not a file/],
    [
      ["mail", "classify", join(fixtures, "decline-pass.eml"), "--now", "yesterday"],
      /--now must be an ISO-8601/,
    ],
  ])("throws a one-line INVALID_INPUT error for %j", async (args, message) => {
    const err = await run(args).catch((e: unknown) => e);
    expect(isVouchError(err)).toBe(true);
    if (!isVouchError(err)) return;
    expect(err.code).toBe("INVALID_INPUT");
    expect(err.message).toMatch(message);
    expect(err.message).not.toContain("\n");
  });

  it("rejects an empty file", async () => {
    const dir = mkdtempSync(join(tmpdir(), "vouch-classify-"));
    const file = join(dir, "empty.eml");
    writeFileSync(file, "");
    await expect(run(["mail", "classify", file])).rejects.toMatchObject({
      code: "INVALID_INPUT",
      message: `${file} is empty`,
    });
  });

  it("says whether the sender authenticates, and why", async () => {
    const dir = mkdtempSync(join(tmpdir(), "vouch-classify-"));
    const file = join(dir, "yes.eml");
    const headers = [
      "Authentication-Results: mx.test; dmarc=pass header.from=example.com",
      "From: Maya <maya@example.com>",
      "To: intros+abc@vouch.localhost",
      "Subject: Re: Would you like an intro to Alice?",
      "",
      "Happy to chat!",
      "",
    ].join("\r\n");
    writeFileSync(file, headers);
    const unchecked = JSON.parse(await run(["mail", "classify", file, "--json"]));
    expect(unchecked).toMatchObject({ intent: "accept", authenticated: false });
    expect(unchecked.authentication.join(" ")).toMatch(/DMARC/);
    const relayed = JSON.parse(
      await run(["mail", "classify", file, "--json", "--authserv-id", "mx.test"]),
    );
    expect(relayed).toMatchObject({ authenticated: true });
    expect(relayed.authentication).toEqual([
      "as checked by mx.test",
      "DMARC passes for example.com",
    ]);
    const other = JSON.parse(
      await run(["mail", "classify", file, "--json", "--authserv-id", "mx.other"]),
    );
    expect(other).toMatchObject({ authenticated: false });
  });
});
