-- Installations: one Worker serves every Zendesk account that connects it. Every row
-- belongs to one installation; 'default' is the one the Worker's configuration
-- describes (development and single-account deploys). See docs/decisions/006-installations.md.

CREATE TABLE installations (
  id TEXT PRIMARY KEY,
  subdomain TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('connecting', 'connected', 'disconnected')),
  -- SHA-256 (hex) of the installation's API secret: how a sidebar call finds its installation.
  api_secret_hash TEXT,
  -- Encrypted with ENCRYPTION_KEY (AES-GCM): the webhook's signing secret and the OAuth tokens.
  webhook_id TEXT,
  webhook_secret_enc TEXT,
  access_token_enc TEXT,
  refresh_token_enc TEXT,
  access_expires_at INTEGER,
  refresh_expires_at INTEGER,
  -- Renewal: one at a time (a rotating refresh token works once), by compare-and-set.
  token_version INTEGER NOT NULL DEFAULT 0,
  renewing_until INTEGER,
  app_installation_id INTEGER,
  connected_by_id INTEGER,
  ai_agent_id INTEGER,
  -- Zendesk asked us to slow down (429): this installation's queue work waits until then.
  paused_until INTEGER,
  disconnected_reason TEXT,
  delete_after INTEGER,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE UNIQUE INDEX installations_subdomain ON installations (subdomain);
CREATE UNIQUE INDEX installations_api_secret ON installations (api_secret_hash) WHERE api_secret_hash IS NOT NULL;

-- A connect in progress: the OAuth state (single use, 10 minutes) and its PKCE verifier.
CREATE TABLE oauth_states (
  state TEXT PRIMARY KEY,
  subdomain TEXT NOT NULL,
  code_verifier_enc TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  used_at INTEGER
);

-- Tables whose key is a Zendesk id get the installation in their key (ticket and comment
-- ids of two accounts may be equal). SQLite cannot change a key in place: rebuild.
CREATE TABLE tickets_new (
  installation_id TEXT NOT NULL DEFAULT 'default',
  ticket_id INTEGER NOT NULL,
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
  released_at INTEGER,
  held_draft_id INTEGER,
  waiting INTEGER NOT NULL DEFAULT 0,
  -- The tags last mirrored onto the ticket (JSON), so an unchanged mirror is not written again.
  mirrored TEXT,
  -- Where the ticket came from: an admin may limit the AI to channels, brands or groups.
  channel TEXT,
  brand_id INTEGER,
  group_id INTEGER,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (installation_id, ticket_id)
);
INSERT INTO tickets_new (installation_id, ticket_id, state, owner_id, owner_name, autonomy, auto_release_hours,
  version, write_token, send_lease_id, send_lease_until, requester_id, subject, zendesk_status, held_since,
  last_human_at, released_at, held_draft_id, waiting, created_at, updated_at)
  SELECT 'default', ticket_id, state, owner_id, owner_name, autonomy, auto_release_hours, version, write_token,
    send_lease_id, send_lease_until, requester_id, subject, zendesk_status, held_since, last_human_at,
    released_at, held_draft_id, waiting, created_at, updated_at FROM tickets;
DROP TABLE tickets;
ALTER TABLE tickets_new RENAME TO tickets;
CREATE INDEX tickets_state ON tickets (state, last_human_at);

CREATE TABLE messages_new (
  installation_id TEXT NOT NULL DEFAULT 'default',
  comment_id INTEGER NOT NULL,
  ticket_id INTEGER NOT NULL,
  author_kind TEXT NOT NULL CHECK (author_kind IN ('customer', 'agent', 'ai')),
  author_id INTEGER,
  author_name TEXT,
  is_public INTEGER NOT NULL,
  body TEXT NOT NULL,
  disposition TEXT NOT NULL CHECK (disposition IN ('pending', 'replied', 'attention', 'held', 'none')),
  outcome_ref TEXT,
  created_at INTEGER NOT NULL,
  settled_at INTEGER,
  PRIMARY KEY (installation_id, comment_id)
);
INSERT INTO messages_new (installation_id, comment_id, ticket_id, author_kind, author_id, author_name, is_public,
  body, disposition, outcome_ref, created_at, settled_at)
  SELECT 'default', comment_id, ticket_id, author_kind, author_id, author_name, is_public, body, disposition,
    outcome_ref, created_at, settled_at FROM messages;
