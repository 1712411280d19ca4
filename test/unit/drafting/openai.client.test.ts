// The Worker's call to OpenAI (worker/src/drafting/openai.client.ts). Structured outputs built with zod
// itself: the very request `zodResponseFormat` (openai/helpers/zod) would send, and one that strict mode
// accepts. Then the call against the OpenAI stand-in over a real socket: what comes back is parsed as the
// SDK's `chat.completions.parse` would, and every failure is the SDK's own error class.
import { createServer } from "node:net";
import {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  AuthenticationError,
  BadRequestError,
  InternalServerError,
  RateLimitError,
} from "openai/core/error";
import { zodResponseFormat } from "openai/helpers/zod";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { strictSchemaProblem } from "../../../standin/openai/schema.ts";
import { type OpenAIStandin, startOpenAIStandin } from "../../../standin/openai/server.ts";
import { ModelDraftSchema } from "../../../worker/src/drafting/model.schema";
import { jsonSchemaFormat, OpenAIChat } from "../../../worker/src/drafting/openai.client";
import { ModelLearningSchema } from "../../../worker/src/learning/learning.model";

const schemas = [
  ["draft", ModelDraftSchema],
  ["learning", ModelLearningSchema],
] as const;

describe("jsonSchemaFormat", () => {
  it.each(schemas)("sends for %s what the SDK's zod helper sends", (name, schema) => {
    const ours = jsonSchemaFormat(schema, name);
    const sdk = zodResponseFormat(schema, name);
    expect(JSON.parse(JSON.stringify(ours))).toEqual(JSON.parse(JSON.stringify(sdk)));
    expect(ours.json_schema.strict).toBe(true);
  });

  it.each(schemas)("gives a %s schema that strict mode accepts", (name, schema) => {
    expect(strictSchemaProblem(jsonSchemaFormat(schema, name).json_schema.schema ?? {})).toBeNull();
  });

  it("gives a schema strict mode refuses when a field is optional (so the test above means something)", () => {
    const loose = z.object({ a: z.string(), b: z.string().optional() });
    expect(strictSchemaProblem(jsonSchemaFormat(loose, "loose").json_schema.schema ?? {})).toMatch(
      /Missing 'b'/,
    );
  });
});

const KEY = "sk-test-standin";
let standin: OpenAIStandin;
beforeAll(async () => {
  standin = await startOpenAIStandin({ apiKey: KEY });
});
afterAll(() => standin.close());

const chat = (opts: { apiKey?: string; timeoutMs?: number; baseUrl?: string } = {}) =>
  new OpenAIChat({ apiKey: KEY, baseUrl: `${standin.origin}/v1`, timeoutMs: 5_000, ...opts });

const ask = (text: string, format = jsonSchemaFormat(ModelDraftSchema, "draft"), c = chat()) =>
  c.parse({
    model: "gpt-standin",
    temperature: 0.2,
    messages: [
      { role: "system", content: "You draft replies for Nordlys Home." },
      {
        role: "user",
        content: JSON.stringify({
          task: "draft_reply",
          language: "en",
          unanswered: text,
          conversation: [{ role: "customer", body: text }],
          knowledgeBase: [
            { id: 11, question: "Which payment methods do you accept?", answer: "Visa and PayPal." },
          ],
          policies: [],
          revision: null,
        }),
      },
    ],
    response_format: format,
  });

const script = (match: string, responses: unknown[]) =>
  fetch(`${standin.origin}/__standin/script`, { method: "POST", body: JSON.stringify({ match, responses }) });

describe("OpenAIChat", () => {
  it("sends a strict draft schema the stand-in accepts and gives the parsed answer", async () => {
    const completion = await ask("Which payment methods do you accept?");
    expect(completion.object).toBe("chat.completion");
    const parsed = ModelDraftSchema.parse(completion.choices[0]?.message.parsed);
    expect(parsed).toMatchObject({ action: "reply", citations: [11] });
  });

  it("sends the learner's strict schema, accepted too", async () => {
    const completion = await ask(
      "Which payment methods do you accept?",
      jsonSchemaFormat(ModelLearningSchema, "learning"),
    );
    expect(ModelLearningSchema.safeParse(completion.choices[0]?.message.parsed).success).toBe(true);
  });

  it("gets OpenAI's 400 for a schema strict mode refuses, as BadRequestError", async () => {
    const loose = jsonSchemaFormat(z.object({ a: z.string().optional() }), "loose");
    const error = await ask("Hello", loose).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BadRequestError);
    expect(error).toMatchObject({ status: 400, code: "invalid_json_schema" });
  });

  it("a wrong key is AuthenticationError (401) with OpenAI's code; the key is not in the message", async () => {
    const error = await ask("Hello", undefined, chat({ apiKey: "sk-wrong-key-123" })).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toMatchObject({ status: 401, code: "invalid_api_key" });
    expect(String(error)).not.toContain("sk-wrong-key-123");
  });

  it("429 is RateLimitError with the retry-after header; 500 is InternalServerError", async () => {
    await script("(c429)", [{ status: 429, retryAfter: 7 }, { status: 500 }]);
    const limited = await ask("Hello (c429)").catch((e: unknown) => e);
    expect(limited).toBeInstanceOf(RateLimitError);
    expect((limited as RateLimitError).headers?.get("retry-after")).toBe("7");
    expect(await ask("Hello (c429)").catch((e: unknown) => e)).toBeInstanceOf(InternalServerError);
  });

  it("an answer slower than the timeout is APIConnectionTimeoutError", async () => {
    await script("(cslow)", [{ status: 200, delayMs: 1_000 }]);
    const error = await ask("Hello (cslow)", undefined, chat({ timeoutMs: 200 })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(APIConnectionTimeoutError);
  });

  it("a closed port is APIConnectionError", async () => {
    const port = await new Promise<number>((resolve) => {
      const s = createServer().listen(0, "127.0.0.1", () => {
        const { port } = s.address() as { port: number };
        s.close(() => resolve(port));
      });
    });
    const error = await ask("Hello", undefined, chat({ baseUrl: `http://127.0.0.1:${port}/v1` })).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(APIConnectionError);
    expect(error).not.toBeInstanceOf(APIConnectionTimeoutError);
  });

  it("content that is not JSON throws, but not an APIError (the adapters call it an invalid answer)", async () => {
    await script("(cbad)", [{ status: 200, content: "{not json" }]);
    const error = await ask("Hello (cbad)").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(APIError);
  });

  it("accepts a base URL with a trailing slash", async () => {
    const completion = await ask(
      "Which payment methods do you accept?",
      undefined,
      chat({ baseUrl: `${standin.origin}/v1/` }),
    );
    expect(completion.choices).toHaveLength(1);
  });
});
