-- The learning loop's proposals carry their evidence (the conversation excerpt, why a person
-- stepped in, the replay's verdict) and may replace an outdated entry; a suggested policy
-- waits for the same signal on more than one ticket before it becomes a proposal.
ALTER TABLE kb_entries ADD COLUMN evidence TEXT;
ALTER TABLE kb_entries ADD COLUMN replaces_id INTEGER;
ALTER TABLE policy_entries ADD COLUMN evidence TEXT;
ALTER TABLE policy_entries ADD COLUMN replaces_id INTEGER;
CREATE INDEX kb_entries_source ON kb_entries (installation_id, source_ticket_id) WHERE source_ticket_id IS NOT NULL;
CREATE INDEX policy_entries_source ON policy_entries (installation_id, source_ticket_id) WHERE source_ticket_id IS NOT NULL;

-- One row per ticket on which a person stepped in after a message about a risk topic (legal,
-- safety, ...) that no policy caught: evidence, not yet a rule.
CREATE TABLE learning_signals (
  installation_id TEXT NOT NULL,
  topic TEXT NOT NULL,
  ticket_id INTEGER NOT NULL,
  keywords TEXT NOT NULL DEFAULT '[]',
  at INTEGER NOT NULL,
  PRIMARY KEY (installation_id, topic, ticket_id)
);
CREATE INDEX learning_signals_at ON learning_signals (installation_id, at);
