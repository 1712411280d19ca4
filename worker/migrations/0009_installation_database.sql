-- Which D1 database holds an installation's rows (decision 007: installations spread over several
-- databases when one fills up). The binding's name, e.g. `DB` or `DB_1`; the registry itself stays
-- in `DB`. Chosen at the first connect (the least used database bound to the Worker), kept after.
ALTER TABLE installations ADD COLUMN database TEXT NOT NULL DEFAULT 'DB';
