// The built-in mailbox (/dev/mail) shows everyone's mail: it is served to loopback clients only,
// unless VOUCH_DEV_MAIL=on; anyone else gets the same 404 as for a page that does not exist.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type ServerType, serve } from "@hono/node-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppDeps } from "../src/app/deps.ts";
import { httpApp } from "../src/http/app.ts";
import { BuiltInMailbox } from "../src/mail/outbound/mailbox.ts";
import { testDeps } from "./support/app.ts";
import { openTestDb, type TestDb } from "./support/databases.ts";

let db: TestDb;
let deps: AppDeps;
let dir: string;
let mailbox: BuiltInMailbox;

beforeAll(async () => {
  db = await openTestDb("sqlite");
  deps = testDeps(db.store);
  dir = mkdtempSync(join(tmpdir(), "vouch-devmail-"));
  mailbox = new BuiltInMailbox(dir);
  mailbox.deliver(
    {
      messageId: "<m1@vouch.localhost>",
      from: "intros@vouch.localhost",
      to: ["maya@example.com"],
      cc: [],
      envelopeTo: ["maya@example.com"],
      subject: "A private message",
      text: "secret",
      html: "<p>secret</p>",
      sentAt: "2026-12-01T10:00:00.000Z",
      introId: null,
      outboxId: "ob_1",
    },
    Buffer.from("Subject: A private message\r\n\r\nsecret"),
  );
});
afterAll(async () => {
  await db.drop();
  rmSync(dir, { recursive: true, force: true });
});

const from = (remoteAddress: string) => ({ incoming: { socket: { remoteAddress } } });
const PATHS = ["/dev/mail", "/dev/mail/ob_1", "/dev/mail/ob_1/raw"];

describe("/dev/mail", () => {
  const app = () => httpApp(deps, { log: () => {}, devMailbox: mailbox });

  it.each(["127.0.0.1", "127.8.9.10", "::1", "::ffff:127.0.0.1"])(
    "is served to a loopback client (%s)",
    async (ip) => {
      for (const path of PATHS) {
        const res = await app().request(path, {}, from(ip));
        expect(res.status, path).toBe(200);
        expect(await res.text()).toContain("A private message");
      }
    },
  );

  it.each(["10.0.0.5", "192.168.1.20", "::ffff:10.0.0.5", "2001:db8::1", "128.0.0.1"])(
    "answers 404 to anyone else (%s)",
    async (ip) => {
      for (const path of PATHS) {
        const res = await app().request(path, {}, from(ip));
        expect(res.status, path).toBe(404);
        expect(await res.text()).not.toContain("A private message");
      }
    },
  );

  it("answers 404 when the client's address is unknown", async () => {
    expect((await app().request("/dev/mail")).status).toBe(404);
  });

  it("is served to every client with VOUCH_DEV_MAIL=on", async () => {
    const open = httpApp(deps, { log: () => {}, devMailbox: mailbox, devMailAnyClient: true });
    expect((await open.request("/dev/mail", {}, from("10.0.0.5"))).status).toBe(200);
  });

  it("reads the client's address from a real socket", async () => {
    const server: ServerType = serve({ fetch: app().fetch, hostname: "127.0.0.1", port: 0 });
    await new Promise<void>((r) => server.once("listening", () => r()));
    try {
      const { port } = server.address() as { port: number };
      const res = await fetch(`http://127.0.0.1:${port}/dev/mail/ob_1`);
      expect(res.status).toBe(200);
      expect(await res.text()).toContain("A private message");
    } finally {
      await new Promise<void>((r) => server.close(() => r()));
    }
  });
});
