import { describe, expect, it } from "vitest";
import { devMailWarning } from "./dev-mail-warning.ts";
import { isLoopbackAddress, isLoopbackHost } from "./loopback.ts";

describe("the warning about /dev/mail at start", () => {
  it("is given when the mailbox is served beyond loopback, and says how open it is", () => {
    expect(devMailWarning({ httpHost: "0.0.0.0", devMail: false }, true)).toMatch(
      /loopback clients only/,
    );
    expect(devMailWarning({ httpHost: "192.168.1.5", devMail: true }, true)).toMatch(
      /^VOUCH_DEV_MAIL=on: \/dev\/mail shows everyone's mail/,
    );
  });

  it("is not given on loopback, nor when a relay is configured", () => {
    for (const httpHost of ["127.0.0.1", "::1", "localhost", "127.1.2.3"])
      expect(devMailWarning({ httpHost, devMail: true }, true)).toBeNull();
    expect(devMailWarning({ httpHost: "0.0.0.0", devMail: true }, false)).toBeNull();
  });
});

describe("loopback", () => {
  it("is 127.0.0.0/8, ::1 and IPv4-mapped 127.x, nothing else", () => {
    for (const a of ["127.0.0.1", "127.255.0.9", "::1", "::ffff:127.0.0.1"])
      expect(isLoopbackAddress(a), a).toBe(true);
    for (const a of ["10.0.0.1", "0.0.0.0", "::", "::ffff:10.0.0.1", "fe80::1", "", undefined])
      expect(isLoopbackAddress(a), String(a)).toBe(false);
    expect(isLoopbackHost("LOCALHOST")).toBe(true);
    expect(isLoopbackHost("vouch.example.com")).toBe(false);
  });
});
