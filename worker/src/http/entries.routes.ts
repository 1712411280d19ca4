// The six calls shared by /api/kb-entries and /api/policy-entries: list,
// create (manual entries start approved), edit, delete, approve, reject.
import { Hono } from "hono";
import * as z from "zod";
import { EntryStatusSchema, RejectSchema, SourceTypeSchema } from "../../../common/api.schema";
import { type AppEnv, jsonBody } from "./app";
import { HttpError, notFound } from "./errors";
import { pathId, queryInt } from "./ids";
import type { Services } from "../services";

const ListQuery = z.object({
  status: EntryStatusSchema.optional(),
  sourceType: SourceTypeSchema.optional(),
  topic: z.string().trim().min(1).max(100).optional(),
  /** Text search: question and answer (KB), topic and rule (policies), case-insensitive. */
  q: z.string().trim().min(1).max(200).optional(),
  limit: queryInt(1, 500).default(50),
  offset: queryInt(0, 1_000_000).default(0),
});

type StatusChange = { status?: z.infer<typeof EntryStatusSchema>; rejectReason?: string | null };

export type EntryListQuery = z.infer<typeof ListQuery>;

/** What a kind of entry needs to plug into the shared routes. */
export interface EntryStore<Entry, Create, Patch> {
  name: string;
  createSchema: z.ZodType<Create>;
  patchSchema: z.ZodType<Patch>;
  list(s: Services, q: z.infer<typeof ListQuery>): Promise<{ items: Entry[]; total: number }>;
  create(s: Services, input: Create): Promise<Entry>;
  update(s: Services, id: number, patch: Patch | StatusChange): Promise<Entry | null>;
  remove(s: Services, id: number): Promise<boolean>;
}

export function entryRoutes<E, C, P extends { status?: z.infer<typeof EntryStatusSchema> }>(
  store: EntryStore<E, C, P>,
) {
  const id = (raw: string | undefined) => pathId(raw, store.name);
  const found = (e: E | null) => {
    if (!e) throw notFound(store.name);
    return e;
  };
  return new Hono<AppEnv>()
    .get("/", async (c) => {
      const q = ListQuery.safeParse(c.req.query());
      if (!q.success) throw new HttpError(400, `Bad query: ${q.error.issues[0]?.message ?? "invalid"}`);
      return c.json(await store.list(c.get("services"), q.data));
    })
    .post("/", async (c) => {
      const input = store.createSchema.parse(await jsonBody(c.req.raw));
      return c.json(await store.create(c.get("services"), input), 201);
    })
    .patch("/:id", async (c) => {
      const patch = store.patchSchema.parse(await jsonBody(c.req.raw));
      return c.json(found(await store.update(c.get("services"), id(c.req.param("id")), patch)));
    })
    .delete("/:id", async (c) => {
      if (!(await store.remove(c.get("services"), id(c.req.param("id"))))) throw notFound(store.name);
      return c.json({ ok: true });
    })
    .post("/:id/approve", async (c) => {
      const patch = store.patchSchema.parse(await jsonBody(c.req.raw));
      return c.json(
        found(await store.update(c.get("services"), id(c.req.param("id")), { ...patch, status: "approved" })),
      );
    })
    .post("/:id/reject", async (c) => {
      const body = RejectSchema.parse(await jsonBody(c.req.raw));
      const change: StatusChange = { status: "rejected", rejectReason: body.reason ?? null };
      return c.json(found(await store.update(c.get("services"), id(c.req.param("id")), change)));
    });
}
