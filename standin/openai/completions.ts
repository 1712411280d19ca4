// POST /v1/chat/completions: key check, request check, scripted answer or brain, OpenAI's body and headers.
// The only route a model client reaches. It never answers without logging the request first.

import { type Brain, markedBrain, readPrompt, think } from "./brain.ts";
import { header, isRecord, type StandinRequest, type StandinResponse, sleep } from "./http.ts";
import type { LoggedRequest, RequestLog } from "./log.ts";
import { type ChatRequest, lastUserText, parseChatRequest, systemText } from "./request.ts";
import type { Scripts } from "./script.ts";
import { completionBody, invalidApiKey, rateLimited, rateLimitHeaders, serverError } from "./wire.ts";

export type CompletionsContext = {
  apiKey: string;
  scripts: Scripts;
  log: RequestLog;
  brain(): Brain;
  now(): number;
  id(prefix: string): string;
  /** Aborts when the server closes, so a long delayMs never holds the process open. */
  closing: AbortSignal;
};

function bearer(req: StandinRequest): string | undefined {
  const value = header(req, "authorization");
  const match = value === undefined ? null : /^Bearer\s+(.+)$/i.exec(value.trim());
  return match ? (match[1] ?? "") : value;
}

function peek(body: string): Record<string, unknown> {
  try {
    const raw: unknown = JSON.parse(body);
    return isRecord(raw) ? raw : {};
  } catch {
    return {};
  }
}

function loggedHeaders(req: StandinRequest): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (name === "authorization" || value === undefined) continue;
    out[name] = Array.isArray(value) ? value.join(", ") : value;
  }
  return out;
}

function strictSchema(request: ChatRequest): unknown {
  const format = request.response_format;
  return format?.type === "json_schema" && format.json_schema.strict ? format.json_schema.schema : undefined;
}

export async function handleCompletions(
  req: StandinRequest,
  ctx: CompletionsContext,
): Promise<StandinResponse> {
  const started = ctx.now();
  const raw = peek(req.body);
  const retryCount = Number(header(req, "x-stainless-retry-count"));
  const entry: LoggedRequest = ctx.log.add({
    at: new Date(started).toISOString(),
    path: req.url.pathname,
    status: null,
    model: typeof raw.model === "string" ? raw.model : null,
    messages: raw.messages ?? null,
    response_format: raw.response_format ?? null,
    answered: null,
    by: null,
    retryCount: Number.isInteger(retryCount) ? retryCount : null,
    headers: loggedHeaders(req),
  });
  const response = await answer(req, ctx, entry);
  entry.status = response.status;
  return {
    ...response,
    headers: {
      "x-request-id": ctx.id("req_"),
      "openai-version": "2020-10-01",
      "openai-organization": "org-standin",
      "openai-processing-ms": String(Math.max(1, ctx.now() - started)),
      ...(response.status === 429 ? {} : rateLimitHeaders(false)),
      ...response.headers,
    },
  };
}

async function answer(
  req: StandinRequest,
  ctx: CompletionsContext,
  entry: LoggedRequest,
): Promise<StandinResponse> {
  // The key is checked before anything else, as OpenAI does: a bad key learns nothing about the request.
  const key = bearer(req);
  if (key !== ctx.apiKey) return invalidApiKey(key);
  const parsed = parseChatRequest(req.body);
  if (!parsed.ok) return parsed.response;
  const request = parsed.value;
  const lastUser = lastUserText(request.messages);
  const pick = ctx.scripts.take(lastUser);
  const scripted = pick.response;
  if (scripted?.delayMs) await sleep(scripted.delayMs, ctx.closing);
  if (scripted?.status === 429)
    return rateLimited(request.model, scripted.retryAfter ?? 1, scripted.retryAfterMs);
  if (scripted && scripted.status !== 200) return serverError(scripted.status, scripted.retryAfter);

  let content: string;
  if (scripted?.content !== undefined) {
    content = typeof scripted.content === "string" ? scripted.content : JSON.stringify(scripted.content);
    entry.by = "script";
  } else {
    const brain = scripted?.brain ?? pick.brain ?? markedBrain(lastUser) ?? ctx.brain();
    content = think(brain, readPrompt(lastUser, systemText(request.messages)), strictSchema(request));
    entry.by = brain;
  }
  entry.answered = content;
  const body = completionBody({
    id: ctx.id("chatcmpl-"),
    now: ctx.now(),
    model: request.model,
    content,
    promptText: request.messages.map((m) => JSON.stringify(m.content ?? "")).join(""),
    messageCount: request.messages.length,
  });
  return { status: 200, body };
}
