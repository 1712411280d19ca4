// Guide (Zendesk's help center) behind the Helpdesk port's article calls: where a draft goes when the
// admin named no place (Guide's first section and first management permission group, its default
// locale), the create call, and Guide's refusals as values. It never publishes: `draft: true` always,
// `user_segment_id: null` (everyone, signed in or not, once a person publishes it), no subscriber mail.
import * as z from "zod";
import { err, ok, type Result } from "../../lib/result";
import {
  type ArticleDraft,
  type ArticlePlacement,
  type ArticleRefusal,
  type ChosenPart,
  type HelpCenterArticle,
  HelpdeskError,
} from "../helpdesk.port";
import type { ZendeskClient } from "./zendesk.client";

/** Guide's ids are numbers (13 digits today); a decimal string is read too, as Zendesk advises clients to. */
const id = z
  .union([z.number(), z.string().regex(/^\d+$/)])
  .transform(Number)
  .pipe(z.number().int().positive().max(Number.MAX_SAFE_INTEGER));

const ArticleWire = z.looseObject({
  id,
  html_url: z.string().min(1),
  draft: z.boolean().default(false),
  section_id: id,
  permission_group_id: id,
  locale: z.string().min(1),
});
const ArticleAnswer = z.object({ article: ArticleWire });
const SectionsPage = z.looseObject({ sections: z.array(z.looseObject({ id })) });
const GroupsPage = z.looseObject({ permission_groups: z.array(z.looseObject({ id })) });
const Locales = z.looseObject({ default_locale: z.string().min(1) });

/** An answer we cannot read is Zendesk's failure, not the caller's (a ZodError would read as a bad request). */
function read<T>(schema: z.ZodType<T>, value: unknown, what: string, uncertain = false): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw new HelpdeskError(`Zendesk answered ${what} in a shape we do not know`, false, null, null, uncertain);
}

function article(a: z.infer<typeof ArticleWire>): HelpCenterArticle {
  return {
    id: a.id,
    url: a.html_url,
    draft: a.draft,
    placement: { sectionId: a.section_id, permissionGroupId: a.permission_group_id, locale: a.locale },
  };
}

/** A status Guide answers for a reason an admin must fix, as a value; anything else stays thrown. */
function refusal(e: unknown, onNotFound: ArticleRefusal): ArticleRefusal {
  if (!(e instanceof HelpdeskError)) throw e;
  if (e.status === 404) return onNotFound;
  if (e.status === 403) return { kind: "forbidden" };
  if (e.status === 400 || e.status === 422) return { kind: "invalid", detail: e.message };
  throw e;
}

type Resolved = Result<{ placement: ArticlePlacement; chosen: ChosenPart[] }, ArticleRefusal>;

/** The admin's placement, its gaps filled from Guide; one request per gap. */
async function resolve(zd: ZendeskClient, wanted: ArticleDraft["placement"]): Promise<Resolved> {
  const chosen: ChosenPart[] = [];
  try {
    let { sectionId, permissionGroupId, locale } = wanted;
    if (sectionId === null) {
      const path = "/api/v2/help_center/sections.json?sort_by=position&sort_order=asc&per_page=1";
      const page = read(SectionsPage, await zd.request("GET", path), "the sections");
      sectionId = page.sections[0]?.id ?? null;
      if (sectionId === null) return err({ kind: "no_section" });
      chosen.push("sectionId");
    }
    if (permissionGroupId === null) {
      const answer = await zd.request("GET", "/api/v2/guide/permission_groups.json");
      const page = read(GroupsPage, answer, "the permission groups");
      permissionGroupId = page.permission_groups[0]?.id ?? null;
      if (permissionGroupId === null) return err({ kind: "no_permission_group" });
      chosen.push("permissionGroupId");
    }
    if (locale === null) {
      const answer = await zd.request("GET", "/api/v2/help_center/locales.json");
      locale = read(Locales, answer, "the locales").default_locale;
      chosen.push("locale");
    }
    return ok({ placement: { sectionId, permissionGroupId, locale }, chosen });
  } catch (e) {
    return err(refusal(e, { kind: "no_help_center" }));
  }
}

export async function createArticleDraft(
  zd: ZendeskClient,
  draft: ArticleDraft,
): Promise<Result<{ article: HelpCenterArticle; chosen: ChosenPart[] }, ArticleRefusal>> {
  const where = await resolve(zd, draft.placement);
  if (!where.ok) return where;
  const { placement, chosen } = where.value;
  const payload = {
    article: {
      title: draft.title,
      body: draft.bodyHtml,
      locale: placement.locale,
      permission_group_id: placement.permissionGroupId,
      user_segment_id: null,
      draft: true,
      label_names: draft.labels,
    },
    notify_subscribers: false,
  };
  let answer: unknown;
  try {
    answer = await zd.request(
      "POST",
      `/api/v2/help_center/sections/${placement.sectionId}/articles.json`,
      payload,
    );
  } catch (e) {
    return err(refusal(e, { kind: "not_found", placement }));
  }
  // Created, but unreadable: the article may well exist.
  return ok({ article: article(read(ArticleAnswer, answer, "the new article", true).article), chosen });
}

export async function findArticle(zd: ZendeskClient, articleId: number): Promise<HelpCenterArticle | null> {
  let answer: unknown;
  try {
    answer = await zd.request("GET", `/api/v2/help_center/articles/${articleId}.json`);
  } catch (e) {
    if (e instanceof HelpdeskError && e.status === 404) return null;
    throw e;
  }
  return article(read(ArticleAnswer, answer, "the article").article);
}
