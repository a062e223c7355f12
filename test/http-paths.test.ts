// Warm paths in the JSON API: uploads (raw and multipart), finding, sharing and correcting, and
// the privacy matrix: which role sees what on every endpoint.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiHarness, apiHarness } from "./support/api.ts";

const FIXTURES = join(import.meta.dirname, "fixtures", "contacts");
const LINKEDIN = readFileSync(join(FIXTURES, "linkedin-connections.csv"));
const VCARD = readFileSync(join(FIXTURES, "apple-contacts.vcf"));
const MAYA = "maya@northwind.example";

let h: ApiHarness;

/** Uploads a file as `who`: the raw body, or a multipart form with its fields first. */
async function upload(
  who: string | null,
  file: Buffer | string,
  opts: { query?: string; multipart?: { name: string; fields?: Record<string, string> } } = {},
) {
  const headers: Record<string, string> = {};
  if (who) headers.authorization = `Bearer ${h.tok[who] ?? who}`;
  let body: FormData | Buffer | string;
  if (opts.multipart) {
    const form = new FormData();
    for (const [k, v] of Object.entries(opts.multipart.fields ?? {})) form.append(k, v);
    form.append("file", new Blob([file]), opts.multipart.name);
    body = form;
  } else {
    headers["content-type"] = "application/octet-stream";
    body = file;
  }
  const res = await h.app.request(`/api/me/contacts/import${opts.query ?? ""}`, {
    method: "POST",
    headers,
    body,
  });
  // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON
  return { status: res.status, json: (await res.json()) as any };
}

beforeAll(async () => {
  h = await apiHarness({
    alice: "alice@example.com",
    jane: "jane@example.com",
    bob: "bob@example.com",
    carol: "carol@example.com",
  });
  // Jane shares and knows Maya (LinkedIn and her card). Bob knows Maya but does not share.
  // Carol shares but hid Maya. Alice has no contacts at all.
  expect((await upload("jane", LINKEDIN)).status).toBe(200);
  expect((await upload("jane", VCARD, { multipart: { name: "contacts.vcf" } })).json).toMatchObject(
    {
      imported: 1,
      updated: 2,
    },
  );
  expect((await upload("bob", VCARD, { query: "?format=vcard" })).status).toBe(200);
  expect((await upload("carol", VCARD, { query: "?format=vcard" })).status).toBe(200);
  expect(
    (
      await h.call("carol", "PATCH", `/api/me/contacts/${encodeURIComponent(MAYA)}`, {
        hidden: true,
      })
    ).status,
  ).toBe(200);
  for (const who of ["jane", "carol"])
    expect((await h.call(who, "PUT", "/api/me/path-sharing", { sharing: true })).json).toEqual({
      sharing: true,
    });
}, 60_000);
afterAll(() => h.db.drop());

