// Random requests to every route of the HTTP app (enumerated from the app itself), over
// app.request(): random bodies, sizes, headers and unicode. None may be a 500, no HTML answer
// may carry a script from the input unescaped, and every refusal is a coded error (coded JSON,
// or a page for a browser on the web app).
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppDeps } from "../src/app/deps.ts";
import { ERROR_CODES } from "../src/domain/errors.ts";
import { httpApp } from "../src/http/app.ts";
import { BuiltInMailbox } from "../src/mail/outbound/mailbox.ts";
import { testDeps, tokensFor } from "./support/app.ts";
import { openTestDb, type TestDb } from "./support/databases.ts";
import { SEED_REQUEST } from "./support/seed.ts";
import { signIn, type WebClient } from "./web/support.ts";

const MARK = "<script>vfz(1)</script>";
const SECRET = "fuzz-secret-0123456789";
let db: TestDb;
let deps: AppDeps;
let app: ReturnType<typeof httpApp>;
let tok: Record<string, string>;
let alice: WebClient;
let introId: string;
const failures: unknown[] = [];
let routes: { method: string; path: string }[];

beforeAll(async () => {
  db = await openTestDb("sqlite");
  deps = testDeps(db.store);
  app = httpApp(deps, {
    log: (e) => failures.push(e),
    devMailbox: new BuiltInMailbox(db.dataDir),
    inbound: { secret: SECRET, mailgunSigningKey: "key-fuzz-0123456789", maxBytes: 256 * 1024 },
  });
  tok = await tokensFor(deps, { alice: "alice@example.com", jane: "jane@example.com" });
  const created = await app.request("/api/intros", {
    method: "POST",
    headers: { authorization: `Bearer ${tok.alice}`, "content-type": "application/json" },
    body: JSON.stringify({
      requester: { name: "Alice" },
      introducer: { name: "Jane", email: "jane@example.com" },
      target: { name: "Maya", email: "maya@example.com" },
      request: SEED_REQUEST,
    }),
  });
  introId = ((await created.json()) as { id: string }).id;
  alice = await signIn(app, deps, "alice@example.com", "127.0.0.1");
  const seen = new Set<string>();
  routes = app.routes
    .filter((r) => r.method !== "ALL")
    .filter((r) => !seen.has(`${r.method} ${r.path}`) && seen.add(`${r.method} ${r.path}`))
    .map((r) => ({ method: r.method, path: r.path }));
}, 60_000);
afterAll(() => db.drop());

// Text people could send: any unicode, invisible and bidi characters, markup, our marker.
const hostile = fc.oneof(
  fc.string({ unit: "grapheme", maxLength: 40 }),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.constantFrom(
    MARK,
    `Maya${MARK}`,
    "\u202Egnp.exe",
    "A\u200Bl\uFEFFice",
    "x\r\nBcc: eve@evil.test",
    "\u0000\u0007\u001B[31m",
    "",
    " ",
    "a".repeat(130),
    "Robert'); DROP TABLE intros;--",
    "jane@example.com",
    "in_nope",
  ),
  fc.string({ maxLength: 3 }).map((s) => s.repeat(700)),
);
const param = fc.oneof(
  fc.constant(() => introId),
  hostile.map((s) => () => s),
);
const FIELDS = [
  "_csrf",
  "do",
  "event",
  "note",
  "reason",
  "request",
  "email",
  "yourName",
  "introducerName",
  "introducerEmail",
  "targetName",
  "targetEmail",
  "ask",
  "whyThem",
  "nextStep",
  "topics",
  "timeZone",
  "rating",
  "question",
  "until",
  "start",
  "monthlyMax",
];
const jsonBody = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.record({
    requester: fc.record({ name: hostile }),
    introducer: fc.record({ name: hostile, email: hostile }),
    target: fc.record({ name: hostile }),
    subject: hostile,
    request: fc.oneof(hostile, fc.constant(SEED_REQUEST)),
    draft: fc.boolean(),
  }),
  fc.record({
    type: fc.constantFrom("decline", "revise", "withdraw", "ask_question", "propose_times", "x"),
    note: hostile,
    reason: hostile,
    request: hostile,
    subject: hostile,
    question: hostile,
    times: fc.array(hostile, { maxLength: 3 }),
  }),
);
const body = fc.oneof(
  fc.constant({ kind: "none" as const }),
  jsonBody.map((v) => ({ kind: "json" as const, v })),
  fc.dictionary(fc.constantFrom(...FIELDS), hostile, { maxKeys: 8 }).map((v) => ({
    kind: "form" as const,
    v,
  })),
  hostile.map((v) => ({ kind: "raw" as const, v })),
  fc.integer({ min: 1024 * 1024, max: 1024 * 1024 + 4096 }).map((n) => ({
    kind: "big" as const,
    n,
  })),
);
const ascii = fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map(String.fromCharCode) });

