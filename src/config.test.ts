import { describe, expect, it } from "vitest";
import { booleanFromString, loadConfig, parseTimerPolicy } from "./config.ts";

describe("config", () => {
  it("has the defaults of INTERFACES.md", () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      httpHost: "127.0.0.1",
      httpPort: 3000,
      smtpHost: "127.0.0.1",
      smtpPort: 2525,
      mailDomain: "vouch.localhost",
      publicUrl: "http://localhost:3000",
      smtpRelayUrl: undefined,
      databaseUrl: undefined,
      timerIntervalS: 15,
      workers: true,
    });
    expect(c.dataDir.endsWith("/data")).toBe(true);
  });

  it("reads every variable", () => {
    const c = loadConfig({
      VOUCH_DATA_DIR: "/tmp/v",
      VOUCH_DATABASE_URL: "postgres://u@db:5432/vouch",
      VOUCH_HTTP_HOST: "0.0.0.0",
      VOUCH_HTTP_PORT: "8080",
      VOUCH_SMTP_HOST: "0.0.0.0",
      VOUCH_SMTP_PORT: "25",
      VOUCH_MAIL_DOMAIN: "Intros.Example.com",
      VOUCH_PUBLIC_URL: "https://intros.example.com/",
      VOUCH_SMTP_RELAY_URL: "smtps://u:p@smtp.example.com:465",
      VOUCH_TIMER_INTERVAL_S: "2.5",
      VOUCH_WORKERS: "false",
    });
    expect(c).toMatchObject({
      dataDir: "/tmp/v",
      databaseUrl: "postgres://u@db:5432/vouch",
      httpPort: 8080,
      smtpPort: 25,
      mailDomain: "intros.example.com",
      publicUrl: "https://intros.example.com",
      smtpRelayUrl: "smtps://u:p@smtp.example.com:465",
      timerIntervalS: 2.5,
      workers: false,
    });
  });

  it("links to the address it serves when VOUCH_PUBLIC_URL is unset", () => {
    expect(loadConfig({ VOUCH_HTTP_PORT: "3100" })).toMatchObject({
      publicUrl: "http://localhost:3100",
      publicUrlSet: false,
    });
    expect(loadConfig({ VOUCH_HTTP_HOST: "0.0.0.0", VOUCH_HTTP_PORT: "8080" }).publicUrl).toBe(
      "http://localhost:8080",
    );
    expect(loadConfig({ VOUCH_HTTP_HOST: "::", VOUCH_HTTP_PORT: "8080" }).publicUrl).toBe(
      "http://localhost:8080",
    );
    expect(loadConfig({ VOUCH_HTTP_HOST: "192.168.1.20", VOUCH_HTTP_PORT: "80" }).publicUrl).toBe(
      "http://192.168.1.20",
    );
    expect(loadConfig({ VOUCH_HTTP_HOST: "fd00::7", VOUCH_HTTP_PORT: "3000" }).publicUrl).toBe(
      "http://[fd00::7]:3000",
    );
    expect(loadConfig({ VOUCH_HTTP_HOST: "vouch.lan" }).publicUrl).toBe("http://vouch.lan:3000");
    expect(
      loadConfig({ VOUCH_HTTP_PORT: "3100", VOUCH_PUBLIC_URL: "https://v.example.com" }),
    ).toMatchObject({ publicUrl: "https://v.example.com", publicUrlSet: true });
  });

  it.each([
    ["VOUCH_HTTP_PORT", "eighty"],
    ["VOUCH_HTTP_PORT", "70000"],
    ["VOUCH_SMTP_PORT", "0"],
    ["VOUCH_DATABASE_URL", "mysql://x"],
    ["VOUCH_PUBLIC_URL", "localhost:3000"],
    ["VOUCH_SMTP_RELAY_URL", "http://relay"],
    ["VOUCH_MAIL_DOMAIN", "not a domain"],
    ["VOUCH_TIMER_INTERVAL_S", "-1"],
    ["VOUCH_WORKERS", "maybe"],
    ["VOUCH_DEV_MAIL", "please"],
    ["VOUCH_TIMERS", "expireRequest=soon"],
    ["VOUCH_TIMERS", "nope=3d"],
    ["VOUCH_TARGET_ASKS_PER_30_DAYS", "three"],
    ["VOUCH_TARGET_ASKS_PER_30_DAYS", "-1"],
    ["VOUCH_TARGET_ASKS_PER_30_DAYS", "2.5"],
    ["VOUCH_TARGET_ASKS_PER_30_DAYS", "100001"],
  ])("stops on a bad %s, naming it", (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(
      expect.objectContaining({ code: "INVALID_CONFIG", message: expect.stringContaining(name) }),
    );
  });

  it("reads the deployment's budget of asks to one target: 3 by default, 0 for none", () => {
    expect(loadConfig({}).targetAsksPer30Days).toBe(3);
    expect(loadConfig({ VOUCH_TARGET_ASKS_PER_30_DAYS: " 5 " }).targetAsksPer30Days).toBe(5);
    expect(loadConfig({ VOUCH_TARGET_ASKS_PER_30_DAYS: "0" }).targetAsksPer30Days).toBe(0);
    expect(() => loadConfig({ VOUCH_TARGET_ASKS_PER_30_DAYS: "lots" })).toThrow(
      'VOUCH_TARGET_ASKS_PER_30_DAYS must be a whole number of asks, 0 for no budget (got "lots")',
    );
  });

  it("reads the trusted relays and their authserv-id, refusing one without the other", () => {
    const c = loadConfig({
      VOUCH_TRUSTED_RELAYS: "10.0.0.5, 192.168.1.0/24, ::1",
      VOUCH_AUTHSERV_ID: "MX.Example.com",
    });
    expect(c.authservId).toBe("mx.example.com");
    expect(c.trustedRelays?.check("192.168.1.77")).toBe(true);
    expect(c.trustedRelays?.check("10.0.0.6")).toBe(false);
    expect(c.trustedRelays?.check("::1", "ipv6")).toBe(true);
    expect(() => loadConfig({ VOUCH_TRUSTED_RELAYS: "10.0.0.5" })).toThrow(
      expect.objectContaining({
        code: "INVALID_CONFIG",
        details: { variable: "VOUCH_AUTHSERV_ID" },
      }),
    );
    for (const bad of ["10.0.0.300", "10.0.0.0/33", "mx.example.com"]) {
      expect(() =>
        loadConfig({ VOUCH_TRUSTED_RELAYS: bad, VOUCH_AUTHSERV_ID: "mx.example.com" }),
      ).toThrow(
        expect.objectContaining({
          code: "INVALID_CONFIG",
          message: expect.stringContaining("VOUCH_TRUSTED_RELAYS"),
        }),
      );
    }
    expect(() => loadConfig({ VOUCH_AUTHSERV_ID: "mx example; dmarc=pass" })).toThrow(
      expect.objectContaining({
        code: "INVALID_CONFIG",
        details: { variable: "VOUCH_AUTHSERV_ID" },
      }),
    );
  });

  it("reads the IMAP intake mailbox, never repeating its password in an error", () => {
    const c = loadConfig({
      VOUCH_IMAP_URL: "imaps://vouch%40example.com:p%40ss@imap.example.com/Intake",
      VOUCH_IMAP_DONE: "move:Done",
    });
    expect(c.imap).toEqual({
      account: {
        host: "imap.example.com",
        port: 993,
        secure: true,
        user: "vouch@example.com",
        pass: "p@ss",
        mailbox: "Intake",
      },
      done: { kind: "move", folder: "Done" },
    });
    expect(loadConfig({ VOUCH_IMAP_URL: "imap://u:p@localhost" }).imap?.account).toMatchObject({
      port: 143,
      mailbox: "INBOX",
    });
    for (const bad of ["https://u:secretpw@h/", "imaps://h/INBOX", "not a url secretpw"]) {
      let message = "";
      try {
        loadConfig({ VOUCH_IMAP_URL: bad });
      } catch (e) {
        message = (e as Error).message;
      }
      expect(message).toMatch(/^VOUCH_IMAP_URL /);
      expect(message).not.toContain("secretpw");
    }
    expect(() => loadConfig({ VOUCH_IMAP_DONE: "delete" })).toThrow(/VOUCH_IMAP_DONE/);
  });

  it("parses booleans for real: 'false' is false", () => {
    expect(booleanFromString.parse("false")).toBe(false);
    expect(booleanFromString.parse("0")).toBe(false);
    expect(booleanFromString.parse("TRUE")).toBe(true);
  });

  it("serves /dev/mail beyond loopback only with VOUCH_DEV_MAIL on", () => {
    expect(loadConfig({}).devMail).toBe(false);
    expect(loadConfig({ VOUCH_DEV_MAIL: "on" }).devMail).toBe(true);
    expect(loadConfig({ VOUCH_DEV_MAIL: "off" }).devMail).toBe(false);
    expect(() => loadConfig({ VOUCH_DEV_MAIL: "please" })).toThrow(
      'VOUCH_DEV_MAIL must be on or off (got "please")',
    );
  });

  it("overrides timer delays", () => {
    const p = parseTimerPolicy("expireRequest=21d, followUps=5d/10d");
    expect(p.expireRequest).toBe(21 * 86_400_000);
    expect(p.followUps).toEqual([5 * 86_400_000, 10 * 86_400_000]);
  });
});
