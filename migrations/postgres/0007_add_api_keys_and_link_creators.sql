-- Who may do what, as migrations/0007_add_api_keys_and_link_creators.sql has it for SQLite. `created_by` names the
-- API key that created a link (NULL: created without a key, or by a release before this one); authors manage only the
-- links it names. Nullable, so the previous release's inserts, which do not name it, keep working. The index is
-- partial: links created without a key cost no index entry, and an author's links are found newest first.
ALTER TABLE urls ADD COLUMN created_by text COLLATE "C";

CREATE INDEX ix_urls_created_by ON urls (created_by, id) WHERE created_by IS NOT NULL;

-- Keys added with `ShortUrl keys add`, by name, each with its role (`admin` or `author`). Only the SHA-256 of a key is
-- kept (64 lowercase hex digits, as for keys in the configuration): the key itself is shown once and never stored.
CREATE TABLE api_keys (
    name       text COLLATE "C" PRIMARY KEY,
    role       text        NOT NULL,
    key_hash   text        NOT NULL UNIQUE,
    created_at timestamptz NOT NULL
);

-- When each key, from the database or the configuration, was last used: written at most about once a minute per key,
-- apart from api_keys so that configuration keys have a row too.
CREATE TABLE api_key_uses (
    name         text COLLATE "C" PRIMARY KEY,
    last_used_at timestamptz NOT NULL
);
