import type { z } from "@hono/zod-openapi";
import { ErrorOut } from "./schemas.ts";

/** The coded-error responses of a route, for the OpenAPI document. */
export const errors = (...codes: number[]) =>
  Object.fromEntries(
    codes.map((c) => [
      c,
      { description: "A coded error", content: { "application/json": { schema: ErrorOut } } },
    ]),
  );

/** A JSON response of a route. */
export const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { "application/json": { schema } },
});

/** Routes that need a personal API token. */
export const security = [{ Bearer: [] }];
