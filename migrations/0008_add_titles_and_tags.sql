-- A title per link and tags on links. `title` is nullable, so the previous release's inserts, which do not name it,
-- keep working; it holds at most 512 characters (the service checks, not the schema: a CHECK could refuse what the
-- previous release writes). A tag is a row of `tags` by its normalised name (lower-case; see the README), shared by
-- every link that carries it through `link_tags`; `position` keeps a link's tags in the order they were given.
ALTER TABLE urls ADD COLUMN title TEXT;

CREATE TABLE tags (
    id   INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE
);

CREATE TABLE link_tags (
    url_id   INTEGER NOT NULL,
    tag_id   INTEGER NOT NULL,
    position INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (url_id, tag_id)
) WITHOUT ROWID;

-- The links of a tag, for its counts, a rename or a delete, and a filter by tag.
CREATE INDEX ix_link_tags_tag_id ON link_tags (tag_id, url_id);

-- A deleted link's tags go with it, whichever release deletes it: SQLite gives the next new link the id of the newest
-- row once that row is deleted, so rows left behind would tag the next link created.
CREATE TRIGGER urls_delete_link_tags AFTER DELETE ON urls
BEGIN
    DELETE FROM link_tags WHERE url_id = OLD.id;
END;
