// Security of the web app without a socket: escaping of every user field in every page and
// email, CSRF, link scanners, sign-in links and rate limits, and the role × page matrix.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiToken } from "../../src/app/api-tokens.ts";
import { applyEvent } from "../../src/app/apply-event.ts";
import type { AppDeps } from "../../src/app/deps.ts";
import { httpApp } from "../../src/http/app.ts";
import { drainOutbox } from "../../src/jobs/outbox-worker.ts";
import { fillLinks } from "../../src/mail/outbound/links.ts";
import { BuiltInMailbox } from "../../src/mail/outbound/mailbox.ts";
import { mailboxTransport } from "../../src/mail/outbound/transport.ts";
import { testDeps } from "../support/app.ts";
import { openTestDb, type TestDb } from "../support/databases.ts";
import { type App, magicLinkFor, signIn, WebClient, webTestApp } from "./support.ts";
import { hostileFields, seedFields, sendRequest, XSS } from "./web-fixtures.ts";

let db: TestDb;
let deps: AppDeps;
let app: App;
const clock = { now: new Date("2026-12-01T10:00:00.000Z") };
let alice: WebClient;
let jane: WebClient;
let maya: WebClient;
let eve: WebClient;
const ids = {} as {
  waiting: string;
  asked: string;
  declined: string;
  introduced: string;
  hostile: string;
};

beforeAll(async () => {
  db = await openTestDb("sqlite");
  deps = testDeps(db.store, clock);
  app = webTestApp(deps);
  alice = await signIn(app, deps, "alice@example.com", "10.0.0.1");
  jane = await signIn(app, deps, "jane@example.com", "10.0.0.2");
  maya = await signIn(app, deps, "maya@example.com", "10.0.0.3");
  eve = await signIn(app, deps, "eve@example.com", "10.0.0.4");
  // waiting: requested. asked: consent requested. declined: Maya said no with a private reason.
  // introduced: Maya said yes. hostile: completed, with the payload in every field.
  ids.waiting = await sendRequest(alice, seedFields());
  ids.asked = await sendRequest(alice, seedFields());
  ids.declined = await sendRequest(alice, seedFields());
  ids.introduced = await sendRequest(alice, seedFields());
  ids.hostile = await sendRequest(alice, hostileFields());
  for (const id of [ids.asked, ids.declined, ids.introduced, ids.hostile])
    expect(
      (await jane.post(`/intros/${id}/act`, { event: "forward", note: `Please ${XSS}` })).status,
    ).toBe(303);
  await maya.post(`/intros/${ids.declined}/act`, { event: "decline", reason: "PRIVATE-REASON-42" });
  await maya.post(`/intros/${ids.introduced}/act`, { event: "accept" });
  await maya.post(`/intros/${ids.hostile}/act`, { event: "accept" });
  await alice.post(`/intros/${ids.hostile}/act`, { event: "reply_sent" });
  // They met this morning (a report of how it went waits for the meeting).
  await applyEvent(
    deps,
    ids.hostile,
    {
      type: "confirm_meeting",
      actor: "requester",
      start: "2026-12-01T08:00:00.000Z",
      end: "2026-12-01T08:30:00.000Z",
      timeZone: "UTC",
    },
    "web",
  );
  await alice.post(`/intros/${ids.hostile}/act`, {
    event: "report",
    rating: "great",
    note: XSS,
    thanked: "yes",
  });
  await maya.post(`/intros/${ids.hostile}/act`, {
    event: "report",
    rating: "fine",
    note: `MAYA-PRIVATE-7 ${XSS}`,
  });
  expect((await deps.store.getIntro(ids.hostile))?.status).toBe("completed");
  expect((await deps.store.getIntro(ids.hostile))?.targetOutcome?.rating).toBe("fine");
  expect((await deps.store.getIntro(ids.declined))?.status).toBe("target_declined");
}, 60_000);
afterAll(() => db.drop());

const PAGES = ["/", "/requests/new", "/inbox", "/insights", "/outcomes", "/offers", "/preferences"];

