// The Hono context shared by every route: services built once per request
// from env by the composition root.
import { createMiddleware } from "hono/factory";
import { type Services, buildServices } from "../services";
import { HttpError } from "./errors";

export type AppEnv = { Bindings: Env; Variables: { services: Services } };

export const withServices = createMiddleware<AppEnv>(async (c, next) => {
  c.set("services", buildServices(c.env));
  await next();
});

/** Parses a JSON body; a body that is not JSON is a 400, not a 500. */
export async function jsonBody(req: Request): Promise<unknown> {
  const text = await req.text();
  if (text.trim() === "") return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new HttpError(400, "The body is not valid JSON");
  }
}
