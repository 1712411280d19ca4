// An account's views (the Views API): what exists, so an installation check can tell whether its views are there.
// Listing and showing only; views do not select tickets here (the workspace stand-in builds its own lists).

import type { ApiContext } from "./api.ts";
import { isRecord, json, parseJson, type Route, type StandinRequest } from "./http.ts";

export type ViewCondition = { field: string; operator: string; value: unknown };
export type View = {
  id: number;
  title: string;
  active: boolean;
  position: number;
  conditions: { all: ViewCondition[]; any: ViewCondition[] };
  created_at: string;
  updated_at: string;
};

export class Views {
  private readonly all = new Map<number, View>();
  private nextId: number;
  private readonly firstId: number;

  constructor(firstId = 360_100_001) {
    this.firstId = firstId;
    this.nextId = firstId;
  }

  create(
    input: { title: string; active?: boolean; all?: ViewCondition[]; any?: ViewCondition[] },
    at: string,
  ) {
    const view: View = {
      id: this.nextId++,
      title: input.title,
      active: input.active ?? true,
      position: this.all.size,
      conditions: { all: input.all ?? [], any: input.any ?? [] },
      created_at: at,
      updated_at: at,
    };
    this.all.set(view.id, view);
    return view;
  }

  list(): View[] {
    return [...this.all.values()];
  }

  get(id: number): View | undefined {
    return this.all.get(id);
  }

  delete(id: number): boolean {
    return this.all.delete(id);
  }

  clear(): void {
    this.all.clear();
    this.nextId = this.firstId;
  }
}

export function renderView(view: View, base: string) {
  return {
    url: `${base}/api/v2/views/${view.id}.json`,
    id: view.id,
    title: view.title,
    active: view.active,
    default: false,
    position: view.position,
    restriction: null,
    conditions: view.conditions,
    execution: { group_by: null, sort_by: "updated", columns: [] },
    created_at: view.created_at,
    updated_at: view.updated_at,
  };
}

/** Offset pagination, as the Views API answers: one page holds them all here. */
function page(views: View[], base: string) {
  return {
    views: views.map((v) => renderView(v, base)),
    next_page: null,
    previous_page: null,
    count: views.length,
  };
}

const conditions = (v: unknown): ViewCondition[] | undefined =>
  Array.isArray(v) &&
  v.every((c) => isRecord(c) && typeof c.field === "string" && typeof c.operator === "string")
    ? (v as ViewCondition[])
    : undefined;

/** A view needs a title and at least one condition in `all`, as Zendesk requires. */
function create(req: StandinRequest, ctx: ApiContext) {
  const raw = parseJson(req.body);
  if (!raw.ok) return raw.response;
  const view = isRecord(raw.value) && isRecord(raw.value.view) ? raw.value.view : {};
  const all = conditions(view.all ?? []);
  const any = conditions(view.any ?? []);
  const details: Record<string, { description: string; error: string }[]> = {};
  if (typeof view.title !== "string" || view.title.trim() === "") {
    details.title = [{ description: "Title: cannot be blank", error: "BlankValue" }];
  }
  if (!all || !any || all.length === 0) {
    details.conditions = [
      { description: "Conditions: must include an 'all' condition", error: "InvalidValue" },
    ];
  }
  if (Object.keys(details).length > 0 || !all || !any) {
    return json(422, { error: "RecordInvalid", description: "Record validation errors", details });
  }
  const active = typeof view.active === "boolean" ? view.active : true;
  const created = ctx.views.create({ title: String(view.title), active, all, any }, ctx.store.stampNow());
  return json(201, { view: renderView(created, ctx.base) });
}

export const VIEW_ROUTES: Route<ApiContext>[] = [
  {
    method: "GET",
    pattern: /^\/api\/v2\/views(?:\.json)?$/,
    handle: (_r, ctx) => json(200, page(ctx.views.list(), ctx.base)),
  },
  {
    method: "GET",
    pattern: /^\/api\/v2\/views\/active(?:\.json)?$/,
    handle: (_r, ctx) =>
      json(
        200,
        page(
          ctx.views.list().filter((v) => v.active),
          ctx.base,
        ),
      ),
  },
  {
    method: "GET",
    pattern: /^\/api\/v2\/views\/(\d+)(?:\.json)?$/,
    handle: (_r, ctx, m) => {
      const view = ctx.views.get(Number(m[1]));
      return view
        ? json(200, { view: renderView(view, ctx.base) })
        : json(404, { error: "RecordNotFound", description: "Not found" });
    },
  },
  { method: "POST", pattern: /^\/api\/v2\/views(?:\.json)?$/, handle: create },
];
