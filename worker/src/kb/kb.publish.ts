// Publishing an approved KB entry to the helpdesk's help center as a draft article, at most once per
// entry: a second publish answers the article already there (never a duplicate, never an overwrite of
// what people edited in Guide since); only when that article was deleted in Guide is a new one made.
// A claim on the entry keeps two clicks from racing. Why this and not "update as a new draft":
// docs/guide-publishing.md. Expected failures are values; helpdesk outages stay thrown (→ 502).
import type { GuideSettings, PublishResult } from "../../../common/admin.schema";
import type { ArticleRefusal, HelpCenterArticle, Helpdesk } from "../helpdesk/helpdesk.port";
import { err, ok, type Result } from "../lib/result";
import { UpstreamError } from "../lib/upstream";
import { articleFrom } from "./kb.article";
import type { Publication, PublicationRepo } from "./kb.publish.repo";

/** Longer than the four helpdesk calls a publication makes can take (10 s each at most). */
export const PUBLISH_LEASE_MS = 60_000;

export type PublishFailure =
  | { kind: "not_found" }
  | { kind: "not_approved"; status: string }
  | { kind: "busy" }
  | { kind: "refused"; refusal: ArticleRefusal }
  /** The helpdesk did not confirm the create: the article may exist all the same. */
  | { kind: "uncertain"; detail: string };

export interface PublishDeps {
  publications: PublicationRepo;
  helpdesk: Pick<Helpdesk, "createArticleDraft" | "findArticle">;
  guide: GuideSettings;
  now: () => number;
}

async function digest(text: string): Promise<string> {
  const bytes = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return [...new Uint8Array(bytes)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

const iso = (ms: number) => new Date(ms).toISOString();

function existing(article: HelpCenterArticle | null, p: Publication, currentDigest: string): PublishResult {
  return {
    articleId: p.articleId,
    url: article?.url ?? p.url,
    created: false,
    publishedAt: iso(p.publishedAt),
    stale: p.digest !== null && p.digest !== currentDigest,
    ...(article ? { placement: article.placement } : {}),
    chosen: [],
  };
}

export async function publishEntry(
  deps: PublishDeps,
  id: number,
): Promise<Result<PublishResult, PublishFailure>> {
  const found = await deps.publications.get(id);
  if (!found) return err({ kind: "not_found" });
  const { entry, publication } = found;
  if (entry.status !== "approved") return err({ kind: "not_approved", status: entry.status });
  const draft = articleFrom(entry);
  const currentDigest = await digest(JSON.stringify([draft.title, draft.bodyHtml, draft.labels]));

  if (publication) {
    const article = await deps.helpdesk.findArticle(publication.articleId);
    if (article) return ok(existing(article, publication, currentDigest));
    // Deleted (or archived) in the help center since: publish it anew, in its place.
  }

  const claim = await deps.publications.claim(
    id,
    publication?.articleId ?? null,
    deps.now(),
    PUBLISH_LEASE_MS,
  );
  if (claim.kind === "published") return ok(existing(null, claim.publication, currentDigest));
  if (claim.kind !== "claimed") return err(claim);

  let created: Awaited<ReturnType<PublishDeps["helpdesk"]["createArticleDraft"]>>;
  try {
    created = await deps.helpdesk.createArticleDraft({ ...draft, placement: deps.guide });
  } catch (e) {
    await deps.publications.release(id, claim.token);
    if (e instanceof UpstreamError && e.uncertain) return err({ kind: "uncertain", detail: e.message });
    throw e;
  }
  if (!created.ok) {
    await deps.publications.release(id, claim.token);
    return err({ kind: "refused", refusal: created.error });
  }
  const { article, chosen } = created.value;
  const publishedAt = deps.now();
  const recorded = await deps.publications.record(id, claim.token, {
    articleId: article.id,
    url: article.url,
    publishedAt,
    digest: currentDigest,
  });
  if (!recorded)
    console.warn(`kb entry ${id}: article ${article.id} created after the publish claim expired`);
  return ok({
    articleId: article.id,
    url: article.url,
    created: true,
    publishedAt: iso(publishedAt),
    stale: false,
    placement: article.placement,
    chosen,
  });
}
