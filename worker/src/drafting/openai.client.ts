// The one call the Worker makes to OpenAI (or any compatible server at OPENAI_BASE_URL): a chat
// completion with a strict JSON schema, over fetch. The wire types, the error classes and the parser of
// structured outputs are the `openai` package's own; its client class is not used, because it builds every
// API resource it has and costs ~80 KB gzipped of a Worker that needs one endpoint
// (docs/decisions/008-bundles.md). Never retries: the queue does, with backoff.
import { APIConnectionError, APIConnectionTimeoutError, APIError } from "openai/core/error";
import { parseChatCompletion } from "openai/lib/parser";
import type {
  ChatCompletion,
  ChatCompletionCreateParamsNonStreaming,
  ParsedChatCompletion,
} from "openai/resources/chat/completions";
import type { ResponseFormatJSONSchema } from "openai/resources/shared";
import * as z from "zod";

export const OPENAI_BASE_URL = "https://api.openai.com/v1";

/**
 * Structured outputs for a zod schema: what `zodResponseFormat` from `openai/helpers/zod` sends, built with
 * zod itself (that helper brings a second zod, v3, and a JSON Schema converter into the bundle). The schema
 * must suit `strict: true`: every property required, nullable where it may be absent.
 */
export function jsonSchemaFormat(schema: z.ZodType, name: string): ResponseFormatJSONSchema {
  return {
    type: "json_schema",
    json_schema: { name, strict: true, schema: z.toJSONSchema(schema, { target: "draft-7" }) },
  };
}

export interface OpenAIChatOptions {
  apiKey: string;
  /** Default: OpenAI's own API. */
  baseUrl?: string | undefined;
  timeoutMs: number;
}

/**
 * `chat.completions.parse` of the SDK, for non-streaming requests: the completion with `message.parsed`
 * (the JSON content, not yet checked against any schema). Throws the SDK's errors: `APIError` (its subclass
 * by status) for an HTTP error, `APIConnectionTimeoutError`, `APIConnectionError`, and the parser's
 * `LengthFinishReasonError` / `ContentFilterFinishReasonError`; a body that is not JSON throws a SyntaxError.
 */
export class OpenAIChat {
  private readonly url: string;

  constructor(private readonly opts: OpenAIChatOptions) {
    this.url = `${(opts.baseUrl || OPENAI_BASE_URL).replace(/\/+$/, "")}/chat/completions`;
  }

  async parse(params: ChatCompletionCreateParamsNonStreaming): Promise<ParsedChatCompletion<unknown>> {
    const signal = AbortSignal.timeout(this.opts.timeoutMs);
    let response: Response;
    let text: string;
    try {
      response = await fetch(this.url, {
        method: "POST",
        headers: {
          authorization: `Bearer ${this.opts.apiKey}`,
          "content-type": "application/json",
          accept: "application/json",
        },
        body: JSON.stringify(params),
        signal,
      });
      text = await response.text();
    } catch (e) {
      if (signal.aborted) throw new APIConnectionTimeoutError();
      throw new APIConnectionError({ cause: e instanceof Error ? e : undefined });
    }
    if (!response.ok) {
      // As the SDK does: OpenAI's error object when the body is JSON, else the text as the message.
      const body = safeJson(text);
      throw APIError.generate(response.status, body, body ? undefined : text, response.headers);
    }
    const completion = JSON.parse(text) as ChatCompletion;
    return parseChatCompletion(completion, params);
  }
}

function safeJson(text: string): object | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === "object" && value !== null ? value : undefined;
  } catch {
    return undefined;
  }
}
