// The Help Center API as far as a product writing draft articles needs it: locales, sections, management
// permission groups, and articles (create in a section, show, archive). Sources and the unverified parts are in
// README.md ("Help Center"); an account without Guide answers 404 everywhere here.

import type { ApiContext } from "./api.ts";
import type { Article, HelpCenter, Section } from "./help-center.ts";
import { slug } from "./help-center.ts";
import { isRecord, json, noContent, parseJson, type Route, type StandinRequest } from "./http.ts";

export { HelpCenter } from "./help-center.ts";

const NOT_FOUND = { error: "RecordNotFound", description: "Not found" };

const apiUrl = (base: string, kind: string, id: number, locale: string) =>
  `${base}/api/v2/help_center/${locale}/${kind}/${id}.json`;

function renderSection(s: Section, base: string) {
  return {
    ...s,
    url: apiUrl(base, "sections", s.id, s.locale),
    html_url: `${base}/hc/${s.locale}/sections/${s.id}-${slug(s.name)}`,
    source_locale: s.locale,
    outdated: false,
    category_id: null,
    parent_section_id: null,
    description: "",
  };
}

function renderArticle(a: Article, base: string) {
  const { archived: _archived, ...fields } = a;
  return {
    ...fields,
    url: apiUrl(base, "articles", a.id, a.locale),
    html_url: `${base}/hc/${a.locale}/articles/${a.id}-${slug(a.title)}`,
    name: a.title,
    source_locale: a.locale,
    edited_at: a.updated_at,
    outdated: false,
    outdated_locales: [],
    promoted: false,
    position: 0,
    comments_disabled: false,
    vote_sum: 0,
    vote_count: 0,
    content_tag_ids: [],
    user_segment_ids: a.user_segment_id === null ? [] : [a.user_segment_id],
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

const isId = (v: unknown): v is number => typeof v === "number" && Number.isSafeInteger(v) && v > 0;

/** The body Guide answered a create without both ids with (cloudbees-oss/zendesk-java-client#289). */
function missingAttributes(names: string[]) {
  const why: Record<string, string> = {
    user_segment_id: "You must provide user_segment_id. Set to 'null' to make it visible to everyone.",
    permission_group_id: "You must provide permission_group_id.",
    label_names: "label_names must be an array of strings.",
    draft: "draft must be a boolean.",
  };
  const message = names
    .map((n) => `You passed an invalid value for the ${n} attribute. ${why[n] ?? ""}`.trim())
    .join(" ");
  return json(400, { title: "Invalid attribute", message });
}

function invalid(details: Record<string, string>) {
  return json(422, {
    error: "RecordInvalid",
    description: "Record validation errors",
    details: Object.fromEntries(
      Object.entries(details).map(([field, description]) => [
        field,
        [{ description, error: "InvalidValue" }],
      ]),
    ),
  });
}

/**
 * Order as Guide checks (as far as known): the section, the body, the attributes that must be present, the
 * records they name, then the article's own validations.
 */
function createArticle(req: StandinRequest, ctx: ApiContext, match: RegExpExecArray) {
  const hc = ctx.helpCenter;
  const section = hc.sections.get(Number(match[2]));
  if (!section) return json(404, NOT_FOUND);
  const raw = parseJson(req.body);
  if (!raw.ok) return raw.response;
  const a = isRecord(raw.value) && isRecord(raw.value.article) ? raw.value.article : {};
  const missing: string[] = [];
  if (!("user_segment_id" in a) || (a.user_segment_id !== null && !isId(a.user_segment_id)))
    missing.push("user_segment_id");
  if (!isId(a.permission_group_id)) missing.push("permission_group_id");
  const labels = a.label_names ?? [];
  if (!Array.isArray(labels) || !labels.every((l) => typeof l === "string")) missing.push("label_names");
  if (a.draft !== undefined && typeof a.draft !== "boolean") missing.push("draft");
  if (missing.length > 0) return missingAttributes(missing);
  // A user segment id that is not one: RecordNotFound (facetoe/zenpy#527); a permission group alike (unverified).
  if (a.user_segment_id !== null && !hc.userSegments.some((s) => s.id === a.user_segment_id))
    return json(404, NOT_FOUND);
  if (!hc.permissionGroups.some((g) => g.id === a.permission_group_id)) return json(404, NOT_FOUND);
  const locale = typeof a.locale === "string" ? a.locale.toLowerCase() : match[1];
  const problems: Record<string, string> = {};
  if (typeof a.title !== "string" || a.title.trim() === "") problems.title = "Title: cannot be blank";
  if (!locale || !hc.locales.includes(locale)) problems.locale = `Locale: ${locale ?? "none"} is not enabled`;
  if (Object.keys(problems).length > 0) return invalid(problems);
  const article = hc.addArticle({
    section_id: section.id,
    title: String(a.title),
    body: typeof a.body === "string" ? a.body : "",
    locale: String(locale),
    permission_group_id: Number(a.permission_group_id),
    user_segment_id: isId(a.user_segment_id) ? a.user_segment_id : null,
    draft: a.draft === true,
    label_names: labels as string[],
    author_id: ctx.principal.user.id,
  });
  return json(
    201,
    { article: renderArticle(article, ctx.base) },
    { Location: `${ctx.base}/api/v2/help_center/articles/${article.id}.json` },
  );
}

type Handle = Route<ApiContext>["handle"];

/** Every Help Center endpoint of an account without Guide: 404 (unverified; what facetoe/zenpy#631 saw). */
const guide =
  (handle: Handle): Handle =>
  (req, ctx, match) =>
    ctx.helpCenter.enabled ? handle(req, ctx, match) : json(404, NOT_FOUND);

const live = (hc: HelpCenter, id: string | undefined) => hc.article(Number(id));

// An optional locale segment, as in `/api/v2/help_center/en-us/sections.json`.
const HC = String.raw`^\/api\/v2\/help_center(?:\/([a-z]{2,3}(?:-[a-z0-9]+)?))?`;

export const HELP_CENTER_ROUTES: Route<ApiContext>[] = [
  {
    method: "GET",
    pattern: /^\/api\/v2\/help_center\/locales(?:\.json)?$/,
    handle: guide((_r, ctx) =>
      json(200, { locales: ctx.helpCenter.locales, default_locale: ctx.helpCenter.defaultLocale }),
    ),
  },
  {
    method: "GET",
    pattern: new RegExp(`${HC}\\/sections(?:\\.json)?$`),
    handle: guide((_r, ctx) =>
      json(
        200,
        listOf(
          "sections",
          [...ctx.helpCenter.sections.values()].map((s) => renderSection(s, ctx.base)),
        ),
      ),
    ),
  },
  {
    method: "GET",
    pattern: new RegExp(`${HC}\\/sections\\/(\\d+)\\/articles(?:\\.json)?$`),
    handle: guide((_r, ctx, m) => {
      const id = Number(m[2]);
      if (!ctx.helpCenter.sections.has(id)) return json(404, NOT_FOUND);
      const articles = ctx.helpCenter.articles.filter((a) => a.section_id === id && !a.archived);
      return json(
        200,
        listOf(
          "articles",
          articles.map((a) => renderArticle(a, ctx.base)),
        ),
      );
    }),
  },
  {
    method: "POST",
    pattern: new RegExp(`${HC}\\/sections\\/(\\d+)\\/articles(?:\\.json)?$`),
    handle: guide(createArticle),
  },
  {
    method: "GET",
    pattern: new RegExp(`${HC}\\/articles\\/(\\d+)(?:\\.json)?$`),
    handle: guide((_r, ctx, m) => {
      const article = live(ctx.helpCenter, m[2]);
      return article ? json(200, { article: renderArticle(article, ctx.base) }) : json(404, NOT_FOUND);
    }),
  },
  {
    // "Archive Article": the article leaves every listing; the stand-in keeps it only for the control API.
    method: "DELETE",
    pattern: new RegExp(`${HC}\\/articles\\/(\\d+)(?:\\.json)?$`),
    handle: guide((_r, ctx, m) => {
      const article = live(ctx.helpCenter, m[2]);
      if (!article) return json(404, NOT_FOUND);
      article.archived = true;
      return noContent();
    }),
  },
  {
    method: "GET",
    pattern: /^\/api\/v2\/guide\/permission_groups(?:\.json)?$/,
    handle: guide((_r, ctx) =>
      json(200, {
        permission_groups: ctx.helpCenter.permissionGroups,
        next_page: null,
        previous_page: null,
        count: ctx.helpCenter.permissionGroups.length,
      }),
    ),
  },
];
