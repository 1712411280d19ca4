// An account's Help Center, as far as a product writing draft articles needs it: sections, permission groups, and
// articles created in a section (developer.zendesk.com Help Center API, "Create Article").

import type { ApiContext } from "./api.ts";
import { isRecord, json, parseJson, type Route, type StandinRequest } from "./http.ts";

export type Section = { id: number; name: string; locale: string; created_at: string; updated_at: string };
export type PermissionGroup = { id: number; name: string };
export type Article = {
  id: number;
  section_id: number;
  title: string;
  body: string;
  locale: string;
  permission_group_id: number;
  user_segment_id: number | null;
  draft: boolean;
  label_names: string[];
  author_id: number;
  created_at: string;
  updated_at: string;
};

export class HelpCenter {
  locales: string[] = ["en-us"];
  readonly sections = new Map<number, Section>();
  readonly articles: Article[] = [];
  readonly permissionGroups: PermissionGroup[] = [];
  private nextId: number;
  private readonly firstId: number;

  constructor(firstId = 360_200_001) {
    this.firstId = firstId;
    this.nextId = firstId;
    this.clear();
  }

  addSection(input: { id?: number; name: string; locale?: string }, at: string): Section {
    const id = input.id ?? this.nextId++;
    const section = { id, name: input.name, locale: input.locale ?? "en-us", created_at: at, updated_at: at };
    this.sections.set(id, section);
    return section;
  }

  addArticle(input: Omit<Article, "id">): Article {
    const article = { ...input, id: this.nextId++ };
    this.articles.push(article);
    return article;
  }

  clear(): void {
    this.sections.clear();
    this.articles.length = 0;
    this.nextId = this.firstId;
    this.locales = ["en-us"];
    // Every Help Center starts with the built-in "Agents and managers" group.
    this.permissionGroups.splice(0, this.permissionGroups.length, {
      id: this.nextId++,
      name: "Agents and managers",
    });
  }
}

const hcUrl = (base: string, kind: string, id: number, locale: string) =>
  `${base}/api/v2/help_center/${locale}/${kind}/${id}.json`;

function renderSection(s: Section, base: string) {
  return {
    ...s,
    url: hcUrl(base, "sections", s.id, s.locale),
    source_locale: s.locale,
    outdated: false,
    position: 0,
  };
}

function renderArticle(a: Article, base: string) {
  return {
    ...a,
    url: hcUrl(base, "articles", a.id, a.locale),
    source_locale: a.locale,
    outdated: false,
    promoted: false,
  };
}

/** Help Center lists use offset pagination; one page holds everything here. */
const listOf = <T>(key: string, items: T[]) => ({
  [key]: items,
  page: 1,
  per_page: 30,
  page_count: 1,
  count: items.length,
  next_page: null,
  previous_page: null,
  sort_by: "position",
  sort_order: "asc",
});

const NOT_FOUND = { error: "RecordNotFound", description: "Not found" };

/** `title`, `locale` and `permission_group_id` are required, `user_segment_id` must be given (null = everyone). */
function createArticle(req: StandinRequest, ctx: ApiContext, match: RegExpExecArray) {
  const hc = ctx.helpCenter;
  const section = hc.sections.get(Number(match[2]));
  if (!section) return json(404, NOT_FOUND);
  const raw = parseJson(req.body);
  if (!raw.ok) return raw.response;
  const a = isRecord(raw.value) && isRecord(raw.value.article) ? raw.value.article : {};
  const errors: Record<string, string[]> = {};
  const locale = typeof a.locale === "string" ? a.locale : match[1];
  if (typeof a.title !== "string" || a.title.trim() === "") errors.title = ["can't be blank"];
  if (!locale || !hc.locales.includes(locale)) errors.locale = ["is not an enabled Help Center locale"];
  if (!hc.permissionGroups.some((g) => g.id === a.permission_group_id))
    errors.permission_group_id = ["is invalid"];
  if (!("user_segment_id" in a) || (a.user_segment_id !== null && typeof a.user_segment_id !== "number")) {
    errors.user_segment_id = ["must be given (null for everyone)"];
  }
  const labels = a.label_names ?? [];
  if (!Array.isArray(labels) || !labels.every((l) => typeof l === "string"))
    errors.label_names = ["is invalid"];
  if (Object.keys(errors).length > 0) return json(400, { errors });
  const at = ctx.store.stampNow();
  const article = hc.addArticle({
    section_id: section.id,
    title: String(a.title),
    body: typeof a.body === "string" ? a.body : "",
    locale: String(locale),
    permission_group_id: Number(a.permission_group_id),
    user_segment_id: typeof a.user_segment_id === "number" ? a.user_segment_id : null,
    draft: a.draft === true,
    label_names: labels as string[],
    author_id: ctx.principal.user.id,
    created_at: at,
    updated_at: at,
  });
  const body = { article: renderArticle(article, ctx.base) };
  return json(201, body, { Location: body.article.url });
}

// An optional locale segment, as in `/api/v2/help_center/en-us/sections.json`.
const HC = String.raw`^\/api\/v2\/help_center(?:\/([a-z]{2}(?:-[a-z0-9]+)?))?`;

export const HELP_CENTER_ROUTES: Route<ApiContext>[] = [
  {
    method: "GET",
    pattern: new RegExp(`${HC}\\/sections(?:\\.json)?$`),
    handle: (_r, ctx) =>
      json(
        200,
        listOf(
          "sections",
          [...ctx.helpCenter.sections.values()].map((s) => renderSection(s, ctx.base)),
        ),
      ),
  },
  {
    method: "GET",
    pattern: new RegExp(`${HC}\\/sections\\/(\\d+)\\/articles(?:\\.json)?$`),
    handle: (_r, ctx, m) => {
      const id = Number(m[2]);
      if (!ctx.helpCenter.sections.has(id)) return json(404, NOT_FOUND);
      const articles = ctx.helpCenter.articles.filter((a) => a.section_id === id);
      return json(
        200,
        listOf(
          "articles",
          articles.map((a) => renderArticle(a, ctx.base)),
        ),
      );
    },
  },
  {
    method: "POST",
    pattern: new RegExp(`${HC}\\/sections\\/(\\d+)\\/articles(?:\\.json)?$`),
    handle: createArticle,
  },
  {
    method: "GET",
    pattern: /^\/api\/v2\/guide\/permission_groups(?:\.json)?$/,
    handle: (_r, ctx) => json(200, { permission_groups: ctx.helpCenter.permissionGroups }),
  },
];
