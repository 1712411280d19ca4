// Reads a chat-completions request the way OpenAI validates it, and answers 400s in OpenAI's words.
// Pure. It never decides what the model says; it only says what was asked.

import { z } from "zod";
import type { StandinResponse } from "./http.ts";
import { strictSchemaProblem } from "./schema.ts";
import { badRequest } from "./wire.ts";

const ROLES = ["system", "developer", "user", "assistant", "tool", "function"] as const;
const Part = z.looseObject({ type: z.string(), text: z.string().optional() });
const Message = z.looseObject({
  role: z.enum(ROLES),
  content: z.union([z.string(), z.array(Part), z.null()]).optional(),
});
const JsonSchemaFormat = z.looseObject({
  name: z.string().regex(/^[a-zA-Z0-9_-]{1,64}$/, "must be 1 to 64 letters, digits, underscores or dashes"),
  description: z.string().optional(),
  schema: z.record(z.string(), z.unknown()).optional(),
  strict: z.boolean().nullable().optional(),
});
const ResponseFormat = z.discriminatedUnion("type", [
  z.object({ type: z.literal("text") }),
  z.object({ type: z.literal("json_object") }),
  z.object({ type: z.literal("json_schema"), json_schema: JsonSchemaFormat }),
]);
const ChatRequest = z.looseObject({
  model: z.string().min(1),
  messages: z.array(Message).min(1),
  response_format: ResponseFormat.optional(),
  stream: z.boolean().nullable().optional(),
  temperature: z.number().min(0).max(2).nullable().optional(),
});

export type ChatMessage = z.infer<typeof Message>;
export type ResponseFormat = z.infer<typeof ResponseFormat>;
export type ChatRequest = z.infer<typeof ChatRequest>;
export type Parsed = { ok: true; value: ChatRequest } | { ok: false; response: StandinResponse };

export function parseChatRequest(body: string): Parsed {
  let raw: unknown;
  try {
    raw = JSON.parse(body);
  } catch {
    return fail(
      badRequest(
        "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly. The OpenAI API expects a JSON payload, but what was sent was not valid JSON.)",
      ),
    );
  }
  if (typeof raw === "object" && raw !== null && !("model" in raw)) {
    return fail(badRequest("you must provide a model parameter"));
  }
  const result = ChatRequest.safeParse(raw, { reportInput: true });
  if (!result.success) return fail(issueResponse(result.error.issues[0]));
  const request = result.data;
  if (request.stream) return fail(badRequest("The OpenAI stand-in does not stream.", "stream"));
  const format = request.response_format;
  if (format?.type === "json_object" && !/json/i.test(allText(request.messages))) {
    return fail(
      badRequest(
        "'messages' must contain the word 'json' in some form, to use 'response_format' of type 'json_object'.",
        "messages",
      ),
    );
  }
  if (format?.type === "json_schema" && format.json_schema.strict) {
    const problem = strictSchemaProblem(format.json_schema.schema ?? {});
    if (problem) {
      const message = `Invalid schema for response_format '${format.json_schema.name}': ${problem}`;
      return fail(badRequest(message, "response_format", "invalid_json_schema"));
    }
  }
  return { ok: true, value: request };
}

function fail(response: StandinResponse): Parsed {
  return { ok: false, response };
}

function paramOf(path: readonly PropertyKey[]): string {
  return path
    .map((p, i) => (typeof p === "number" ? `[${p}]` : `${i === 0 ? "" : "."}${String(p)}`))
    .join("");
}

function issueResponse(issue: z.core.$ZodIssue | undefined): StandinResponse {
  if (!issue) return badRequest("Invalid request.");
  const param = paramOf(issue.path);
  if (issue.code === "invalid_type" && !("input" in issue)) {
    return badRequest(`Missing required parameter: '${param}'.`, param, "missing_required_parameter");
  }
  if (issue.code === "invalid_value") {
    const supported = issue.values.map((v) => `'${String(v)}'`).join(", ");
    const given = JSON.stringify(issue.input);
    return badRequest(`Invalid value: ${given}. Supported values are: ${supported}.`, param, "invalid_value");
  }
  if (issue.code === "too_small" && param === "messages") {
    return badRequest("[] is too short - 'messages'", param, "empty_array");
  }
  return badRequest(
    `Invalid '${param}': ${issue.message}.`,
    param,
    issue.code === "invalid_type" ? "invalid_type" : null,
  );
}

export function textOf(message: ChatMessage): string {
  const { content } = message;
  if (typeof content === "string") return content;
  return (content ?? []).map((part) => part.text ?? "").join("");
}

export function allText(messages: ChatMessage[]): string {
  return messages.map(textOf).join("\n");
}

export function lastUserText(messages: ChatMessage[]): string {
  const last = messages.findLast((m) => m.role === "user");
  return last ? textOf(last) : "";
}

/** What the model was told before the customer's data: system and developer messages. */
export function systemText(messages: ChatMessage[]): string {
  return messages
    .filter((m) => m.role === "system" || m.role === "developer")
    .map(textOf)
    .join("\n\n");
}
