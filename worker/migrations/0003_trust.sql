-- Drafts, attention and hand-offs an agent can trust (see docs/storage-schema.md).

-- The ticket record knows its one current held draft and whether it waits for a
-- person (an open human_requested or escalation item): both are decided by the
-- ticket machine under the same compare-and-set as ownership.
ALTER TABLE tickets ADD COLUMN held_draft_id INTEGER;
ALTER TABLE tickets ADD COLUMN waiting INTEGER NOT NULL DEFAULT 0;

-- Drafts gain a kind (a reply, or the acknowledgement that a person will answer)
-- and the statuses a draft can end in without being sent: `queued` (an
-- acknowledgement not yet sent), `withdrawn` (a take over or resolve came first),
-- `superseded` (the customer wrote again). SQLite cannot alter a CHECK: rebuild.
CREATE TABLE drafts_new (
  id INTEGER PRIMARY KEY,
  ticket_id INTEGER NOT NULL,
  kind TEXT NOT NULL DEFAULT 'reply' CHECK (kind IN ('reply', 'ack')),
  body TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('queued', 'held', 'sending', 'sent', 'discarded', 'refused', 'withdrawn', 'superseded')),
  meta TEXT NOT NULL DEFAULT '{}',
  attention_id INTEGER,
  created_at INTEGER NOT NULL,
  settled_at INTEGER
);
INSERT INTO drafts_new (id, ticket_id, body, status, meta, attention_id, created_at, settled_at)
  SELECT id, ticket_id, body, status, meta, attention_id, created_at, settled_at FROM drafts;
DROP TABLE drafts;
ALTER TABLE drafts_new RENAME TO drafts;
CREATE INDEX drafts_ticket ON drafts (ticket_id, status);
CREATE INDEX drafts_sent ON drafts (ticket_id, kind, settled_at) WHERE status = 'sent';

-- Only the newest held draft of a ticket stays current.
UPDATE drafts SET status = 'superseded'
  WHERE status = 'held' AND id < (SELECT max(d.id) FROM drafts d WHERE d.ticket_id = drafts.ticket_id AND d.status = 'held');
UPDATE tickets SET held_draft_id = (SELECT max(d.id) FROM drafts d WHERE d.ticket_id = tickets.ticket_id AND d.status = 'held');

-- Attention items carry a code and parameters (the sidebar translates them; the
-- English `reason` stays for integrators), how often they were raised, and at
-- most one open item per ticket and type: a repeat updates it.
ALTER TABLE attention_items ADD COLUMN code TEXT;
ALTER TABLE attention_items ADD COLUMN params TEXT;
ALTER TABLE attention_items ADD COLUMN raised_count INTEGER NOT NULL DEFAULT 1;
ALTER TABLE attention_items ADD COLUMN updated_at INTEGER;
UPDATE attention_items SET status = 'resolved', resolved_at = created_at
  WHERE status = 'open' AND id < (SELECT max(a.id) FROM attention_items a
    WHERE a.ticket_id = attention_items.ticket_id AND a.type = attention_items.type AND a.status = 'open');
CREATE UNIQUE INDEX attention_one_open ON attention_items (ticket_id, type) WHERE status = 'open';
UPDATE tickets SET waiting = 1 WHERE EXISTS (SELECT 1 FROM attention_items a
  WHERE a.ticket_id = tickets.ticket_id AND a.status = 'open' AND a.type IN ('human_requested', 'escalation'));

-- A webhook event too large for a queue message (128 KB) waits here; the queue
-- carries its id. Deleted once applied.
CREATE TABLE job_payloads (
  id TEXT PRIMARY KEY,
  body TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
