// One-click links are signed, not stored: a change writes no row per link, a link works once,
// for 30 days, and links sent before tokens were signed (rows in action_tokens) still work.
import { randomBytes } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { applyEvent } from "../src/app/apply-event.ts";
import { createIntro } from "../src/app/create-intro.ts";
import type { AppDeps } from "../src/app/deps.ts";
import { lookupLink, useLink } from "../src/app/link-actions.ts";
import { fillLinks, hashLinkToken } from "../src/mail/outbound/links.ts";
import { testDeps } from "./support/app.ts";
import { DB_KINDS, openTestDb, type TestDb } from "./support/databases.ts";
import { seedRequestInput } from "./support/intros.ts";

describe.each(DB_KINDS)("one-click tokens (%s)", (kind) => {
  let db: TestDb;
  let deps: AppDeps;
  const clock = { now: new Date("2026-12-01T10:00:00.000Z") };

  beforeEach(async () => {
    clock.now = new Date("2026-12-01T10:00:00.000Z");
    db = await openTestDb(kind);
    deps = testDeps(db.store, clock);
  });
  afterEach(() => db.drop());

  /** Maya's consent request, asked of her by Jane; and its Yes link's token. */
  async function askedMaya() {
    const intro = await createIntro(deps, seedRequestInput(), "api");
    await applyEvent(deps, intro.id, { type: "forward_for_consent", actor: "introducer" }, "api");
    const [ask] = await db.store
      .listOutbox({ introId: intro.id })
      .then((all) => all.filter((m) => m.template === "consent_request"));
    if (!ask) throw new Error("no consent request");
    const links = [...fillLinks(ask.text, deps.secret, ask.id).matchAll(/\/a\/([\w.-]+)/g)];
    return { intro, tokens: links.map((m) => m[1] ?? "") };
  }

  const count = async (table: "action_tokens" | "spent_tokens") =>
    Number(
      (
        await db.store.kysely
          .selectFrom(table)
          .select((e) => e.fn.countAll().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it("are written nowhere by a change, and work exactly once", async () => {
    const { intro, tokens } = await askedMaya();
    expect(tokens.length).toBeGreaterThanOrEqual(3);
    expect(await count("action_tokens")).toBe(0);
    const yes = await Promise.all(tokens.map((t) => lookupLink(deps, t))).then((all) =>
      tokens.find((_, i) => {
        const l = all[i];
        return l?.ok && l.token.action === "yes";
      }),
    );
    const found = await lookupLink(deps, yes ?? "");
    expect(found.ok && found.token.email).toBe("maya@example.com");
    expect(found.ok && found.token.introId).toBe(intro.id);
    const done = await useLink(deps, yes ?? "", {});
    expect(done.intro.status).toBe("introduced");
    expect(await count("spent_tokens")).toBe(1);
    await expect(useLink(deps, yes ?? "", {})).rejects.toMatchObject({
      details: { problem: "used" },
    });
    expect(await lookupLink(deps, yes ?? "")).toMatchObject({ ok: false, problem: "used" });
  });

  it("expire 30 days after their email was queued", async () => {
    const { tokens } = await askedMaya();
    clock.now = new Date(clock.now.getTime() + 29 * 86_400_000);
    expect((await lookupLink(deps, tokens[0] ?? "")).ok).toBe(true);
    clock.now = new Date(clock.now.getTime() + 2 * 86_400_000);
    expect(await lookupLink(deps, tokens[0] ?? "")).toMatchObject({
      ok: false,
      problem: "expired",
    });
  });

  it("are refused when signed with another secret or naming no message", async () => {
    const { tokens } = await askedMaya();
    const other = { ...deps, secret: "another deployment" };
    expect(await lookupLink(other, tokens[0] ?? "")).toMatchObject({ problem: "unknown" });
    const gone = fillLinks("/a/__vouch_link_accept__", deps.secret, "no-such-message");
    expect(await lookupLink(deps, gone.slice(3))).toMatchObject({ problem: "unknown" });
  });

  it("still accept a link sent before tokens were signed, once", async () => {
    const { intro } = await askedMaya();
    const [ask] = await db.store.listOutbox({ introId: intro.id });
    const legacy = randomBytes(32).toString("base64url");
    await db.store.kysely
      .insertInto("action_tokens")
      .values({
        hash: hashLinkToken(legacy),
        outbox_id: ask?.id ?? "",
        intro_id: intro.id,
        email: "maya@example.com",
        action: "yes",
        expires_at: clock.now.getTime() + 86_400_000,
        used_at: null,
        created_at: clock.now.toISOString(),
      })
      .execute();
    expect((await lookupLink(deps, legacy)).ok).toBe(true);
    expect((await useLink(deps, legacy, {})).intro.status).toBe("introduced");
    expect(await lookupLink(deps, legacy)).toMatchObject({ ok: false, problem: "used" });
  });
});
