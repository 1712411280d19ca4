-- Publishing a KB entry to the helpdesk's help center (Zendesk Guide) as a draft article.
-- The article is remembered on the entry, so publishing again answers that article instead
-- of creating a second one (docs/guide-publishing.md). 0005 and 0006 are reserved for other
-- work; nothing here depends on them.

-- The help center's article id, where a person opens it, when (ms) it was created, and a digest
-- (SHA-256 hex) of the title, body and labels it was created with: the entry's text has changed
-- since when the digest no longer matches (a status change alone does not count).
ALTER TABLE kb_entries ADD COLUMN article_id INTEGER;
ALTER TABLE kb_entries ADD COLUMN article_url TEXT;
ALTER TABLE kb_entries ADD COLUMN published_at INTEGER;
ALTER TABLE kb_entries ADD COLUMN published_digest TEXT;
-- A publication under way holds the entry until then (ms): a second click waits for the first
-- instead of creating a duplicate. Also the claim's token: only its holder records or releases it.
ALTER TABLE kb_entries ADD COLUMN publishing_until INTEGER;
