// The help-center article a KB entry was published as (kb_entries.article_*, published_*), and the
// claim that keeps two publications of one entry from running at once. One installation's rows only;
// none of these writes touch `updated_at` (publishing is not an edit of the entry).
import * as z from "zod";
import type { KbEntry } from "../../../common/api.schema";
import type { Scope } from "../lib/scope";
import { kbFromRow } from "./kb.repo";

export interface Publication {
  articleId: number;
  url: string;
  /** ms */
  publishedAt: number;
  /** Of the title, body and labels it was created with (kb.publish.ts). */
  digest: string | null;
}

const Row = z.object({
  article_id: z.number().nullable(),
  article_url: z.string().nullable(),
  published_at: z.number().nullable(),
  published_digest: z.string().nullable(),
  publishing_until: z.number().nullable(),
});

function publicationOf(r: z.infer<typeof Row>): Publication | null {
  if (r.article_id === null || r.article_url === null || r.published_at === null) return null;
  return {
    articleId: r.article_id,
    url: r.article_url,
    publishedAt: r.published_at,
    digest: r.published_digest,
  };
}

export type Claim =
  | { kind: "claimed"; token: number }
  | { kind: "not_found" }
  | { kind: "not_approved"; status: KbEntry["status"] }
  /** Another publication of this entry is under way. */
  | { kind: "busy" }
  /** Another publication finished first. */
  | { kind: "published"; publication: Publication };

export class PublicationRepo {
  private readonly db: D1Database;
  private readonly inst: string;
  constructor(scope: Scope) {
    this.db = scope.db;
    this.inst = scope.installationId;
  }

  private async row(id: number): Promise<{ entry: KbEntry; row: z.infer<typeof Row> } | null> {
    const row = await this.db
      .prepare("SELECT * FROM kb_entries WHERE installation_id = ? AND id = ?")
      .bind(this.inst, id)
      .first();
    return row ? { entry: kbFromRow(row), row: Row.parse(row) } : null;
  }

  /** The entry and the article it was published as, if any. */
  async get(id: number): Promise<{ entry: KbEntry; publication: Publication | null } | null> {
    const found = await this.row(id);
    return found ? { entry: found.entry, publication: publicationOf(found.row) } : null;
  }

  /**
   * Holds the entry for one publication until `now + leaseMs`: only while it is approved, nobody else
   * holds it, and it is still published as `expected` (null: not at all). The deadline is the token.
   */
  async claim(id: number, expected: number | null, now: number, leaseMs: number): Promise<Claim> {
    const token = now + leaseMs;
    const claimed = await this.db
      .prepare(
        `UPDATE kb_entries SET publishing_until = ?
         WHERE installation_id = ? AND id = ? AND status = 'approved' AND article_id IS ?
           AND (publishing_until IS NULL OR publishing_until <= ?)
         RETURNING id`,
      )
      .bind(token, this.inst, id, expected, now)
      .first();
    if (claimed) return { kind: "claimed", token };
    const found = await this.row(id);
    if (!found) return { kind: "not_found" };
    if (found.entry.status !== "approved") return { kind: "not_approved", status: found.entry.status };
    const publication = publicationOf(found.row);
    if (publication && publication.articleId !== expected) return { kind: "published", publication };
    return { kind: "busy" };
  }

  /** Records the article and lets go; false when the claim had expired (nothing recorded). */
  async record(id: number, token: number, p: Publication): Promise<boolean> {
    const res = await this.db
      .prepare(
        `UPDATE kb_entries SET article_id = ?, article_url = ?, published_at = ?, published_digest = ?,
           publishing_until = NULL
         WHERE installation_id = ? AND id = ? AND publishing_until = ?`,
      )
      .bind(p.articleId, p.url, p.publishedAt, p.digest, this.inst, id, token)
      .run();
    return res.meta.changes > 0;
  }

  /** Lets go without recording anything (the publication failed). */
  async release(id: number, token: number): Promise<void> {
    await this.db
      .prepare(
        "UPDATE kb_entries SET publishing_until = NULL WHERE installation_id = ? AND id = ? AND publishing_until = ?",
      )
      .bind(this.inst, id, token)
      .run();
  }
}
