// What an introducer triages with, counted by the database: the requester's whole record (no
// page-size cap), and who else asked the target this month (names only). And the composer's
// warning to a requester who already has an open request to the same person.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyEvent } from "../../src/app/apply-event.ts";
import { createIntro } from "../../src/app/create-intro.ts";
import type { AppDeps } from "../../src/app/deps.ts";
import { testDeps } from "../support/app.ts";
import { openTestDb, type TestDb } from "../support/databases.ts";
import { seedRequestInput } from "../support/intros.ts";
import { signIn, type WebClient, webTestApp } from "./support.ts";
import { seedFields, sendRequest } from "./web-fixtures.ts";

let db: TestDb;
let deps: AppDeps;
let jane: WebClient;
let alice: WebClient;
const clock = { now: new Date("2026-12-01T10:00:00.000Z") };

beforeAll(async () => {
  db = await openTestDb("sqlite");
  deps = testDeps(db.store, clock);
  const app = webTestApp(deps);
  jane = await signIn(app, deps, "jane@example.com", "10.0.7.1");
  alice = await signIn(app, deps, "alice@example.com", "10.0.7.2");
}, 60_000);
afterAll(() => db.drop());

describe("the requester's record at triage", () => {
  it("counts every request they sent, past a hundred", async () => {
    const rita = { requester: "rita@example.com", target: "maya@example.com" };
    for (let i = 0; i < 102; i++) {
      clock.now = new Date(clock.now.getTime() + 1000);
      await createIntro(deps, seedRequestInput(rita), "api");
    }
    const row = /<tr><td>[\s\S]*?<\/tr>/.exec((await jane.get("/inbox")).text)?.[0] ?? "";
    expect(row).toContain("102 asked: 0 completed, 0 thanked, 0 stalled, 0 withdrawn");
  }, 120_000);
});

/** A request to Lena through `introducer`, asked (forwarded) by them when `ask`. */
async function throughTo(
  introducer: { name: string; email: string },
  requester: string,
  ask: boolean,
) {
  clock.now = new Date(clock.now.getTime() + 1000);
  const intro = await createIntro(
    deps,
    {
      ...seedRequestInput({ requester, target: "lena@example.com" }),
      introducer,
      target: { name: "Lena", email: "lena@example.com" },
    },
    "api",
  );
  if (ask)
    await applyEvent(deps, intro.id, { type: "forward_for_consent", actor: "introducer" }, "api");
  return intro;
}

describe("who else asked the target, at triage", () => {
  it("tells the introducer how often the target was asked this month and through whom, names only", async () => {
    await throughTo({ name: "Bob", email: "bob@example.com" }, "quinn@example.com", true);
    await throughTo({ name: "Carol", email: "carol@example.com" }, "rosa@example.com", true);
    await throughTo({ name: "Jane", email: "jane@example.com" }, "sam@example.com", false);
    const page = (await jane.get("/inbox")).text;
    const row = [...page.matchAll(/<tr><td>[\s\S]*?<\/tr>/g)]
      .map((m) => m[0])
      .find((r) => r.includes("Lena"));
    expect(row).toContain(
      '<p class="welcomes" data-asked-through>Lena was asked twice this month, through Bob and Carol.</p>',
    );
    // Whose requests those were, or how they went, is not Jane's to know.
    expect(page).not.toMatch(/quinn|rosa|Quinn|Rosa/);
    // Nobody else sees the line: the requester's own pages have none.
    for (const path of ["/", "/inbox"])
      expect((await alice.get(path)).text).not.toContain("data-asked-through");
  });

  it("counts what the introducer asked themselves as theirs, and forgets asks older than 30 days", async () => {
    const bob = await signIn(webTestApp(deps), deps, "bob@example.com", "10.0.7.3");
    await throughTo({ name: "Bob", email: "bob@example.com" }, "tess@example.com", false);
    const line = /data-asked-through>([^<]*)</.exec((await bob.get("/inbox")).text)?.[1];
    expect(line).toBe("Lena was asked twice this month, through Carol and you.");
    clock.now = new Date(clock.now.getTime() + 31 * 86_400_000);
    expect((await bob.get("/inbox")).text).not.toContain("data-asked-through");
  });
});

describe("the composer's warning about an open request to the same person", () => {
  it("warns, without blocking, when the requester already asked to meet that address", async () => {
    // Signed in afresh: the clock has moved past the first session.
    alice = await signIn(webTestApp(deps), deps, "alice@example.com", "10.0.7.4");
    const first = await sendRequest(alice, seedFields({ targetEmail: "uma@example.com" }));
    const panel = (
      await alice.post(
        "/requests/coach",
        seedFields({
          targetEmail: "Uma@Example.com",

          introducerName: "Omar",
          introducerEmail: "omar@example.com",
        }),
      )
    ).text;
    expect(panel).toContain("You already asked to meet uma@example.com");
    expect(panel).toContain(`<a href="/intros/${first}">Through Jane</a>: `);
    // Another person: no warning.
    const other = (
      await alice.post("/requests/coach", seedFields({ targetEmail: "vera@example.com" }))
    ).text;
    expect(other).not.toContain('id="open-request"');
    // Checking shows it on the page too, and sending still works.
    const fields = seedFields({
      targetEmail: "uma@example.com",

      introducerName: "Omar",
      introducerEmail: "omar@example.com",
    });
    expect((await alice.post("/requests/new", { do: "check", ...fields })).text).toContain(
      'id="open-request"',
    );
    const second = await sendRequest(alice, fields);
    expect(second).not.toBe(first);
    const both = (await alice.post("/requests/coach", fields)).text;
    expect(both).toContain("Through Omar");
    expect(both).toContain("Through Jane");
  });
});
