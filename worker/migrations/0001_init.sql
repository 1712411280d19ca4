-- oHallo for Zendesk: initial schema. See docs/storage-schema.md.
-- Times are integers (milliseconds since the epoch, UTC); JSON columns hold text.

-- Our view of each Zendesk ticket. `version` is the compare-and-set guard:
-- every transition is `UPDATE ... WHERE version = ?`.
-- `send_lease_*` marks an AI reply on its way to Zendesk: a take over waits for
-- it to settle before it is acknowledged (docs/decisions/001-ticket-state-model.md).
CREATE TABLE tickets (
  ticket_id INTEGER PRIMARY KEY,
  state TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'in_progress', 'resolved')),
  owner_id INTEGER,
  owner_name TEXT,
  autonomy TEXT CHECK (autonomy IN ('auto', 'draft_only', 'off')),
  auto_release_hours REAL,
  version INTEGER NOT NULL DEFAULT 0,
  write_token TEXT,
  send_lease_id TEXT,
  send_lease_until INTEGER,
  requester_id INTEGER,
  subject TEXT,
  zendesk_status TEXT,
  held_since INTEGER,
  last_human_at INTEGER,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX tickets_state ON tickets (state, last_human_at);

-- Every comment seen on a ticket, from webhooks or read back from Zendesk.
-- `disposition` is what became of a customer message: exactly one outcome.
CREATE TABLE messages (
  comment_id INTEGER PRIMARY KEY,
  ticket_id INTEGER NOT NULL,
  author_kind TEXT NOT NULL CHECK (author_kind IN ('customer', 'agent', 'ai')),
  author_id INTEGER,
  author_name TEXT,
  is_public INTEGER NOT NULL,
  body TEXT NOT NULL,
  disposition TEXT NOT NULL CHECK (disposition IN ('pending', 'replied', 'attention', 'held', 'none')),
  outcome_ref TEXT,
  created_at INTEGER NOT NULL,
  settled_at INTEGER
);
CREATE INDEX messages_ticket ON messages (ticket_id, created_at);
CREATE INDEX messages_pending ON messages (ticket_id, disposition);

-- The audit log: every transition and every AI decision, never updated.
CREATE TABLE ticket_events (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  ticket_id INTEGER NOT NULL,
  at INTEGER NOT NULL,
  type TEXT NOT NULL,
  actor_kind TEXT NOT NULL CHECK (actor_kind IN ('agent', 'ai', 'customer', 'system')),
  actor_id INTEGER,
  actor_name TEXT,
  from_state TEXT,
  to_state TEXT,
  reason TEXT,
  detail TEXT
);
CREATE INDEX ticket_events_ticket ON ticket_events (ticket_id, id);

CREATE TABLE attention_items (
  id INTEGER PRIMARY KEY,
  ticket_id INTEGER NOT NULL,
  type TEXT NOT NULL CHECK (type IN ('validation_failed', 'approval_required', 'escalation', 'human_requested', 'ai_error')),
  reason TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'resolved')),
  created_at INTEGER NOT NULL,
  resolved_at INTEGER,
  resolved_by_id INTEGER,
  resolved_by_name TEXT
);
CREATE INDEX attention_open ON attention_items (status, created_at);
CREATE INDEX attention_ticket ON attention_items (ticket_id, status);

-- AI replies: sent, or held for approval. `status` walks
-- held → sending → sent | discarded, or sending → sent (auto).
CREATE TABLE drafts (
  id INTEGER PRIMARY KEY,
  ticket_id INTEGER NOT NULL,
  body TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('held', 'sending', 'sent', 'discarded', 'refused')),
  -- {"kb": [cited KB entry ids], "replyTo": [comment ids this draft answers]}
  meta TEXT NOT NULL DEFAULT '{}',
  attention_id INTEGER,
  created_at INTEGER NOT NULL,
  settled_at INTEGER
);
CREATE INDEX drafts_ticket ON drafts (ticket_id, status);

-- Accepted webhook deliveries, for de-duplication on the event id.
CREATE TABLE webhook_deliveries (
  event_id TEXT PRIMARY KEY,
  event_type TEXT NOT NULL,
  ticket_id INTEGER,
  received_at INTEGER NOT NULL
);
CREATE INDEX webhook_deliveries_received ON webhook_deliveries (received_at);

CREATE TABLE kb_entries (
  id INTEGER PRIMARY KEY,
  question TEXT NOT NULL,
  answer TEXT NOT NULL,
  topics TEXT NOT NULL DEFAULT '[]',
  status TEXT NOT NULL DEFAULT 'approved' CHECK (status IN ('approved', 'pending_review', 'rejected', 'archived')),
  source_type TEXT NOT NULL DEFAULT 'manual' CHECK (source_type IN ('manual', 'learning_loop', 'import')),
  confidence REAL,
  motivation TEXT,
  source_ticket_id INTEGER,
  reject_reason TEXT,
  usage_count INTEGER NOT NULL DEFAULT 0,
  last_used_at INTEGER,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX kb_entries_status ON kb_entries (status, updated_at);

-- Full-text index over question, answer and topics (external content: the
-- triggers keep it in step with kb_entries).
CREATE VIRTUAL TABLE kb_fts USING fts5 (
  question, answer, topics,
  content = 'kb_entries', content_rowid = 'id',
  tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER kb_entries_ai AFTER INSERT ON kb_entries BEGIN
  INSERT INTO kb_fts (rowid, question, answer, topics) VALUES (new.id, new.question, new.answer, new.topics);
END;
CREATE TRIGGER kb_entries_ad AFTER DELETE ON kb_entries BEGIN
  INSERT INTO kb_fts (kb_fts, rowid, question, answer, topics) VALUES ('delete', old.id, old.question, old.answer, old.topics);
END;
CREATE TRIGGER kb_entries_au AFTER UPDATE OF question, answer, topics ON kb_entries BEGIN
  INSERT INTO kb_fts (kb_fts, rowid, question, answer, topics) VALUES ('delete', old.id, old.question, old.answer, old.topics);
  INSERT INTO kb_fts (rowid, question, answer, topics) VALUES (new.id, new.question, new.answer, new.topics);
END;

CREATE TABLE policy_entries (
  id INTEGER PRIMARY KEY,
  topic TEXT NOT NULL,
  rule_text TEXT NOT NULL,
  conditions TEXT NOT NULL DEFAULT '{}',
  action TEXT NOT NULL CHECK (action IN ('escalate', 'require_approval', 'guideline')),
  status TEXT NOT NULL DEFAULT 'approved' CHECK (status IN ('approved', 'pending_review', 'rejected', 'archived')),
  source_type TEXT NOT NULL DEFAULT 'manual' CHECK (source_type IN ('manual', 'learning_loop', 'import')),
  confidence REAL,
  rationale TEXT,
  source_ticket_id INTEGER,
  reject_reason TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX policy_entries_status ON policy_entries (status, updated_at);

-- Installation settings (one row per key, JSON value).
CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
