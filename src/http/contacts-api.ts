import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import {
  correctContact,
  importContacts,
  isSharingPaths,
  listMyContacts,
  setPathSharing,
} from "../app/contacts.ts";
import type { AppDeps } from "../app/deps.ts";
import { importFormat } from "../app/import-format.ts";
import { findPaths, PATHS_MAX } from "../app/paths.ts";
import { IMPORT_FORMATS } from "../contacts/types.ts";
import { errors, json, security } from "./openapi-helpers.ts";
import { IMPORT_MAX_BYTES, readUpload } from "./upload.ts";

type Env = { Variables: { email: string } };

export const ImportSummaryOut = z
  .object({
    imported: z.number().int(),
    updated: z.number().int(),
    skipped: z.array(z.object({ line: z.number().int(), reason: z.string() })),
  })
  .openapi("ImportSummary");

export const PathOut = z
  .object({
    introducer: z.object({ name: z.string(), email: z.string() }),
    strength: z.number().min(0).max(1),
    reasons: z.array(z.string()),
    contact: z.object({ name: z.string().nullable(), company: z.string().nullable() }),
  })
  .openapi("Path", {
    description:
      "A member who agreed to be shown as a path and knows the person: only that one contact's name and company are shown.",
  });

export const MyContactOut = z
  .object({
    key: z.string(),
    name: z.string().nullable(),
    email: z.string().nullable(),
    company: z.string().nullable(),
    position: z.string().nullable(),
    url: z.string().nullable(),
    strength: z.number().min(0).max(1),
    reasons: z.array(z.string()),
    corrected: z.boolean(),
    hidden: z.boolean(),
  })
  .openapi("MyContact");

const SharingBody = z
  .object({
    sharing: z.boolean().openapi({
      description:
        "Show me as a path: members looking for someone I know see my name, that one contact's name and company, and why our tie is strong. Default off.",
    }),
  })
  .openapi("PathSharing");

const CorrectBody = z
  .object({
    strength: z
      .number()
      .min(0)
      .max(1)
      .nullable()
      .optional()
      .openapi({ description: "Your own estimate, 0..1; null goes back to the formula." }),
    hidden: z.boolean().optional().openapi({ description: "Hidden: never a path, for anyone." }),
  })
  .openapi("ContactCorrection");

const PathsQuery = z.object({
  target: z.email().optional().openapi({ description: "The person's email address" }),
  name: z.string().max(200).optional().openapi({ description: "The person's name" }),
  company: z.string().max(200).optional().openapi({ description: "Anyone at this company" }),
  limit: z.coerce.number().int().min(1).max(PATHS_MAX).optional(),
});

const ImportQuery = z.object({
  format: z
    .enum(IMPORT_FORMATS)
    .optional()
    .openapi({ description: "Default: found from the file" }),
  fileName: z.string().max(255).optional().openapi({ description: "Helps find the format" }),
});

const binary = z.string().openapi({ type: "string", format: "binary" });

const pathsRoute = createRoute({
  method: "get",
  path: "/paths",
  summary: "Who can introduce you to someone (an email, a name or a company)",
  description:
    "Members who agreed to be shown as a path and know the person, best first, never you. Give exactly one of `target`, `name` or `company`.",
  security,
  request: { query: PathsQuery },
  responses: { 200: json(PathOut.array(), "Best first"), ...errors(400, 401) },
});

const getSharingRoute = createRoute({
  method: "get",
  path: "/me/path-sharing",
  summary: "Whether you are shown as a path to the people you know",
  security,
  responses: { 200: json(SharingBody, "Your consent"), ...errors(401) },
});

const putSharingRoute = createRoute({
  method: "put",
  path: "/me/path-sharing",
  summary: "Agree (or stop agreeing) to be shown as a path",
  security,
  request: { body: { content: { "application/json": { schema: SharingBody } }, required: true } },
  responses: { 200: json(SharingBody, "Your consent after the change"), ...errors(400, 401) },
});