const request = fc.record({
  route: fc.nat(),
  params: fc.array(param, { minLength: 2, maxLength: 2 }),
  query: fc.dictionary(fc.constantFrom("to", "from", "role", "status", "limit", "page"), hostile, {
    maxKeys: 2,
  }),
  auth: fc.constantFrom("none", "alice", "alice", "jane", "jane", "junk", "huge", "secret"),
  session: fc.oneof({ weight: 3, arbitrary: fc.constant(true) }, fc.constant(false)),
  accept: fc.constantFrom(undefined, "text/html", "application/json", "*/*"),
  // Mostly the type the body is, so that requests get past parsing; sometimes anything.
  contentType: fc.oneof(
    { weight: 3, arbitrary: fc.constant("match") },
    fc.constantFrom(
      undefined,
      "application/json",
      "application/x-www-form-urlencoded",
      "multipart/form-data; boundary=x",
      "message/rfc822",
      "text/plain",
    ),
  ),
  extraHeader: fc.tuple(
    fc.constantFrom("x-csrf-token", "cookie", "x-envelope-to", "referer"),
    ascii,
  ),
  body,
});

type Req = typeof request extends fc.Arbitrary<infer T> ? T : never;

function build(r: Req) {
  const route = routes[r.route % routes.length] as { method: string; path: string };
  let n = 0;
  let path = route.path.replace(/:[a-z]+/g, () => {
    const p = r.params[n++ % r.params.length] as () => string;
    return encodeURIComponent(p());
  });
  const q = new URLSearchParams(r.query).toString();
  if (q) path += `?${q}`;
  const headers: Record<string, string> = {};
  if (r.accept) headers.accept = r.accept;
  const matching = {
    json: "application/json",
    form: "application/x-www-form-urlencoded",
  } as Record<string, string>;
  const type = r.contentType === "match" ? matching[r.body.kind] : r.contentType;
  if (type) headers["content-type"] = type;
  const [hk, hv] = r.extraHeader;
  headers[hk] = hv;
  if (r.auth === "alice" || r.auth === "jane") headers.authorization = `Bearer ${tok[r.auth]}`;
  if (r.auth === "junk") headers.authorization = `Bearer vch_${hv}`;
  if (r.auth === "huge") headers.authorization = `Bearer vch_${"x".repeat(300_000)}`;
  if (r.auth === "secret") headers.authorization = `Bearer ${SECRET}`;
  // (Signing out would end the session the other requests use.)
  if (r.session && route.path !== "/sign-out")
    headers.cookie = [...alice.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  let payload: string | undefined;
  const b = r.body;
  if (route.method !== "GET") {
    if (b.kind === "json") payload = JSON.stringify(b.v);
    if (b.kind === "form")
      payload = new URLSearchParams({
        ...b.v,
        ...(r.session ? { _csrf: alice.csrf } : {}),
      }).toString();
    if (b.kind === "raw") payload = b.v;
    if (b.kind === "big") payload = "x".repeat(b.n);
  }
  return { method: route.method, path, headers, payload };
}

describe("every route, fuzzed", () => {
  it("never fails, never echoes a script, and refuses with a coded error", async () => {
    await fc.assert(
      fc.asyncProperty(request, async (r) => {
        const q = build(r);
        failures.length = 0;
        const res = await app.request(
          q.path,
          { method: q.method, headers: q.headers, body: q.payload },
          { incoming: { socket: { remoteAddress: "127.0.0.1" } } },
        );
        const text = await res.text();
        const where = `${q.method} ${q.path.slice(0, 120)} → ${res.status}`;
        expect(res.status, where).toBeLessThan(500);
        expect(failures.map(String), where).toEqual([]);
        const type = res.headers.get("content-type") ?? "";
        if (type.startsWith("text/html")) expect(text, where).not.toContain("<script>vfz(");
        if (res.status >= 400) {
          if (type.startsWith("application/json")) {
            const code = (JSON.parse(text) as { error?: { code?: string } }).error?.code;
            expect(ERROR_CODES as readonly string[], where).toContain(code);
          } else {
            expect(type, `${where}: a refusal is coded JSON or a page`).toMatch(/^text\/html/);
          }
        }
      }),
      {
        numRuns: Number(process.env.FUZZ_RUNS) || 600,
        seed: Number(process.env.FUZZ_SEED) || undefined,
      },
    );
  }, 120_000);
});
