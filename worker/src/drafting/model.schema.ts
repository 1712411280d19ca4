// What a model must answer: one JSON object, parsed with zod (structured
// outputs with OpenAI; the same schema checks any other server's answer).
import * as z from "zod";

export const ModelDraftSchema = z.object({
  action: z.enum(["reply", "no_answer", "escalate"]),
  reply: z.string(),
  citations: z.array(z.number().int()),
  language: z.string(),
  reason: z.string(),
});
export type ModelDraft = z.infer<typeof ModelDraftSchema>;
