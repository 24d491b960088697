-- Deliberately incompatible: the previous release inserts links without an owner, so its inserts now fail.
-- SQLite refuses `ADD COLUMN owner TEXT NOT NULL` on a table with rows, so this is the table rebuild that gets there.
CREATE TABLE urls_with_owner (
    id         INTEGER PRIMARY KEY,
    code       TEXT    NOT NULL UNIQUE,
    url        TEXT    NOT NULL,
    created_at TEXT    NOT NULL,
    clicks     INTEGER NOT NULL DEFAULT 0,
    expires_at TEXT,
    max_clicks INTEGER,
    password_hash TEXT,
    created_by TEXT,
    title      TEXT,
    forward_query INTEGER NOT NULL DEFAULT 1,
    redirect_rules TEXT,
    index_later INTEGER,
    owner      TEXT    NOT NULL
);
INSERT INTO urls_with_owner (id, code, url, created_at, clicks, expires_at, max_clicks, password_hash, created_by, title, forward_query, redirect_rules, index_later, owner)
SELECT id, code, url, created_at, clicks, expires_at, max_clicks, password_hash, created_by, title, forward_query, redirect_rules, index_later, 'nobody' FROM urls;
-- SQLite drops urls only once no trigger elsewhere reads it (the search's, of 0009); a real rebuild recreates them.
DROP TRIGGER link_tags_search_insert;
DROP TRIGGER link_tags_search_delete;
DROP TRIGGER tags_search_rename;
DROP TABLE urls;
ALTER TABLE urls_with_owner RENAME TO urls;
CREATE INDEX ix_urls_created_at ON urls (created_at DESC, id DESC);
CREATE INDEX ix_urls_created_by ON urls (created_by, id) WHERE created_by IS NOT NULL;
