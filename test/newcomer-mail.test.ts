// What a newcomer read in the consent email (issue 15): it says rightly whether the requester
// has the target's address, and a note that greets the target is not greeted again.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { applyEvent } from "../src/app/apply-event.ts";
import { createIntro } from "../src/app/create-intro.ts";
import type { AppDeps } from "../src/app/deps.ts";
import { readIntro } from "../src/app/read-intros.ts";
import { testDeps } from "./support/app.ts";
import { openTestDb, type TestDb } from "./support/databases.ts";
import { seedRequestInput } from "./support/intros.ts";

let db: TestDb;
let deps: AppDeps;

beforeEach(async () => {
  db = await openTestDb("sqlite");
  deps = testDeps(db.store);
});
afterEach(() => db.drop());

async function consentEmail(introId: string) {
  const m = (await db.store.listOutbox({ introId })).find((x) => x.template === "consent_request");
  if (!m) throw new Error("no consent request");
  return m;
}

describe("the consent email", () => {
  it("does not tell the target the requester lacks an address the requester typed", async () => {
    const intro = await createIntro(deps, seedRequestInput(), "web");
    await applyEvent(deps, intro.id, { type: "forward_for_consent", actor: "introducer" }, "web");
    const m = await consentEmail(intro.id);
    expect(m.text).not.toContain("doesn't have your email address");
    expect(m.text).toContain("Alice gave me your email address");
    expect(m.html).toContain("Alice gave me your email address");
  });

  it("says the requester does not have it when the introducer supplied it", async () => {
    const input = seedRequestInput();
    const intro = await createIntro(
      deps,
      { ...input, target: { name: "Maya", email: null } },
      "web",
    );
    await applyEvent(
      deps,
      intro.id,
      { type: "forward_for_consent", actor: "introducer", targetEmail: "maya@example.com" },
      "web",
    );
    const m = await consentEmail(intro.id);
    expect(m.text).toContain(
      "Alice doesn't have your email address, and won't unless you say yes.",
    );
    // And she does not: the requester's view has no address for Maya before her yes.
    const view = await readIntro(deps, intro.id, { email: "alice@example.com" });
    expect(view.target.email).toBeNull();
  });

  it("says the requester does not have it when the introducer used another address", async () => {
    const intro = await createIntro(deps, seedRequestInput(), "web");
    await applyEvent(
      deps,
      intro.id,
      { type: "forward_for_consent", actor: "introducer", targetEmail: "maya@work.example.com" },
      "web",
    );
    const m = await consentEmail(intro.id);
    expect(m.to[0]?.email).toBe("maya@work.example.com");
    expect(m.text).toContain("Alice doesn't have your email address");
  });

  it("does not greet the target twice when the introducer's note already greets her", async () => {
    for (const note of [
      "Hi Maya! Alice is great, you two should talk.",
      "Hello Maya, quick one.",
    ]) {
      const intro = await createIntro(deps, seedRequestInput(), "web");
      await applyEvent(
        deps,
        intro.id,
        { type: "forward_for_consent", actor: "introducer", note },
        "web",
      );
      const m = await consentEmail(intro.id);
      expect(m.text.startsWith(note)).toBe(true);
      expect(m.text).not.toContain("Hi Maya,");
    }
    // A note without a greeting still gets one.
    const intro = await createIntro(deps, seedRequestInput(), "web");
    await applyEvent(
      deps,
      intro.id,
      { type: "forward_for_consent", actor: "introducer", note: "Alice is great." },
      "web",
    );
    expect((await consentEmail(intro.id)).text.startsWith("Hi Maya,\n\nAlice is great.")).toBe(
      true,
    );
  });
});
