-- Statistics (GET /api/stats, worker/src/stats/): when a proposal was decided, and the indexes
-- that keep one statistics answer to one D1 batch reading only the rows it counts.
-- See docs/storage-schema.md.

-- A proposal's decision and when it was made. `updated_at` moves on every edit (an approved
-- entry edited a month later, usage counts), and `status` forgets an approval once the entry is
-- archived, so neither says when a person decided. The triggers record it whatever code path
-- changes the status (the entries' routes, the learning loop): a change to approved or rejected
-- from anything but archived (restoring an archived entry is not a decision). A changed mind
-- (rejected, then approved) keeps the last decision.
ALTER TABLE kb_entries ADD COLUMN decision TEXT CHECK (decision IN ('approved', 'rejected'));
ALTER TABLE kb_entries ADD COLUMN decided_at INTEGER;
ALTER TABLE policy_entries ADD COLUMN decision TEXT CHECK (decision IN ('approved', 'rejected'));
ALTER TABLE policy_entries ADD COLUMN decided_at INTEGER;

CREATE TRIGGER kb_entries_decided AFTER UPDATE OF status ON kb_entries
  WHEN new.status IN ('approved', 'rejected') AND old.status NOT IN (new.status, 'archived')
BEGIN
  UPDATE kb_entries SET decision = new.status, decided_at = new.updated_at
    WHERE installation_id = new.installation_id AND id = new.id;
END;
CREATE TRIGGER policy_entries_decided AFTER UPDATE OF status ON policy_entries
  WHEN new.status IN ('approved', 'rejected') AND old.status NOT IN (new.status, 'archived')
BEGIN
  UPDATE policy_entries SET decision = new.status, decided_at = new.updated_at
    WHERE installation_id = new.installation_id AND id = new.id;
END;

-- Proposals decided before this migration: their last change is the best time there is.
UPDATE kb_entries SET decision = status, decided_at = updated_at
  WHERE source_type = 'learning_loop' AND status IN ('approved', 'rejected');
UPDATE policy_entries SET decision = status, decided_at = updated_at
  WHERE source_type = 'learning_loop' AND status IN ('approved', 'rejected');

-- The audit log is the largest table and every statistic reads one type of event over a period:
-- with (installation, at) alone each of the four reads would fetch every event of the period
-- (most are AI decisions) to look at its type.
CREATE INDEX ticket_events_type_at ON ticket_events (installation_id, type, at);

-- Attention items raised in a period (attention_open leads with status).
CREATE INDEX attention_age ON attention_items (installation_id, created_at);
