// The API reference at /api/docs: Swagger UI (@hono/swagger-ui, MIT; swagger-ui-dist,
// Apache-2.0) rendering /api/openapi.json. Vouch is self-hosted and may have no internet, so the
// renderer's script and stylesheet are served from the installed swagger-ui-dist package under
// /api/docs/assets/, never fetched from elsewhere.
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { swaggerUI } from "@hono/swagger-ui";
import { Hono } from "hono";

/** Where the middleware is told the assets are: it appends `/swagger-ui-dist/<file>`. */
export const API_DOCS_ASSETS = "/api/docs/assets";

/** The files of swagger-ui-dist the page loads, and their types. Nothing else is served. */
const ASSETS: Record<string, string> = {
  "swagger-ui.css": "text/css; charset=utf-8",
  "swagger-ui-bundle.js": "text/javascript; charset=utf-8",
};

const DIST = dirname(createRequire(import.meta.url).resolve("swagger-ui-dist/package.json"));

/** /api/docs and its assets, mounted at the app's root. */
export function apiDocsPages(openApiUrl: string) {
  const app = new Hono();
  app.get(
    "/api/docs",
    swaggerUI({
      url: openApiUrl,
      title: "Vouch API reference",
      baseUrl: API_DOCS_ASSETS,
      // The default validator is an online service: no badge, no request to it.
      validatorUrl: "none",
    }),
  );
  // Read once, on first use (the bundle is large and never changes while the process runs).
  const cache = new Map<string, Promise<Buffer>>();
  app.get(`${API_DOCS_ASSETS}/swagger-ui-dist/:file`, async (c) => {
    const file = c.req.param("file");
    const type = Object.hasOwn(ASSETS, file) ? ASSETS[file] : undefined;
    if (!type) return c.notFound();
    let body = cache.get(file);
    if (!body) {
      body = readFile(join(DIST, file));
      cache.set(file, body);
    }
    return c.body(new Uint8Array(await body), 200, {
      "content-type": type,
      "cache-control": "public, max-age=86400",
      "x-content-type-options": "nosniff",
    });
  });
  return app;
}
