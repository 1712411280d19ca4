// Structured outputs built with zod itself: the very request `zodResponseFormat` (openai/helpers/zod)
// would send, and one that OpenAI's strict mode accepts (the stand-in checks it as OpenAI does).
import { zodResponseFormat } from "openai/helpers/zod";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { strictSchemaProblem } from "../../../standin/openai/schema.ts";
import { ModelDraftSchema } from "../../../worker/src/drafting/model.schema";
import { jsonSchemaFormat } from "../../../worker/src/drafting/openai.client";
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
