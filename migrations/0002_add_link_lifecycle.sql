-- Optional rules of a link, each NULL when the link has none: when it stops working (`expires_at`, ISO 8601 UTC text
-- like `created_at`), after how many clicks (`max_clicks`), and the salted hash of its password (`password_hash`).
-- Nullable, so the previous release's inserts, which do not name them, keep working.
ALTER TABLE urls ADD COLUMN expires_at TEXT;
ALTER TABLE urls ADD COLUMN max_clicks INTEGER;
ALTER TABLE urls ADD COLUMN password_hash TEXT;
