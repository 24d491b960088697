-- A migration from a release newer than this build: a nullable column and a new table, the expand step of the
-- rules in docs/migrations.md. This build must keep serving on a database that has it.
ALTER TABLE urls ADD COLUMN description TEXT;
CREATE TABLE url_tags (
    url_id INTEGER NOT NULL REFERENCES urls (id),
    tag    TEXT    NOT NULL,
    PRIMARY KEY (url_id, tag)
);
