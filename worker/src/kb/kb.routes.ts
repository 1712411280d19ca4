// /api/kb-entries: the shared entry routes over the KB repository.
import { KbEntryCreateSchema, KbEntryPatchSchema } from "../../../common/api.schema";
import { entryRoutes } from "../http/entries.routes";

export const kbRoutes = entryRoutes({
  name: "KB entry",
  createSchema: KbEntryCreateSchema,
  patchSchema: KbEntryPatchSchema,
  list: (s, q) => s.kb.list(q),
  create: (s, input) =>
    s.kb.create(
      {
        question: input.question,
        answer: input.answer,
        topics: input.topics,
        status: input.status ?? "approved",
        sourceType: "manual",
        confidence: input.confidence,
        motivation: input.motivation,
      },
      s.now(),
    ),
  update: (s, id, patch) => s.kb.update(id, patch, s.now()),
  remove: (s, id) => s.kb.delete(id),
});
