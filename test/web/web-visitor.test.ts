// The visitor's page (issue 15): a signed-out visitor at / and /sign-in reads Vouch as Alice,
// Jane and Maya's story in five steps beside the sign-in form; every page's header shows the
// logo, and its head links the same drawing served as /favicon.svg.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppDeps } from "../../src/app/deps.ts";
import { testDeps } from "../support/app.ts";
import { openTestDb, type TestDb } from "../support/databases.ts";
import { type App, signIn, WebClient, webTestApp } from "./support.ts";

let db: TestDb;
let deps: AppDeps;
let app: App;
const clock = { now: new Date("2026-12-01T15:00:00Z") };

beforeAll(async () => {
  db = await openTestDb("sqlite");
  deps = testDeps(db.store, clock);
  app = webTestApp(deps);
});
afterAll(() => db.drop());

const ICON = '<link rel="icon" href="/favicon.svg" type="image/svg+xml">';

/** The text of the page's numbered steps, tags stripped. */
function steps(text: string): string[] {
  const ol = /<ol class="steps"[^>]*>([\s\S]*?)<\/ol>/.exec(text)?.[1] ?? "";
  return [...ol.matchAll(/<li>([\s\S]*?)<\/li>/g)].map((m) =>
    (m[1] ?? "").replace(/<[^>]+>/g, "").trim(),
  );
}

describe("the visitor's page", () => {
  for (const path of ["/", "/sign-in"])
    it(`${path} tells the five steps beside the sign-in form`, async () => {
      const r = await new WebClient(app).get(path);
      expect(r.status).toBe(200);
      const s = steps(r.text);
      expect(s).toHaveLength(5);
      expect(s[0]).toMatch(/^Alice asks Jane\..*forward/);
      expect(s[1]).toMatch(/^Jane asks Maya\./);
      expect(s[2]).toMatch(/^Maya says yes\./);
      expect(s[3]).toMatch(/^Jane introduces them.*CC/);
      expect(s[4]).toMatch(/^Alice moves Jane to BCC.*meets Maya.*tells Jane how it went/);
      // The form, as it was: same action, field and button; the story comes first.
      expect(r.text).toContain('<form method="post" action="/sign-in">');
      expect(r.text).toMatch(/<input type="email" id="email" name="email"[^>]*required/);
      expect(r.text).toContain('<button type="submit">Email me a sign-in link</button>');
      expect(r.text.indexOf('class="steps"')).toBeLessThan(r.text.indexOf("<form"));
      expect(r.text).toMatch(/<div class="visitor">/);
    });

  it("a refused address shows the error beside the story, and the address kept", async () => {
    const c = new WebClient(app);
    await c.get("/sign-in");
    const r = await c.post("/sign-in", { email: "not-an-address" });
    expect(r.status).toBe(400);
    expect(r.text).toMatch(/That doesn(&#39;|')t look like an email address\./);
    expect(r.text).toContain('value="not-an-address"');
    expect(steps(r.text)).toHaveLength(5);
  });

  it("a signed-in person's / is their home, not the visitor's story", async () => {
    const jane = await signIn(app, deps, "jane@example.com", "10.0.9.1");
    const r = await jane.get("/");
    expect(r.status).toBe(200);
    expect(steps(r.text)).toEqual([]);
    expect(r.text).toContain('action="/sign-out"');
  });
});

describe("the logo", () => {
  it("/favicon.svg answers the SVG mark as image/svg+xml", async () => {
    const res = await app.request("/favicon.svg");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("image/svg+xml");
    const svg = await res.text();
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"[^>]*viewBox="0 0 64 64"/);
    expect(svg.trimEnd()).toMatch(/<\/svg>$/);
    expect(svg).not.toMatch(/<script|on\w+=/i);
  });

  it("every page links the favicon in its head and shows the logo in its header", async () => {
    const visitor = new WebClient(app);
    const maya = await signIn(app, deps, "maya@example.com", "10.0.9.2");
    const favicon = await (await app.request("/favicon.svg")).text();
    // The drawing in the header is the favicon's, only sized down and hidden from readers.
    const drawing = (svg: string) =>
      svg
        .replace(/<svg[^>]*>/, "")
        .replace("</svg>", "")
        .trim();
    const pages: [WebClient, string, number][] = [
      [visitor, "/", 200],
      [visitor, "/sign-in", 200],
      [visitor, "/sign-in/not-a-token", 200],
      [visitor, "/a/not-a-token", 404],
      [visitor, "/no-such-page", 404],
      [maya, "/", 200],
      [maya, "/requests/new", 200],
      [maya, "/preferences", 200],
      [maya, "/offers", 200],
    ];
    for (const [client, path, status] of pages) {
      const r = await client.request("GET", path, undefined, { accept: "text/html" });
      expect(r.status, path).toBe(status);
      const head = r.text.slice(0, r.text.indexOf("</head>"));
      expect(head, path).toContain(ICON);
      const header = /<header class="brand[^"]*">([\s\S]*?)<\/header>/.exec(r.text)?.[1] ?? "";
      expect(header, path).toMatch(/^<div class="logo"><svg aria-hidden="true"/);
      expect(header, path).toContain("<span>Vouch</span></div>");
      expect(drawing(header.replace(/<span>[\s\S]*$/, "").replace(/^<div[^>]*>/, "")), path).toBe(
        drawing(favicon),
      );
    }
  });
});