describe("escaping", () => {
  it("shows every hostile field escaped in every page of every role", async () => {
    await maya.post("/preferences", { topics: XSS, monthlyMax: "3" });
    for (const who of [alice, jane, maya, eve]) {
      for (const path of [...PAGES, ...Object.values(ids).map((id) => `/intros/${id}`)]) {
        const r = await who.get(path);
        expect(r.text, path).not.toContain("<script>alert");
        expect(r.text, path).not.toContain("<img src=x");
      }
    }
    const page = await alice.get(`/intros/${ids.hostile}`);
    expect(page.text).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect((await jane.get("/outcomes")).text).toContain("&lt;script&gt;");
    expect((await jane.get("/inbox")).text).toContain(
      "welcomes intros about:</strong> &lt;script&gt;",
    );
    expect((await maya.get("/preferences")).text).toContain("&lt;script&gt;");
    // The composer re-renders what was typed, escaped.
    const again = await alice.post("/requests/new", { do: "check", ...hostileFields() });
    expect(again.text).not.toContain("<script>alert");
    expect(again.text).toContain("&lt;img src=x");
  });

  it("escapes every field of the built-in mailbox's list and message pages", async () => {
    const dir = mkdtempSync(join(tmpdir(), "vouch-devmail-"));
    try {
      const mailbox = new BuiltInMailbox(dir);
      await drainOutbox(deps, mailboxTransport(mailbox));
      // A message whose every field is hostile, as if a template had let one through.
      mailbox.deliver(
        {
          messageId: `<${XSS}@x>`,
          from: `"${XSS}" <evil@example.com>`,
          to: [XSS],
          cc: [XSS],
          envelopeTo: [XSS],
          subject: `Re: ${XSS}`,
          text: XSS,
          html: `<p>${XSS}</p>`,
          sentAt: clock.now.toISOString(),
          introId: XSS,
          outboxId: "ob_hostile",
        },
        Buffer.from(`X-Evil: ${XSS}\r\nSubject: ${XSS}\r\n\r\n${XSS}`),
      );
      const withMail = httpApp(deps, { log: () => {}, devMailbox: mailbox });
      const paths = [
        "/dev/mail",
        `/dev/mail?to=${encodeURIComponent(XSS)}`,
        ...new Set(mailbox.list().map((m) => `/dev/mail/${encodeURIComponent(m.outboxId)}`)),
      ];
      expect(paths.length).toBeGreaterThan(4);
      for (const path of paths) {
        const text = await (
          await withMail.request(path, {}, { incoming: { socket: { remoteAddress: "127.0.0.1" } } })
        ).text();
        expect(text, path).not.toContain("<script>alert");
        expect(text, path).not.toContain("<img src=x");
      }
      const hostile = await (
        await withMail.request(
          "/dev/mail/ob_hostile",
          {},
          { incoming: { socket: { remoteAddress: "127.0.0.1" } } },
        )
      ).text();
      expect(hostile).toContain("&lt;script&gt;alert(1)");
      // The HTML part sits in a sandboxed iframe's srcdoc, escaped as an attribute: no script
      // runs there; only its links may take the whole window (on a click).
      expect(hostile).toMatch(
        /<iframe[^>]* sandbox="allow-popups allow-popups-to-escape-sandbox allow-top-navigation-by-user-activation" srcdoc="&lt;base target=&quot;_top&quot;&gt;&lt;p&gt;&lt;script&gt;/,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("escapes the payload in the HTML part of every email", async () => {
    const mails = await deps.store.listOutbox({ introId: ids.hostile });
    expect(mails.length).toBeGreaterThan(2);
    for (const m of mails) {
      expect(m.html, m.template).not.toContain("<script>alert");
      expect(m.html, m.template).not.toContain("<img src=x");
    }
  });
});

describe("CSRF", () => {
  it("refuses a form without this browser's token, and changes nothing", async () => {
    const before = await deps.store.getIntro(ids.waiting);
    for (const token of ["", "forged", maya.csrf]) {
      const r = await jane.request("POST", `/intros/${ids.waiting}/act`, {
        _csrf: token,
        event: "decline",
      });
      expect(r.status).toBe(403);
    }
    expect((await deps.store.getIntro(ids.waiting))?.status).toBe(before?.status);
    const r = await alice.request("POST", "/requests/new", { do: "send", ...seedFields() });
    expect(r.status).toBe(403);
    expect((await alice.request("POST", "/sign-out", {})).status).toBe(403);
  });

  it("refuses a sign-in form posted from elsewhere (no pre-session cookie)", async () => {
    const stranger = new WebClient(app, "10.9.9.9");
    const r = await stranger.request("POST", "/sign-in", {
      _csrf: "x",
      email: "alice@example.com",
    });
    expect(r.status).toBe(403);
  });
});

describe("links opened by mail scanners", () => {
  it("a GET of a one-click action link shows a button and changes nothing", async () => {
    const m = (await deps.store.listOutbox({ introId: ids.asked })).find(
      (x) => x.template === "consent_request",
    );
    if (!m) throw new Error("no consent request");
    const yes = /Yes, introduce us:\s*(\S+)/.exec(fillLinks(m.text, deps.secret, m.id))?.[1] ?? "";
    const path = new URL(yes).pathname;
    const scanner = new WebClient(app, "10.7.7.7");
    for (let i = 0; i < 3; i++) expect((await scanner.get(path)).status).toBe(200);
    expect((await deps.store.getIntro(ids.asked))?.status).toBe("consent_requested");
    expect((await scanner.get(path)).text).toContain("Nothing happens until you press the button");
  });

  it("a GET of a sign-in link does not sign in; the link works once, then never again", async () => {
    const c = new WebClient(app, "10.1.1.1");
    await c.get("/sign-in");
    await c.post("/sign-in", { email: "scan@example.com" });
    const path = await magicLinkFor(deps, "scan@example.com");
    const scanner = new WebClient(app, "10.7.7.8");
    await scanner.get(path);
    expect((await scanner.get("/inbox")).status).toBe(303);
    await c.get(path);
    expect((await c.post(path)).status).toBe(303);
    expect((await c.get("/inbox")).status).toBe(200);
    const replay = new WebClient(app, "10.1.1.2");
    await replay.get(path);
    expect((await replay.post(path)).status).toBe(410);
  });

  it("an expired sign-in link is refused", async () => {
    const c = new WebClient(app, "10.1.1.3");
    await c.get("/sign-in");
    await c.post("/sign-in", { email: "late@example.com" });
    const path = await magicLinkFor(deps, "late@example.com");
    clock.now = new Date(clock.now.getTime() + 16 * 60_000);
    try {
      await c.get(path);
      expect((await c.post(path)).status).toBe(410);
    } finally {
      clock.now = new Date(clock.now.getTime() - 16 * 60_000);
    }
  });
});

describe("sessions and sign-in limits", () => {
  it("sets a signed, HttpOnly, SameSite=Lax cookie; a tampered one signs nobody in", async () => {
    const c = new WebClient(app, "10.1.1.4");
    await c.get("/sign-in");
    await c.post("/sign-in", { email: "cookie@example.com" });
    const path = await magicLinkFor(deps, "cookie@example.com");
    await c.get(path);
    const res = await app.request(path, {
      method: "POST",
      headers: {
        cookie: [...c.cookies].map(([k, v]) => `${k}=${v}`).join("; "),
        "content-type": "application/x-www-form-urlencoded",
      },
      body: new URLSearchParams({ _csrf: c.csrf }).toString(),
    });
    const set = res.headers.getSetCookie().find((s) => s.startsWith("vouch_session="));
    expect(set).toMatch(/HttpOnly/);
    expect(set).toMatch(/SameSite=Lax/);
    const value = decodeURIComponent(set?.split(";")[0]?.split("=").slice(1).join("=") ?? "");
    expect(value).toContain(".");
    const forged = new WebClient(app);
    forged.cookies.set("vouch_session", encodeURIComponent(`${value.split(".")[0]}.AAAA`));
    expect((await forged.get("/inbox")).status).toBe(303);
  });

  it("limits sign-in links per address and per IP", async () => {
    const c = new WebClient(app, "10.2.2.2");
    await c.get("/sign-in");
    const codes = [];
    for (let i = 0; i < 6; i++)
      codes.push((await c.post("/sign-in", { email: "many@example.com" })).status);
    expect(codes).toEqual([200, 200, 200, 200, 200, 429]);
    const d = new WebClient(app, "10.3.3.3");
    await d.get("/sign-in");
    const last = [];
    for (let i = 0; i < 21; i++)
      last.push((await d.post("/sign-in", { email: `p${i}@example.com` })).status);
    expect(last.at(-1)).toBe(429);
    expect(last.slice(0, 20).every((s) => s === 200)).toBe(true);
  });

  it("is the same person by magic link, one-click link or API token", async () => {
    const token = await createApiToken(deps, "alice@example.com");
    const r = await app.request("/api/intros", {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({
        requester: { name: "Alice" },
        introducer: { name: "Jane", email: "jane@example.com" },
        target: { name: "Omar", email: "omar@example.com" },
        request: (await deps.store.getIntro(ids.waiting))?.requestText.replace(/Maya/g, "Omar"),
      }),
    });
    expect(r.status).toBe(201);
    const id = ((await r.json()) as { id: string }).id;
    expect((await alice.get("/")).text).toContain(`/intros/${id}`);
    // Maya's yes came from her signed-in session: the same person the one-click email was for.
    expect((await deps.store.getIntro(ids.hostile))?.consent?.via).toBe("web");
  });
});

describe("role × page", () => {
  const body = async (c: WebClient, path: string) => {
    const r = await c.get(path);
    return { status: r.status, text: r.text };
  };

  it("an intro waiting on the introducer", async () => {
    const path = `/intros/${ids.waiting}`;
    const a = await body(alice, path);
    expect(a.status).toBe(200);
    expect(a.text).not.toContain("maya@example.com");
    expect(a.text).not.toContain("Ask Maya");
    const j = await body(jane, path);
    expect(j.text).toContain("Ask Maya");
    expect(j.text).toContain("Decline kindly");
    expect((await body(maya, path)).status).toBe(404);
    expect((await body(eve, path)).status).toBe(404);
    expect((await body(new WebClient(app), path)).status).toBe(303);
  });

  it("an intro waiting on the target's consent", async () => {
    const path = `/intros/${ids.asked}`;
    const a = await body(alice, path);
    expect(a.text).not.toContain("maya@example.com");
    expect(a.text).not.toContain("Yes, introduce us");
    const m = await body(maya, path);
    expect(m.status).toBe(200);
    expect(m.text).not.toContain("alice@example.com");
    expect(m.text).toContain("Yes, introduce us");
    expect(m.text).toContain("Please");
    expect((await body(jane, path)).text).not.toContain("Ask Maya</button>");
    expect((await body(eve, path)).status).toBe(404);
  });

  it("an introduced intro: times are proposed by the requester and the target only", async () => {
    const path = `/intros/${ids.introduced}`;
    expect((await body(alice, path)).text).toContain('aria-label="Propose times to Maya"');
    expect((await body(maya, path)).text).toContain('aria-label="Propose times to Alice"');
    const j = await body(jane, path);
    expect(j.status).toBe(200);
    expect(j.text).not.toContain("Propose times");
    expect((await body(eve, path)).status).toBe(404);
    // Before the intro, and once it is completed, nobody is offered the form.
    for (const id of [ids.waiting, ids.asked, ids.hostile])
      for (const who of [alice, jane, maya])
        expect((await body(who, `/intros/${id}`)).text, id).not.toContain("Propose times");
    // A stranger's post is refused as for any intro they are not in.
    const r = await eve.post(`${path}/act`, {
      event: "propose_times",
      time1: "2026-12-20T09:00",
      zone: "UTC",
    });
    expect(r.status).toBe(404);
    expect((await deps.store.getIntro(ids.introduced))?.proposedTimes).toEqual([]);
  });

  it("a declined intro: the reason is the introducer's and the target's only", async () => {
    const path = `/intros/${ids.declined}`;
    expect((await body(alice, path)).text).not.toContain("PRIVATE-REASON-42");
    expect((await body(jane, path)).text).toContain("PRIVATE-REASON-42");
    expect((await body(maya, path)).text).toContain("PRIVATE-REASON-42");
    expect((await body(alice, "/")).text).not.toContain("PRIVATE-REASON-42");
    expect((await body(jane, "/insights")).text).not.toContain("alice@example.com");
  });

  it("outcomes: the introducer's only, with the target's private view", async () => {
    const j = await body(jane, "/outcomes");
    expect(j.status).toBe(200);
    expect(j.text).toContain(`/intros/${ids.hostile}`);
    expect(j.text).toContain("MAYA-PRIVATE-7");
    expect(j.text).toContain('data-outcome="great"');
    expect(j.text).toContain('data-target-outcome="fine"');
    // The requester and the target of that same intro, and a stranger, see none of it.
    for (const who of [alice, maya, eve]) {
      const r = await body(who, "/outcomes");
      expect(r.status).toBe(200);
      expect(r.text).not.toContain("/intros/");
      expect(r.text).not.toContain("MAYA-PRIVATE-7");
    }
    expect((await body(alice, `/intros/${ids.hostile}`)).text).not.toContain("MAYA-PRIVATE-7");
    expect((await body(new WebClient(app), "/outcomes")).status).toBe(303);
  });

  it("lists: each role sees its own intros and no one else's", async () => {
    const inbox = await body(jane, "/inbox");
    expect(inbox.text).toContain(`/intros/${ids.waiting}`);
    expect((await body(alice, "/inbox")).text).not.toContain("/intros/");
    const offers = await body(maya, "/offers");
    expect(offers.text).toContain(`/intros/${ids.asked}`);
    expect(offers.text).not.toContain(`/intros/${ids.waiting}`);
    for (const path of PAGES) expect((await body(eve, path)).text, path).not.toContain("/intros/");
    expect((await body(alice, "/")).text).toContain(`/intros/${ids.waiting}`);
  });
});