const listContactsRoute = createRoute({
  method: "get",
  path: "/me/contacts",
  summary: "Your own contacts, strongest first, with why",
  description: "Only you ever see this list.",
  security,
  request: { query: z.object({ page: z.coerce.number().int().min(0).max(100_000).optional() }) },
  responses: {
    200: json(
      z
        .object({
          contacts: z.array(MyContactOut),
          total: z.number().int(),
          page: z.number().int(),
          more: z.boolean(),
        })
        .openapi("MyContacts"),
      "A page of 50",
    ),
    ...errors(400, 401),
  },
});

const patchContactRoute = createRoute({
  method: "patch",
  path: "/me/contacts/{key}",
  summary: "Correct one of your contacts: your own strength, or hide it",
  security,
  request: {
    params: z.object({
      key: z.string().min(1).max(300).openapi({ description: "The contact's `key`" }),
    }),
    body: { content: { "application/json": { schema: CorrectBody } }, required: true },
  },
  responses: { 200: json(MyContactOut, "The contact after the change"), ...errors(400, 401, 404) },
});

/**
 * Warm paths in the JSON API. Every route acts as the token's owner alone: your own contacts,
 * your own consent, and paths found for you.
 */
export function contactsApi(api: OpenAPIHono<Env>, deps: AppDeps): void {
  // Documented here, served by the plain handler below: a declared multipart body would be read
  // whole into memory by the validator, and an mbox can be hundreds of megabytes.
  api.openAPIRegistry.registerPath({
    method: "post",
    path: "/me/contacts/import",
    summary: "Import your contacts from an export file",
    description: `A LinkedIn Connections.csv, a Google or Outlook contacts CSV, a vCard file or an mbox (headers only), as the raw body or as the \`file\` of a multipart form (fields before the file). At most ${IMPORT_MAX_BYTES} bytes. Re-importing updates; a new mbox replaces the mail imported before; a file that cannot be read keeps nothing.`,
    security,
    request: {
      query: ImportQuery,
      body: {
        required: true,
        content: {
          "application/octet-stream": { schema: binary },
          "text/csv": { schema: binary },
          "multipart/form-data": {
            schema: z.object({ format: z.enum(IMPORT_FORMATS).optional(), file: binary }),
          },
        },
      },
    },
    responses: { 200: json(ImportSummaryOut, "What was imported"), ...errors(400, 401, 413) },
  });
  api.post("/me/contacts/import", async (c) => {
    const upload = await readUpload(c.req.raw);
    const format = importFormat(c.req.query("format") ?? upload.fields.format);
    const r = await importContacts(deps, {
      owner: c.get("email"),
      format,
      fileName: c.req.query("fileName") ?? upload.fileName,
      input: upload.input,
    });
    return c.json(r, 200);
  });

  api.openapi(pathsRoute, async (c) => {
    const q = c.req.valid("query");
    const found = await findPaths(deps, { requester: c.get("email"), ...q });
    return c.json(found, 200);
  });

  api.openapi(getSharingRoute, async (c) =>
    c.json({ sharing: await isSharingPaths(deps, c.get("email")) }, 200),
  );
  api.openapi(putSharingRoute, async (c) => {
    const { sharing } = c.req.valid("json");
    await setPathSharing(deps, c.get("email"), sharing);
    return c.json({ sharing: await isSharingPaths(deps, c.get("email")) }, 200);
  });

  api.openapi(listContactsRoute, async (c) =>
    c.json(await listMyContacts(deps, c.get("email"), c.req.valid("query").page ?? 0), 200),
  );
  api.openapi(patchContactRoute, async (c) => {
    const fix = c.req.valid("json");
    const r = await correctContact(deps, c.get("email"), c.req.valid("param").key, {
      ...(fix.strength !== undefined ? { strength: fix.strength } : {}),
      ...(fix.hidden !== undefined ? { hidden: fix.hidden } : {}),
    });
    return c.json(r, 200);
  });
}