DROP TABLE messages;
ALTER TABLE messages_new RENAME TO messages;
CREATE INDEX messages_ticket ON messages (installation_id, ticket_id, created_at);
CREATE INDEX messages_age ON messages (installation_id, created_at);

CREATE TABLE webhook_deliveries_new (
  installation_id TEXT NOT NULL DEFAULT 'default',
  event_id TEXT NOT NULL,
  event_type TEXT NOT NULL,
  ticket_id INTEGER,
  received_at INTEGER NOT NULL,
  PRIMARY KEY (installation_id, event_id)
);
INSERT INTO webhook_deliveries_new (installation_id, event_id, event_type, ticket_id, received_at)
  SELECT 'default', event_id, event_type, ticket_id, received_at FROM webhook_deliveries;
DROP TABLE webhook_deliveries;
ALTER TABLE webhook_deliveries_new RENAME TO webhook_deliveries;
CREATE INDEX webhook_deliveries_received ON webhook_deliveries (received_at);

CREATE TABLE job_payloads_new (
  installation_id TEXT NOT NULL DEFAULT 'default',
  id TEXT NOT NULL,
  body TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (installation_id, id)
);
INSERT INTO job_payloads_new (installation_id, id, body, created_at)
  SELECT 'default', id, body, created_at FROM job_payloads;
DROP TABLE job_payloads;
ALTER TABLE job_payloads_new RENAME TO job_payloads;

CREATE TABLE settings_new (
  installation_id TEXT NOT NULL DEFAULT 'default',
  key TEXT NOT NULL,
  value TEXT NOT NULL,
  PRIMARY KEY (installation_id, key)
);
INSERT INTO settings_new (installation_id, key, value) SELECT 'default', key, value FROM settings;
DROP TABLE settings;
ALTER TABLE settings_new RENAME TO settings;

-- Tables keyed by our own ids keep their key and gain the installation.
ALTER TABLE ticket_events ADD COLUMN installation_id TEXT NOT NULL DEFAULT 'default';
DROP INDEX ticket_events_ticket;
CREATE INDEX ticket_events_ticket ON ticket_events (installation_id, ticket_id, id);
CREATE INDEX ticket_events_at ON ticket_events (installation_id, at);

ALTER TABLE attention_items ADD COLUMN installation_id TEXT NOT NULL DEFAULT 'default';
DROP INDEX attention_open;
DROP INDEX attention_ticket;
DROP INDEX attention_one_open;
CREATE INDEX attention_open ON attention_items (installation_id, status, created_at);
CREATE INDEX attention_ticket ON attention_items (installation_id, ticket_id, status);
CREATE UNIQUE INDEX attention_one_open ON attention_items (installation_id, ticket_id, type) WHERE status = 'open';

ALTER TABLE drafts ADD COLUMN installation_id TEXT NOT NULL DEFAULT 'default';
DROP INDEX drafts_ticket;
DROP INDEX drafts_sent;
CREATE INDEX drafts_ticket ON drafts (installation_id, ticket_id, status);
CREATE INDEX drafts_sent ON drafts (installation_id, ticket_id, kind, settled_at) WHERE status = 'sent';
CREATE INDEX drafts_age ON drafts (installation_id, created_at);

ALTER TABLE kb_entries ADD COLUMN installation_id TEXT NOT NULL DEFAULT 'default';
DROP INDEX kb_entries_status;
CREATE INDEX kb_entries_status ON kb_entries (installation_id, status, updated_at);

ALTER TABLE policy_entries ADD COLUMN installation_id TEXT NOT NULL DEFAULT 'default';
DROP INDEX policy_entries_status;
CREATE INDEX policy_entries_status ON policy_entries (installation_id, status, updated_at);
