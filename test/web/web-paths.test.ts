// The warm-path pages without a browser: import (multipart, no JavaScript), My contacts
// (correct, hide, consent), Find a path with its link to the composer, the navigation, escaping
// of every imported field, and the upload's own CSRF check.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDeps } from "../support/app.ts";
import { openTestDb, type TestDb } from "../support/databases.ts";
import { type App, signIn, type WebClient, webTestApp } from "./support.ts";
import { XSS } from "./web-fixtures.ts";

let db: TestDb;
let app: App;
let jane: WebClient;
let alice: WebClient;

const LINKEDIN = `Notes:
"When exporting your connection data, you may notice that some of the email addresses are missing."

First Name,Last Name,URL,Email Address,Company,Position,Connected On
Maya,Okafor,https://www.linkedin.com/in/maya-okafor,,Northwind Robotics,VP Engineering,12 Mar 2024
"Eve ${XSS.replaceAll('"', '""')}",Mallory,https://www.linkedin.com/in/eve,eve@evil.example,"Evil ${XSS.replaceAll('"', '""')}",CEO,01 Jan 2020
`;

/** Posts the import form as a browser without JavaScript would: multipart, token first. */
async function importAs(who: WebClient, file: string, name: string, token = who.csrf) {
  const form = new FormData();
  form.append("_csrf", token);
  form.append("format", "");
  form.append("file", new Blob([file]), name);
  const res = await app.request("/contacts/import", {
    method: "POST",
    headers: {
      cookie: [...who.cookies].map(([k, v]) => `${k}=${v}`).join("; "),
      accept: "text/html",
    },
    body: form,
  });
  return { status: res.status, text: await res.text() };
}

beforeAll(async () => {
  db = await openTestDb("sqlite");
  const deps = testDeps(db.store);
  app = webTestApp(deps);
  jane = await signIn(app, deps, "jane@example.com", "10.0.0.2");
  alice = await signIn(app, deps, "alice@example.com", "10.0.0.1");
}, 60_000);
afterAll(() => db.drop());

describe("warm-path pages", () => {
  it("shows Find a path and My contacts in the navigation of a signed-in member", async () => {
    const home = await alice.get("/");
    expect(home.text).toContain('<a href="/paths">Find a path</a>');
    expect(home.text).toContain('<a href="/contacts">My contacts</a>');
    const anon = await app.request("/paths", { headers: { accept: "text/html" } });
    expect(anon.status).toBe(303);
  });

  it("imports a file posted without JavaScript, and shows every field escaped", async () => {
    await jane.get("/contacts/import");
    const r = await importAs(jane, LINKEDIN, "Connections.csv");
    expect(r.status).toBe(200);
    expect(r.text).toContain("Imported 2 new, updated 0");
    const mine = await jane.get("/contacts");
    expect(mine.text).toContain("Maya Okafor");
    expect(mine.text).not.toContain("<script>alert");
    expect(mine.text).not.toContain("<img src=x");
    expect(mine.text).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
  });

  it("refuses an upload without this browser's token, before reading the file", async () => {
    await alice.get("/contacts/import");
    const r = await importAs(alice, LINKEDIN, "Connections.csv", "forged");
    expect(r.status).toBe(403);
    expect((await alice.get("/contacts")).text).toContain("0 contacts");
  });

  it("says what is wrong with a file it cannot read, and keeps nothing", async () => {
    await alice.get("/contacts/import");
    const r = await importAs(alice, "just some words\n", "notes.txt");
    expect(r.status).toBe(400);
    expect(r.text).toContain("Nothing was imported");
    expect((await alice.get("/contacts")).text).toContain("0 contacts");
  });

  it("finds nobody until Jane agrees; then a path with reasons and a link to the composer", async () => {
    const none = await alice.get("/paths?by=company&q=Northwind+Robotics");
    expect(none.text).toContain("No path found");
    await jane.get("/contacts");
    const shared = await jane.post("/contacts/sharing", { sharing: "on" });
    expect(shared.location).toBe("/contacts?done=shared");
    expect((await jane.get("/contacts")).text).toContain("Stop showing me as a path");
    const found = await alice.get("/paths?by=company&q=Northwind+Robotics");
    expect(found.text).toContain("One path, best first");
    expect(found.text).toContain("knows <strong>Maya Okafor</strong> at Northwind Robotics");
    expect(found.text).toContain("LinkedIn connection since Mar 2024");
    const href = /href="(\/requests\/new\?[^"]+)"/.exec(found.text)?.[1]?.replaceAll("&amp;", "&");
    expect(href).toBeDefined();
    const q = new URL(href as string, "http://x").searchParams;
    expect(Object.fromEntries(q)).toEqual({
      introducerName: "jane",
      introducerEmail: "jane@example.com",
      targetName: "Maya Okafor",
      targetCompanies: "Northwind Robotics",
    });
    const composer = await alice.get(href as string);
    expect(composer.text).toMatch(/name="introducerEmail"[^>]*value="jane@example.com"/);
    expect(composer.text).toMatch(/name="targetName"[^>]*value="Maya Okafor"/);
    // The hostile contact is found by company, escaped, and never shown as markup.
    const evil = await alice.get(`/paths?by=name&q=${encodeURIComponent(`Eve ${XSS} Mallory`)}`);
    expect(evil.text).not.toContain("<script>alert");
    expect(evil.text).not.toContain("<img src=x");
  });

  it("corrects a strength, hides a contact (never a path then), and shows it again", async () => {
    const list = await jane.get("/contacts");
    const key = "li:maya-okafor";
    expect(list.text).toContain(`name="key" value="${key}"`);
    expect(
      (await jane.post("/contacts/correct", { key, do: "strength", strength: "90" })).location,
    ).toBe("/contacts?done=saved");
    expect((await jane.get("/contacts")).text).toContain("strong tie (90%)");
    await jane.post("/contacts/correct", { key, do: "hide" });
    expect((await alice.get("/paths?by=name&q=Maya+Okafor")).text).toContain("No path found");
    await jane.post("/contacts/correct", { key, do: "show" });
    expect((await alice.get("/paths?by=name&q=Maya+Okafor")).text).toContain("One path");
    const bad = await jane.post("/contacts/correct", { key, do: "strength", strength: "150" });
    expect(bad.status).toBe(400);
    // Alice cannot correct Jane's contact: she has no such contact.
    await alice.get("/contacts");
    expect((await alice.post("/contacts/correct", { key, do: "hide" })).status).toBe(404);
  });

  it("asks for exactly one way to search, with the field marked", async () => {
    const r = await alice.get("/paths?by=name&q=%20%2C%20");
    expect(r.status).toBe(400);
    expect(r.text).toContain('aria-invalid="true"');
  });
});
