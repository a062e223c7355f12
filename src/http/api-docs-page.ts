import { html, raw } from "hono/html";

type Doc = {
  info: { title: string; version: string; description?: string };
  paths?: Record<string, Record<string, Operation>>;
};
type Operation = {
  summary?: string;
  description?: string;
  requestBody?: { content?: Record<string, { schema?: unknown }> };
  parameters?: Array<{ name: string; in: string; required?: boolean; schema?: unknown }>;
  responses?: Record<string, { description?: string }>;
};

/**
 * A readable reference rendered on the server from /api/openapi.json: no script and nothing
 * fetched from elsewhere, so it works on an offline install.
 */
export function renderApiDocs(doc: Doc, components: Record<string, unknown>) {
  const ops = Object.entries(doc.paths ?? {}).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({ path, method, op })),
  );
  const schemaOf = (op: Operation) => {
    const s = op.requestBody?.content?.["application/json"]?.schema;
    return s ? JSON.stringify(resolve(s, components), null, 2) : null;
  };
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${doc.info.title} — API reference</title>
<style>
body{font:16px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a}
code,pre{font:14px ui-monospace,monospace;background:#f3f3f3;border-radius:4px}
pre{padding:.75rem;overflow:auto}.m{font-weight:700;text-transform:uppercase;margin-right:.5rem}
section{border-top:1px solid #ddd;padding:1rem 0}
</style>
</head>
<body>
<h1>${doc.info.title} API <small>v${doc.info.version}</small></h1>
<p>${doc.info.description ?? ""}</p>
<p>Machine-readable: <a href="/api/openapi.json">/api/openapi.json</a>. Authenticate with
<code>Authorization: Bearer vch_…</code> (create one with <code>vouch token create --email you@example.com</code>).</p>
${ops.map(
  ({ path, method, op }) => html`<section id="${method}-${path}">
<h2><span class="m">${method}</span><code>/api${path}</code></h2>
<p>${op.summary ?? ""}</p>${op.description ? html`<p>${op.description}</p>` : ""}
${op.parameters?.length ? html`<h3>Parameters</h3><ul>${op.parameters.map((p) => html`<li><code>${p.name}</code> (${p.in}${p.required ? ", required" : ""})</li>`)}</ul>` : ""}
${schemaOf(op) ? html`<h3>Body</h3><pre>${schemaOf(op)}</pre>` : ""}
<h3>Responses</h3><ul>${Object.entries(op.responses ?? {}).map(([code, r]) => html`<li><code>${code}</code> ${r.description ?? ""}</li>`)}</ul>
</section>`,
)}
${raw("")}
</body>
</html>`;
}

/** Inlines `$ref`s one level deep so each body reads on its own. */
function resolve(schema: unknown, components: Record<string, unknown>, depth = 0): unknown {
  if (depth > 6 || !schema || typeof schema !== "object") return schema;
  if (Array.isArray(schema)) return schema.map((s) => resolve(s, components, depth + 1));
  const ref = (schema as { $ref?: string }).$ref;
  if (ref) return resolve(components[ref.split("/").pop() ?? ""], components, depth + 1);
  return Object.fromEntries(
    Object.entries(schema).map(([k, v]) => [k, resolve(v, components, depth + 1)]),
  );
}
