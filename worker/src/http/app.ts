// The Hono context shared by every route: the Worker's services (`app`), built
// once per isolate by the composition root, and, once a route knows its
// installation, that installation's services.
import { createMiddleware } from "hono/factory";
import { type App, buildApp, type Services } from "../services";
import { HttpError } from "./errors";

export type AppEnv = { Bindings: Env; Variables: { app: App; services: Services } };

export const withApp = createMiddleware<AppEnv>(async (c, next) => {
  c.set("app", buildApp(c.env));
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
