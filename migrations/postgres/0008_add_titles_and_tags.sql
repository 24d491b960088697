-- A title per link and tags on links, as migrations/0008_add_titles_and_tags.sql has them for SQLite. `title` is
-- nullable, so the previous release's inserts, which do not name it, keep working; the service keeps it to 512
-- characters. A tag is a row of `tags` by its normalised name, shared by every link that carries it through
-- `link_tags`; `position` keeps a link's tags in the order they were given. Names compare byte for byte ("C"), so
-- both databases sort tags the same way.
ALTER TABLE urls ADD COLUMN title text;

CREATE TABLE tags (
    id   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name text COLLATE "C" NOT NULL UNIQUE
);

CREATE TABLE link_tags (
    url_id   bigint  NOT NULL,
    tag_id   bigint  NOT NULL,
    position integer NOT NULL DEFAULT 0,
    PRIMARY KEY (url_id, tag_id)
);

-- The links of a tag, for its counts, a rename or a delete, and a filter by tag.
CREATE INDEX ix_link_tags_tag_id ON link_tags (tag_id, url_id);

-- A deleted link's tags go with it, whichever release deletes it.
CREATE FUNCTION shorturl_delete_link_tags() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM link_tags WHERE url_id = OLD.id;
    RETURN OLD;
END;
$$;

CREATE TRIGGER urls_delete_link_tags AFTER DELETE ON urls
    FOR EACH ROW EXECUTE FUNCTION shorturl_delete_link_tags();
