// Every HTTP body is bounded: 1 MB for forms and JSON, the SMTP size limit for /inbound/*. Over
// the limit is 413 TOO_LARGE, decided from content-length before the body is read, and cut off
// while it is read when no length is declared.
import { request as httpRequest } from "node:http";
import { type ServerType, serve } from "@hono/node-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppDeps } from "../src/app/deps.ts";
import { httpApp } from "../src/http/app.ts";
import { FORM_MAX_BYTES } from "../src/http/body-limits.ts";
import { testDeps, tokensFor } from "./support/app.ts";
import { openTestDb, type TestDb } from "./support/databases.ts";

const MAIL_MAX = 64 * 1024;
const SECRET = "s3cret-s3cret-s3cret";
let db: TestDb;
let deps: AppDeps;
let app: ReturnType<typeof httpApp>;
let tok: Record<string, string>;

beforeAll(async () => {
  db = await openTestDb("sqlite");
  deps = testDeps(db.store);
  app = httpApp(deps, { log: () => {}, inbound: { secret: SECRET, maxBytes: MAIL_MAX } });
  tok = await tokensFor(deps, { alice: "alice@example.com" });
});
afterAll(() => db.drop());

/** A body that counts how many bytes were pulled from it: the server's reads. */
function countingBody(total: number) {
  const counter = { pulled: 0 };
  let left = total;
  const stream = new ReadableStream<Uint8Array>({
    pull(c) {
      if (left <= 0) return c.close();
      const n = Math.min(64 * 1024, left);
      left -= n;
      counter.pulled += n;
      c.enqueue(new Uint8Array(n).fill(0x61));
    },
  });
  return { stream, counter };
}

async function post(path: string, size: number, headers: Record<string, string>) {
  const { stream, counter } = countingBody(size);
  const res = await app.request(path, {
    method: "POST",
    body: stream,
    headers,
    duplex: "half",
  } as RequestInit);
  return { res, counter };
}

describe("HTTP body limits", () => {
  it("refuses a JSON body declared over 1 MB with 413 TOO_LARGE, reading none of it", async () => {
    const size = FORM_MAX_BYTES + 1;
    const { res, counter } = await post("/api/intros", size, {
      authorization: `Bearer ${tok.alice}`,
      "content-type": "application/json",
      "content-length": String(size),
    });
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: unknown }).error).toMatchObject({
      code: "TOO_LARGE",
      limit: FORM_MAX_BYTES,
    });
    // Whatever a stream buffers ahead, the server never read the body through.
    expect(counter.pulled).toBeLessThan(size);
  });

  it("cuts off a streamed body without a length once it passes the limit", async () => {
    const size = FORM_MAX_BYTES * 8;
    const { res, counter } = await post("/sign-in", size, {
      "content-type": "application/x-www-form-urlencoded",
    });
    expect(res.status).toBe(413);
    expect(counter.pulled).toBeLessThan(size);
  });

  it("lets a body under the limit through to the route", async () => {
    const body = JSON.stringify({ request: `${"word ".repeat(100)}` });
    const res = await app.request("/api/requests/check", {
      method: "POST",
      body,
      headers: {
        authorization: `Bearer ${tok.alice}`,
        "content-type": "application/json",
        "content-length": String(Buffer.byteLength(body)),
      },
    });
    expect(res.status).toBe(200);
  });

  it("holds /inbound/raw to the SMTP size limit, before authentication", async () => {
    const size = MAIL_MAX + 1;
    const { res, counter } = await post("/inbound/raw", size, {
      "content-type": "message/rfc822",
      "content-length": String(size),
    });
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: unknown }).error).toMatchObject({
      code: "TOO_LARGE",
      limit: MAIL_MAX,
    });
    expect(counter.pulled).toBeLessThan(size);
  });

  it("lets a webhook post larger than 1 MB through when the SMTP limit allows it", async () => {
    const big = httpApp(deps, {
      log: () => {},
      inbound: { secret: SECRET, maxBytes: 4 * FORM_MAX_BYTES },
    });
    const raw = `From: a@example.com\r\nTo: intros@vouch.localhost\r\n\r\n${"x".repeat(2 * FORM_MAX_BYTES)}\r\n`;
    const res = await big.request("/inbound/raw?to=intros@vouch.localhost&from=a@example.com", {
      method: "POST",
      body: raw,
      headers: {
        authorization: `Bearer ${SECRET}`,
        "content-type": "message/rfc822",
        "content-length": String(Buffer.byteLength(raw)),
      },
    });
    expect(res.status).toBe(200);
  });

  describe("over a real socket", () => {
    let server: ServerType;
    let port: number;
    beforeAll(async () => {
      server = serve({ fetch: app.fetch, hostname: "127.0.0.1", port: 0 });
      await new Promise<void>((r) => server.once("listening", () => r()));
      port = (server.address() as { port: number }).port;
    });
    afterAll(() => new Promise<void>((r) => server.close(() => r())));

    it("answers 413 on the declared length while the client has sent almost nothing", async () => {
      const { status, body, connection } = await new Promise<{
        status: number;
        body: string;
        connection: string | undefined;
      }>((resolve, reject) => {
        const req = httpRequest({
          host: "127.0.0.1",
          port,
          method: "POST",
          path: "/api/intros",
          headers: {
            authorization: `Bearer ${tok.alice}`,
            "content-type": "application/json",
            "content-length": String(50 * FORM_MAX_BYTES),
          },
        });
        req.on("response", (res) => {
          let text = "";
          res.on("data", (d) => {
            text += d;
          });
          res.on("end", () => {
            resolve({
              status: res.statusCode ?? 0,
              body: text,
              connection: res.headers.connection,
            });
            req.destroy();
          });
        });
        req.on("error", reject);
        // One small chunk of a declared 50 MB, and never the rest: only the header decides.
        req.write("{");
      });
      expect(status).toBe(413);
      expect(JSON.parse(body).error.code).toBe("TOO_LARGE");
      // Closed rather than kept alive, so the server never reads the rest to reuse it.
      expect(connection).toBe("close");
    });
  });
});
