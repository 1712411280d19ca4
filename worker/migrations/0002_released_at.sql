-- When the ticket was last handed back to the AI: a human's public reply
-- written before this moment (but read after it) is not a new take over.
ALTER TABLE tickets ADD COLUMN released_at INTEGER;
