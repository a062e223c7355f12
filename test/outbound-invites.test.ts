// Calendar invites and DKIM, over a real SMTP socket.
import { generateKeyPairSync } from "node:crypto";
import { authenticate } from "mailauth";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyEvent } from "../src/app/apply-event.ts";
import { createIntro } from "../src/app/create-intro.ts";
import type { AppDeps } from "../src/app/deps.ts";
import { drainOutbox } from "../src/jobs/outbox-worker.ts";
import { relayTransport } from "../src/mail/outbound/transport.ts";
import { testDeps } from "./support/app.ts";
import { openTestDb, type TestDb } from "./support/databases.ts";
import { introducedIntro } from "./support/intros.ts";
import { startSink } from "./support/mail-sink.ts";
import { SEED_REQUEST } from "./support/seed.ts";

let db: TestDb;
let deps: AppDeps;
let sink: Awaited<ReturnType<typeof startSink>>;
const clock = { now: new Date("2027-03-20T10:00:00.000Z") };

beforeAll(async () => {
  db = await openTestDb("sqlite");
  deps = testDeps(db.store, clock);
  sink = await startSink();
});
afterAll(async () => {
  await sink.close();
  await db.drop();
});

const introduced = () => introducedIntro(deps);

function icsOf(raw: string): string {
  const unfolded = raw.replace(/=\r?\n/g, "");
  const m = /BEGIN:VCALENDAR[\s\S]*?END:VCALENDAR/.exec(unfolded);
  if (!m) throw new Error("no calendar part");
  return m[0].replace(/\r?\n[ \t]/g, "");
}

describe("calendar invites", () => {
  it("sends METHOD:REQUEST with organiser, RSVP attendees, a stable UID and the zone, across DST", async () => {
    const intro = await introduced();
    // Europe/Paris moves to summer time on 2027-03-28; the meeting is after the change.
    await applyEvent(
      deps,
      intro.id,
      {
        type: "confirm_meeting",
        actor: "requester",
        start: "2027-03-30T07:00:00Z",
        end: "2027-03-30T07:30:00Z",
        timeZone: "Europe/Paris",
      },
      "api",
    );
    const relay = relayTransport(sink.url);
    await drainOutbox(deps, relay);
    const invites = sink.messages.filter((m) => m.raw.includes("BEGIN:VCALENDAR"));
    expect(invites.map((m) => m.rcptTo.sort())).toEqual([
      ["alice@example.com", "maya@example.com"],
    ]);
    const raw = invites[0]?.raw ?? "";
    expect(raw).toMatch(/Content-Type: text\/calendar; charset=utf-8; method=REQUEST/i);
    const ics = icsOf(raw);
    expect(ics).toContain("METHOD:REQUEST");
    expect(ics).toMatch(/ORGANIZER;CN="?Alice"?:mailto:alice@example.com/);
    expect(ics).toMatch(/ATTENDEE;[^\r\n]*RSVP=TRUE[^\r\n]*mailto:maya@example.com/i);
    expect(ics).toMatch(/ATTENDEE;[^\r\n]*PARTSTAT=NEEDS-ACTION[^\r\n]*mailto:maya@example.com/i);
    expect(ics).toContain(`UID:${intro.id}@vouch.localhost`);
    expect(ics).toContain("SEQUENCE:0");
    expect(ics).toContain("BEGIN:VTIMEZONE");
    expect(ics).toContain("TZID:Europe/Paris");
    // 07:00 UTC on 30 March is 09:00 in Paris (CEST, UTC+2), not 08:00 (CET).
    expect(ics).toMatch(/DTSTART;TZID=Europe\/Paris:20270330T090000/);

    // Cancelling (the requester withdraws) sends METHOD:CANCEL for the same UID, one sequence up.
    await applyEvent(deps, intro.id, { type: "withdraw", actor: "requester" }, "api");
    await drainOutbox(deps, relay);
    relay.close();
    const cancel = sink.messages.filter((m) => m.raw.includes("METHOD:CANCEL")).at(-1);
    expect(cancel).toBeDefined();
    const c = icsOf(cancel?.raw ?? "");
    expect(c).toContain(`UID:${intro.id}@vouch.localhost`);
    expect(c).toContain("SEQUENCE:1");
    expect(c).toContain("STATUS:CANCELLED");
  });
});

describe("DKIM", () => {
  it("signs outbound mail when a key is configured", async () => {
    const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    const pem = privateKey.export({ type: "pkcs8", format: "pem" }).toString();
    const relay = relayTransport(sink.url, {
      dkim: { domainName: "vouch.localhost", keySelector: "vouch", privateKey: pem },
    });
    await createIntro(
      deps,
      {
        requester: { name: "Bob", email: "bob@example.com" },
        introducer: { name: "Jane", email: "jane@example.com" },
        target: { name: "Maya", email: null },
        requestText: SEED_REQUEST,
        submit: true,
      },
      "api",
    );
    sink.messages.length = 0;
    await drainOutbox(deps, relay);
    relay.close();
    const sig = sink.messages[0]?.headers["dkim-signature"] ?? "";
    expect(sig).toMatch(/d=vouch\.localhost/);
    expect(sig).toMatch(/s=vouch/);
    // And the signature verifies against the published key (a resolver stands in for DNS).
    const p = publicKey.export({ type: "spki", format: "der" }).toString("base64");
    const resolver = async (name: string, type: string) => {
      if (type === "TXT" && name === "vouch._domainkey.vouch.localhost")
        return [[`v=DKIM1; k=rsa; p=${p}`]];
      const e = new Error(`no ${type} for ${name}`) as Error & { code: string };
      e.code = "ENOTFOUND";
      throw e;
    };
    const { dkim } = await authenticate(sink.messages[0]?.raw ?? "", {
      resolver,
      sender: "bounces@vouch.localhost",
      ip: "127.0.0.1",
      helo: "localhost",
      mta: "test",
    } as never);
    expect(dkim.results[0]?.status.result).toBe("pass");
  });
});
