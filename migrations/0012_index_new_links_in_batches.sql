-- New links reach the search index (migration 0009) in batches, in the background, instead of one at a time inside
-- their create: the trigram index costs a create more than the rest of it does, and much of that cost is per
-- transaction, so a batch of a few hundred links costs far less per link than each on its own.
--
-- A row this release inserts carries index_later = 1; its background indexer adds such rows to link_search and clears
-- the mark. Until then a search finds them by a scan of the marked rows alone (a partial index keeps those few apart).
-- A row without the mark, as the previous release inserts it, is indexed by the trigger as before: that release,
-- still serving while this one deploys or after a rollback, needs no change, and its links are found at once.
ALTER TABLE urls ADD COLUMN index_later INTEGER;

CREATE INDEX ix_urls_index_later ON urls (id) WHERE index_later = 1;

DROP TRIGGER urls_search_insert;
CREATE TRIGGER urls_search_insert AFTER INSERT ON urls WHEN NEW.index_later IS NULL
BEGIN
    INSERT INTO link_search (rowid, code, url, title, tags) VALUES (NEW.id, NEW.code, NEW.url, NEW.title, NULL);
END;

-- A marked row is not in the index yet: the indexer reads what it holds when its turn comes.
DROP TRIGGER urls_search_update;
CREATE TRIGGER urls_search_update AFTER UPDATE OF code, url, title ON urls WHEN NEW.index_later IS NULL
BEGIN
    DELETE FROM link_search WHERE rowid = OLD.id;
    INSERT INTO link_search (rowid, code, url, title, tags)
    SELECT NEW.id, NEW.code, NEW.url, NEW.title,
           (SELECT group_concat(tags.name, char(10)) FROM link_tags JOIN tags ON tags.id = link_tags.tag_id WHERE link_tags.url_id = NEW.id);
END;

DROP TRIGGER urls_search_delete;
CREATE TRIGGER urls_search_delete AFTER DELETE ON urls WHEN OLD.index_later IS NULL
BEGIN
    DELETE FROM link_search WHERE rowid = OLD.id;
END;

DROP TRIGGER link_tags_search_insert;
CREATE TRIGGER link_tags_search_insert AFTER INSERT ON link_tags
BEGIN
    DELETE FROM link_search WHERE rowid = NEW.url_id AND (SELECT index_later FROM urls WHERE id = NEW.url_id) IS NULL;
    INSERT INTO link_search (rowid, code, url, title, tags)
    SELECT urls.id, urls.code, urls.url, urls.title,
           (SELECT group_concat(tags.name, char(10)) FROM link_tags JOIN tags ON tags.id = link_tags.tag_id WHERE link_tags.url_id = urls.id)
    FROM urls WHERE urls.id = NEW.url_id AND urls.index_later IS NULL;
END;

DROP TRIGGER link_tags_search_delete;
CREATE TRIGGER link_tags_search_delete AFTER DELETE ON link_tags
BEGIN
    DELETE FROM link_search WHERE rowid = OLD.url_id AND (SELECT index_later FROM urls WHERE id = OLD.url_id) IS NULL;
    INSERT INTO link_search (rowid, code, url, title, tags)
    SELECT urls.id, urls.code, urls.url, urls.title,
           (SELECT group_concat(tags.name, char(10)) FROM link_tags JOIN tags ON tags.id = link_tags.tag_id WHERE link_tags.url_id = urls.id)
    FROM urls WHERE urls.id = OLD.url_id AND urls.index_later IS NULL;
END;

DROP TRIGGER tags_search_rename;
CREATE TRIGGER tags_search_rename AFTER UPDATE OF name ON tags
BEGIN
    DELETE FROM link_search WHERE rowid IN
        (SELECT url_id FROM link_tags JOIN urls ON urls.id = link_tags.url_id WHERE tag_id = NEW.id AND urls.index_later IS NULL);
    INSERT INTO link_search (rowid, code, url, title, tags)
    SELECT urls.id, urls.code, urls.url, urls.title,
           (SELECT group_concat(tags.name, char(10)) FROM link_tags JOIN tags ON tags.id = link_tags.tag_id WHERE link_tags.url_id = urls.id)
    FROM urls WHERE urls.id IN (SELECT url_id FROM link_tags WHERE tag_id = NEW.id) AND urls.index_later IS NULL;
END;
