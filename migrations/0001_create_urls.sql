-- The links themselves. `code` is either a generated code or a user's alias; both are case-sensitive,
-- which is SQLite's default (BINARY) collation.
CREATE TABLE urls (
    id         INTEGER PRIMARY KEY,
    code       TEXT    NOT NULL UNIQUE,
    url        TEXT    NOT NULL,
    created_at TEXT    NOT NULL,
    clicks     INTEGER NOT NULL DEFAULT 0
);

CREATE INDEX ix_urls_created_at ON urls (created_at DESC, id DESC);