describe("importing through the API", () => {
  it("reads a multipart form's format field and the raw body's ?format, and updates on re-import", async () => {
    const r = await upload("alice", LINKEDIN, {
      multipart: { name: "Connections.csv", fields: { format: "linkedin" } },
    });
    expect(r).toMatchObject({ status: 200, json: { imported: 6, updated: 0 } });
    expect(r.json.skipped.map((s: { line: number }) => s.line)).toEqual([8, 10, 11]);
    const again = await upload("alice", LINKEDIN, { query: "?format=linkedin" });
    expect(again.json).toMatchObject({ imported: 0, updated: 6 });
  });

  it("keeps nothing of a file it cannot read, and says why", async () => {
    const binary = Buffer.from([0x50, 0x4b, 3, 4, 0, 0, 0, 0, 1, 2, 3]);
    const r = await upload("carol", binary, { query: "?format=google" });
    expect(r.status).toBe(400);
    expect(r.json.error.code).toBe("INVALID_INPUT");
    const unknown = await upload("carol", "just some words\n");
    expect(unknown.status).toBe(400);
    expect(unknown.json.error.field).toBe("format");
    const bad = await upload("carol", LINKEDIN, { query: "?format=excel" });
    expect(bad.status).toBe(400);
    const carol = await h.call("carol", "GET", "/api/me/contacts");
    expect(carol.json.total).toBe(3);
  });

  it("keeps nothing of a multipart upload that breaks off", async () => {
    const boundary = "----vouchtest";
    const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="c.csv"\r\nContent-Type: text/csv\r\n\r\n`;
    const res = await h.app.request("/api/me/contacts/import?format=linkedin", {
      method: "POST",
      headers: {
        authorization: `Bearer ${h.tok.bob}`,
        "content-type": `multipart/form-data; boundary=${boundary}`,
      },
      // The LinkedIn file without the closing boundary: the connection dropped.
      body: Buffer.concat([Buffer.from(head), LINKEDIN]),
    });
    expect(res.status).toBe(400);
    const bob = await h.call("bob", "GET", "/api/me/contacts");
    expect(bob.json.total).toBe(3);
  });

  it("refuses a body declared over the limit before reading it", async () => {
    const res = await h.app.request("/api/me/contacts/import?format=mbox", {
      method: "POST",
      headers: {
        authorization: `Bearer ${h.tok.bob}`,
        "content-type": "application/octet-stream",
        "content-length": String(600 * 1024 * 1024),
      },
      body: "From x",
    });
    expect(res.status).toBe(413);
  });

  it("documents every warm-path route in the OpenAPI document", async () => {
    // biome-ignore lint/suspicious/noExplicitAny: the OpenAPI document
    const doc = (await (await h.app.request("/api/openapi.json")).json()) as any;
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        "/me/contacts/import",
        "/paths",
        "/me/path-sharing",
        "/me/contacts",
        "/me/contacts/{key}",
      ]),
    );
    expect(Object.keys(doc.paths["/me/contacts/import"].post.requestBody.content)).toContain(
      "multipart/form-data",
    );
  });
});

describe("the privacy matrix: role × endpoint", () => {
  const find = (who: string | null, q: string) => h.call(who, "GET", `/api/paths?${q}`);
  const emailsIn = (json: unknown) =>
    [...JSON.stringify(json).matchAll(/[\w.+-]+@[\w-]+\.[\w.]+/g)].map((m) => m[0]);

  it("answers 401 to every endpoint without a valid token", async () => {
    for (const who of [null, "vch_not-a-token"]) {
      expect((await find(who, `target=${MAYA}`)).status).toBe(401);
      expect((await h.call(who, "GET", "/api/me/contacts")).status).toBe(401);
      expect(
        (await h.call(who, "PATCH", `/api/me/contacts/${MAYA}`, { hidden: true })).status,
      ).toBe(401);
      expect((await h.call(who, "GET", "/api/me/path-sharing")).status).toBe(401);
      expect((await h.call(who, "PUT", "/api/me/path-sharing", { sharing: true })).status).toBe(
        401,
      );
      expect((await upload(who, LINKEDIN)).status).toBe(401);
    }
  });

  it("shows a path only through members who agreed, never hidden, never the requester", async () => {
    // Who asks → who they may be shown, for the same search by email, name and company.
    const expected: Record<string, string[]> = {
      alice: ["jane@example.com"],
      bob: ["jane@example.com"],
      carol: ["jane@example.com"],
      jane: [],
    };
    for (const [who, introducers] of Object.entries(expected))
      for (const q of [`target=${MAYA}`, "name=Maya%20Okafor", "company=Northwind%20Robotics"]) {
        const r = await find(who, q);
        expect(r.status, `${who} ${q}`).toBe(200);
        expect(
          r.json.map((p: { introducer: { email: string } }) => p.introducer.email),
          `${who} ${q}`,
        ).toEqual(introducers);
        // The one contact's name and company, the introducer's address, and nothing else: not
        // Maya's address, not Jane's other contacts, not how many others know her.
        expect(
          emailsIn(r.json).every((e) => e === "jane@example.com"),
          `${who} ${q}`,
        ).toBe(true);
        for (const p of r.json) {
          expect(Object.keys(p).sort()).toEqual(["contact", "introducer", "reasons", "strength"]);
          expect(p.contact).toEqual({ name: "Maya Okafor", company: "Northwind Robotics" });
        }
      }
  });

  it("never lists one member's contacts to another", async () => {
    for (const who of ["alice", "bob", "carol", "jane"]) {
      const mine = await h.call(who, "GET", "/api/me/contacts");
      expect(mine.status).toBe(200);
      const own = (await h.call(who, "GET", "/api/me/contacts")).json.contacts.map(
        (c: { key: string }) => c.key,
      );
      expect(own).toEqual(mine.json.contacts.map((c: { key: string }) => c.key));
    }
    // Bob's list is his three cards; nothing of Jane's LinkedIn rows.
    const bob = await h.call("bob", "GET", "/api/me/contacts");
    expect(bob.json.contacts.map((c: { name: string }) => c.name)).not.toContain("Zoë Ðặng");
    // Nobody can correct, hide or unhide a contact of someone else's: it is not theirs.
    const r = await h.call("alice", "PATCH", `/api/me/contacts/${encodeURIComponent(MAYA)}`, {
      hidden: false,
    });
    expect(r.status).toBe(404);
    const carol = await h.call("carol", "GET", "/api/me/contacts");
    expect(carol.json.contacts.find((c: { key: string }) => c.key === MAYA)?.hidden).toBe(true);
  });

  it("changes only the caller's own consent", async () => {
    expect((await h.call("bob", "GET", "/api/me/path-sharing")).json).toEqual({ sharing: false });
    expect((await h.call("jane", "GET", "/api/me/path-sharing")).json).toEqual({ sharing: true });
    await h.call("jane", "PUT", "/api/me/path-sharing", { sharing: false });
    expect((await find("alice", `target=${MAYA}`)).json).toEqual([]);
    expect((await h.call("carol", "GET", "/api/me/path-sharing")).json).toEqual({ sharing: true });
    await h.call("jane", "PUT", "/api/me/path-sharing", { sharing: true });
  });

  it("corrects the caller's own contact and refuses bad input with the field named", async () => {
    const key = encodeURIComponent(MAYA);
    const fixed = await h.call("jane", "PATCH", `/api/me/contacts/${key}`, { strength: 0.9 });
    expect(fixed.json).toMatchObject({ key: MAYA, strength: 0.9, corrected: true, hidden: false });
    const [path] = (await find("alice", `target=${MAYA}`)).json;
    expect(path.reasons[0]).toBe("jane knows Maya Okafor: jane rated this tie themselves");
    const bad = await h.call("jane", "PATCH", `/api/me/contacts/${key}`, { strength: 2 });
    expect(bad.status).toBe(400);
    expect(bad.json.error.field).toBe("strength");
    const two = await find("alice", "name=Maya&company=Acme");
    expect(two.status).toBe(400);
    expect((await find("alice", "")).status).toBe(400);
  });
});
