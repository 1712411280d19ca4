// OpenAI's JSON shapes on the wire: chat.completion bodies, error bodies, rate-limit headers.
// Pure: ids and `now` come from the caller; nothing here decides what to answer.

import { json, type StandinResponse } from "./http.ts";

export type Usage = { prompt_tokens: number; completion_tokens: number; total_tokens: number };

/** Rough, as tiktoken averages ~4 characters a token for English; nothing depends on the exact count. */
export function tokens(text: string): number {
  return Math.ceil(text.length / 4);
}

export function completionBody(input: {
  id: string;
  now: number;
  model: string;
  content: string;
  promptText: string;
  messageCount: number;
}) {
  const prompt = tokens(input.promptText) + 3 * input.messageCount;
  const completion = tokens(input.content);
  return {
    id: input.id,
    object: "chat.completion",
    created: Math.floor(input.now / 1000),
    model: input.model,
    choices: [
      {
        index: 0,
        message: { role: "assistant", content: input.content, refusal: null, annotations: [] },
        logprobs: null,
        finish_reason: "stop",
      },
    ],
    usage: {
      prompt_tokens: prompt,
      completion_tokens: completion,
      total_tokens: prompt + completion,
      prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
      completion_tokens_details: { reasoning_tokens: 0, audio_tokens: 0 },
    },
    service_tier: "default",
    system_fingerprint: "fp_standin",
  };
}

type ErrorFields = { message: string; type: string; param?: string | null; code?: string | null };

export function openaiError(status: number, fields: ErrorFields, headers?: Record<string, string>) {
  const { message, type, param = null, code = null } = fields;
  return json(status, { error: { message, type, param, code } }, headers);
}

export function badRequest(message: string, param: string | null = null, code: string | null = null) {
  return openaiError(400, { message, type: "invalid_request_error", param, code });
}

export function invalidApiKey(given: string | undefined): StandinResponse {
  const message =
    given === undefined
      ? "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY)."
      : `Incorrect API key provided: ${redact(given)}. You can find your API key at https://platform.openai.com/account/api-keys.`;
  return openaiError(401, { message, type: "invalid_request_error", code: "invalid_api_key" });
}

/** Like OpenAI: never echo a whole key back, not even a wrong one. */
function redact(key: string): string {
  return key.length <= 8
    ? "***"
    : `${key.slice(0, 3)}${"*".repeat(Math.min(key.length - 7, 20))}${key.slice(-4)}`;
}

const LIMIT_REQUESTS = 500;
const LIMIT_TOKENS = 200_000;

/** The x-ratelimit-* headers OpenAI sends on every answer; remaining 0 on a 429. */
export function rateLimitHeaders(limited: boolean, retryAfterSeconds = 1): Record<string, string> {
  const reset = limited ? `${retryAfterSeconds}s` : "120ms";
  return {
    "x-ratelimit-limit-requests": String(LIMIT_REQUESTS),
    "x-ratelimit-remaining-requests": String(limited ? 0 : LIMIT_REQUESTS - 1),
    "x-ratelimit-reset-requests": reset,
    "x-ratelimit-limit-tokens": String(LIMIT_TOKENS),
    "x-ratelimit-remaining-tokens": String(limited ? 0 : LIMIT_TOKENS - 1_000),
    "x-ratelimit-reset-tokens": limited ? reset : "300ms",
  };
}

export function rateLimited(model: string, retryAfter: number, retryAfterMs?: number): StandinResponse {
  const message =
    `Rate limit reached for ${model} in organization org-standin on requests per min (RPM): ` +
    `Limit ${LIMIT_REQUESTS}, Used ${LIMIT_REQUESTS}, Requested 1. Please try again in ${retryAfter}s. ` +
    "Visit https://platform.openai.com/account/rate-limits to learn more.";
  const headers: Record<string, string> = {
    ...rateLimitHeaders(true, retryAfter),
    "retry-after": String(retryAfter),
  };
  if (retryAfterMs !== undefined) headers["retry-after-ms"] = String(retryAfterMs);
  return openaiError(429, { message, type: "requests", code: "rate_limit_exceeded" }, headers);
}

/** 502 comes from the edge as HTML, so a client that assumes JSON errors finds out here. */
export function serverError(status: 500 | 502 | 503, retryAfter?: number): StandinResponse {
  const headers: Record<string, string> =
    retryAfter === undefined ? {} : { "retry-after": String(retryAfter) };
  switch (status) {
    case 500:
      return openaiError(
        500,
        {
          message:
            "The server had an error while processing your request. Sorry about that! You can retry your request, or contact us through our help center at help.openai.com if the error persists.",
          type: "server_error",
        },
        headers,
      );
    case 502:
      return {
        status: 502,
        headers: { ...headers, "content-type": "text/html" },
        body: "<html>\n<head><title>502 Bad Gateway</title></head>\n<body>\n<center><h1>502 Bad Gateway</h1></center>\n<hr><center>cloudflare</center>\n</body>\n</html>\n",
      };
    case 503:
      return openaiError(
        503,
        { message: "The engine is currently overloaded, please try again later.", type: "server_error" },
        headers,
      );
  }
}
