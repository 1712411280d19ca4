// The /__standin/ control API: pick the brain, queue scripted answers, read the request log, reset.
// No auth: the server only mounts it on a loopback host. It never touches the completions route's answers.

import { z } from "zod";
import { BRAINS, type Brain } from "./brain.ts";
import { json, type StandinRequest, type StandinResponse } from "./http.ts";
import type { RequestLog } from "./log.ts";
import { ScriptInput, type Scripts } from "./script.ts";

export type ControlContext = {
  scripts: Scripts;
  log: RequestLog;
  brain(): Brain;
  setBrain(brain: Brain): void;
  reset(): void;
};

type Handler = (req: StandinRequest, ctx: ControlContext) => StandinResponse;
type Parsed<T> = { ok: true; value: T } | { ok: false; response: StandinResponse };

function parse<T>(req: StandinRequest, schema: z.ZodType<T>): Parsed<T> {
  let raw: unknown;
  try {
    raw = req.body.trim() === "" ? {} : JSON.parse(req.body);
  } catch {
    return { ok: false, response: json(400, { error: "Request body is not valid JSON" }) };
  }
  const result = schema.safeParse(raw);
  if (result.success) return { ok: true, value: result.data };
  return { ok: false, response: json(400, { error: z.prettifyError(result.error) }) };
}

const optional = (value: string | null) => (value === null || value === "" ? undefined : value);

const setBrain: Handler = (req, ctx) => {
  const body = parse(req, z.object({ brain: z.enum(BRAINS) }));
  if (!body.ok) return body.response;
  ctx.setBrain(body.value.brain);
  return json(200, { brain: ctx.brain() });
};

const addScript: Handler = (req, ctx) => {
  const body = parse(req, ScriptInput);
  return body.ok ? json(201, { script: ctx.scripts.add(body.value) }) : body.response;
};

const ROUTES: Record<string, Handler> = {
  "GET /__standin/health": (_req, ctx) => json(200, { ok: true, brain: ctx.brain() }),
  "GET /__standin/brain": (_req, ctx) => json(200, { brain: ctx.brain() }),
  "PUT /__standin/brain": setBrain,
  "POST /__standin/script": addScript,
  "GET /__standin/script": (_req, ctx) => json(200, { scripts: ctx.scripts.list() }),
  "DELETE /__standin/script": (req, ctx) =>
    json(200, { cleared: ctx.scripts.clear(optional(req.url.searchParams.get("match"))) }),
  "GET /__standin/requests": (req, ctx) => {
    const since = optional(req.url.searchParams.get("since"));
    return json(
      200,
      ctx.log.list({
        match: optional(req.url.searchParams.get("match")),
        since: since === undefined ? undefined : Number(since),
      }),
    );
  },
  "DELETE /__standin/requests": (_req, ctx) => {
    ctx.log.clear();
    return json(200, { ok: true });
  },
  "POST /__standin/reset": (_req, ctx) => {
    ctx.reset();
    return json(200, { ok: true, brain: ctx.brain() });
  },
};

export function handleControl(req: StandinRequest, ctx: ControlContext): StandinResponse {
  const route = ROUTES[`${req.method} ${req.url.pathname.replace(/\/$/, "")}`];
  return route ? route(req, ctx) : json(404, { error: `No control route ${req.method} ${req.url.pathname}` });
}
