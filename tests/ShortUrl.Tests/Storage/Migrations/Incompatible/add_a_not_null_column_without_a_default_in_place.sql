-- Deliberately incompatible: on a table that has rows, SQLite refuses this outright, so the deploy itself fails.
ALTER TABLE urls ADD COLUMN owner TEXT NOT NULL;
