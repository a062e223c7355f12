import { createRoute, OpenAPIHono, type z } from "@hono/zod-openapi";
import type { Context, MiddlewareHandler, TypedResponse } from "hono";
import type { JSONParsed } from "hono/utils/types";
import { authenticateToken } from "../app/api-tokens.ts";
import { applyEvent } from "../app/apply-event.ts";
import { createIntro } from "../app/create-intro.ts";
import type { AppDeps } from "../app/deps.ts";
import { listIntros, readIntro, readIntroJson, viewerRole } from "../app/read-intros.ts";
import { checkRequest } from "../domain/coach/index.ts";
import { VouchError } from "../domain/errors.ts";
import { profileOf, profilePatch } from "../domain/profile.ts";
import type { IntroEvent, Role } from "../domain/types.ts";
import type { IntroView } from "../domain/view.ts";
import { normalizeTopics } from "../web/target-topics.ts";
import { contactsApi } from "./contacts-api.ts";
import { fromZodError } from "./error-map.ts";
import { errors, json, security } from "./openapi-helpers.ts";
import {
  CheckBody,
  CoachReportOut,
  CreateIntroBody,
  EventBody,
  IdParam,
  IntroOut,
  ListQuery,
  PrefsBody,
} from "./schemas.ts";

type Env = { Variables: { email: string } };

const createRouteDef = createRoute({
  method: "post",
  path: "/intros",
  summary: "Create a request (and submit it unless draft)",
  description:
    "You are the requester. The request is checked, stored, and (unless `draft`) sent to the introducer.",
  security,
  request: {
    body: { content: { "application/json": { schema: CreateIntroBody } }, required: true },
  },
  responses: { 201: json(IntroOut, "The new intro, as you see it"), ...errors(400, 401, 403, 422) },
});

const listRouteDef = createRoute({
  method: "get",
  path: "/intros",
  summary: "List the intros you take part in",
  security,
  request: { query: ListQuery },
  responses: { 200: json(IntroOut.array(), "Newest first"), ...errors(400, 401) },
});

const getRouteDef = createRoute({
  method: "get",
  path: "/intros/{id}",
  summary: "Read one intro with its history, as you may see it",
  security,
  request: { params: IdParam },
  responses: { 200: json(IntroOut, "The intro"), ...errors(401, 404) },
});

const eventRouteDef = createRoute({
  method: "post",
  path: "/intros/{id}/events",
  summary: "Apply a lifecycle event as your role in this intro",
  description:
    "A transition the lifecycle does not allow answers 409 INVALID_TRANSITION with the current `status`.",
  security,
  request: {
    params: IdParam,
    body: { content: { "application/json": { schema: EventBody } }, required: true },
  },
  responses: { 200: json(IntroOut, "The intro after the event"), ...errors(400, 401, 404, 409) },
});

const checkRouteDef = createRoute({
  method: "post",
  path: "/requests/check",
  summary: "Run the quality coach on a request",
  description: "The same coach the composer, email intake and `vouch request check` use.",
  security,
  request: { body: { content: { "application/json": { schema: CheckBody } }, required: true } },
  responses: { 200: json(CoachReportOut, "The score and findings"), ...errors(400, 401) },
});

const getPrefsRouteDef = createRoute({
  method: "get",
  path: "/me/preferences",
  summary: "Your preferences",
  security,
  responses: { 200: json(PrefsBody, "Your preferences"), ...errors(401) },
});

const putPrefsRouteDef = createRoute({
  method: "put",
  path: "/me/preferences",
  summary: "Change your preferences (only the fields given)",
  security,
  request: { body: { content: { "application/json": { schema: PrefsBody } }, required: true } },
  responses: { 200: json(PrefsBody, "Your preferences after the change"), ...errors(400, 401) },
});

/**
 * Builds the event the domain understands from a participant's request. The actor is the
 * caller's role; whether that role may do this now is the transition table's decision alone.
 */
function toDomainEvent(body: z.infer<typeof EventBody>, role: Role): IntroEvent {
  switch (body.type) {
    case "revise": {
      const { request, ...rest } = body;
      return { ...rest, requestText: request, actor: role } as IntroEvent;
    }
    case "accept":
      // The target's own authenticated action: as clear as a click.
      return {
        type: "accept",
        actor: role,
        evidence: { via: "api", confidence: 1, authenticated: true },
      } as IntroEvent;
    default:
      return { ...body, actor: role } as IntroEvent;
  }
}

/**
 * A proposal needs a time or a link, and a proposed time nobody could confirm any more is
 * refused, naming it (`times.1`), rather than recorded: the web form refuses both too.
 */
function refusePastTimes(body: z.infer<typeof EventBody>, now: Date): void {
  if (body.type !== "propose_times") return;
  if (!body.times?.length && !body.links?.length)
    throw new VouchError("INVALID_INPUT", "times: propose at least one time or a scheduling link", {
      field: "times",
    });
  for (const [n, t] of (body.times ?? []).entries()) {
    if (Date.parse(t) <= now.getTime())
      throw new VouchError("INVALID_INPUT", `times.${n}: ${t} has already passed`, {
        field: `times.${n}`,
      });
  }
}

