-- Optional rules of a link, as migrations/0002_add_link_lifecycle.sql has them for SQLite, each NULL when the link has
-- none: when it stops working, after how many clicks, and the salted hash of its password. Nullable, so the previous
-- release's inserts, which do not name them, keep working.
ALTER TABLE urls
    ADD COLUMN expires_at    timestamptz,
    ADD COLUMN max_clicks    bigint,
    ADD COLUMN password_hash text;
