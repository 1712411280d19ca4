// What the Worker sends to OpenAI (or any compatible server at OPENAI_BASE_URL) for structured outputs.
// Built with zod itself, never with `openai/helpers/zod` (docs/decisions/008-bundles.md).
import type { ResponseFormatJSONSchema } from "openai/resources/shared";
import * as z from "zod";

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