/**
 * A 200 JSON response from text already serialized (a kept view's): the bytes and the
 * content type c.json would send, typed as the route's JSON response.
 */
function jsonText<T>(c: Context, text: string) {
  return c.body(text, 200, { "content-type": "application/json" }) as unknown as TypedResponse<
    JSONParsed<T>,
    200,
    "json"
  >;
}

// The view is the schema's shape; its optional fields are `undefined`, which JSON drops.
const asOut = (v: IntroView) => v as unknown as z.infer<typeof IntroOut>;

/** The JSON API under /api, its OpenAPI document generated from the same schemas. */
export function apiRoutes(deps: AppDeps) {
  const api = new OpenAPIHono<Env>({
    defaultHook: (result) => {
      if (!result.success) throw fromZodError(result.error, result.target);
    },
  });
  api.openAPIRegistry.registerComponent("securitySchemes", "Bearer", {
    type: "http",
    scheme: "bearer",
    description: "A personal API token from `vouch token create --email you@example.com`",
  });

  const auth: MiddlewareHandler<Env> = async (c, next) => {
    const m = /^Bearer\s+(\S+)$/i.exec(c.req.header("authorization") ?? "");
    c.set("email", await authenticateToken(deps, m?.[1]));
    await next();
  };
  for (const path of ["/intros", "/intros/*", "/requests/*", "/me/*", "/paths"])
    api.use(path, auth);

  api.openapi(createRouteDef, async (c) => {
    const body = c.req.valid("json");
    const email = c.get("email");
    if (body.requester.email && body.requester.email.toLowerCase() !== email) {
      throw new VouchError("FORBIDDEN", "you can only create requests as yourself", {
        field: "requester.email",
      });
    }
    const intro = await createIntro(
      deps,
      {
        requester: { name: body.requester.name, email },
        introducer: body.introducer,
        target: { name: body.target.name, email: body.target.email ?? null },
        subject: body.subject,
        requestText: body.request,
        targetProfile: body.targetProfile,
        submit: !body.draft,
      },
      "api",
    );
    return c.json(asOut(await readIntro(deps, intro.id, { email })), 201);
  });

  api.openapi(listRouteDef, async (c) => {
    const q = c.req.valid("query");
    return c.json((await listIntros(deps, { email: c.get("email"), ...q })).map(asOut), 200);
  });

  api.openapi(getRouteDef, async (c) => {
    const json = await readIntroJson(deps, c.req.valid("param").id, { email: c.get("email") });
    return jsonText<z.infer<typeof IntroOut>>(c, json);
  });

  api.openapi(eventRouteDef, async (c) => {
    const { id } = c.req.valid("param");
    const email = c.get("email");
    const { role } = await viewerRole(deps, id, email);
    const body = c.req.valid("json");
    refusePastTimes(body, deps.now());
    await applyEvent(deps, id, toDomainEvent(body, role), "api");
    return c.json(asOut(await readIntro(deps, id, { email })), 200);
  });

  api.openapi(checkRouteDef, (c) => {
    const b = c.req.valid("json");
    const report = checkRequest({
      text: b.request,
      subject: b.subject,
      profile: b.targetProfile,
      targetName: b.targetName,
      requesterName: b.requesterName,
      introducerName: b.introducerName,
      now: deps.now(),
    });
    return c.json(report as z.infer<typeof CoachReportOut>, 200);
  });

  const prefsOut = (p: Record<string, unknown>) => ({
    minRequestScore: typeof p.minRequestScore === "number" ? p.minRequestScore : null,
    mutedCategories: (p.mutedCategories as z.infer<typeof PrefsBody>["mutedCategories"]) ?? [],
    timeZone: typeof p.timeZone === "string" ? p.timeZone : null,
    paused: p.paused === true,
    monthlyMax: typeof p.monthlyMax === "number" ? p.monthlyMax : null,
    topics: Array.isArray(p.topics) ? p.topics.filter((t) => typeof t === "string") : [],
    introduceFrom:
      p.introduceFrom === "own_mailbox" ? ("own_mailbox" as const) : ("relay" as const),
    ...profileOf(p),
  });
  api.openapi(getPrefsRouteDef, async (c) =>
    c.json(prefsOut(await deps.store.getPrefs(c.get("email"))), 200),
  );
  api.openapi(putPrefsRouteDef, async (c) => {
    const email = c.get("email");
    const body = c.req.valid("json");
    if (body.topics) body.topics = normalizeTopics(body.topics);
    // The profile is stored normalized (trimmed, spaces collapsed; empty is cleared).
    await deps.store.updatePrefs(email, { ...body, ...profilePatch(body) }, deps.now());
    return c.json(prefsOut(await deps.store.getPrefs(email)), 200);
  });

  contactsApi(api, deps);
  return api;
}
