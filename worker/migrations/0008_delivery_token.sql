-- A webhook delivery is de-duplicated by the queue consumer, not by the route (the route answers
-- Zendesk without touching D1). The intake gives each accepted delivery a random token, carried by
-- its job; the first job to record an event id keeps its token there, so its own retries go on and
-- a second delivery of the same event (another token) is dropped.
ALTER TABLE webhook_deliveries ADD COLUMN token TEXT;
