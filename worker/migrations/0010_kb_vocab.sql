-- The KB index's vocabulary with each term's document frequency (all installations: they share the
-- index). A view over kb_fts kept by FTS5 itself: it stores nothing and costs no write. The search
-- (worker/src/kb/kb.search.ts) reads it to search a message's rarest terms first, within a budget.
CREATE VIRTUAL TABLE kb_fts_vocab USING fts5vocab(kb_fts, 'row');
