-- Search over every link (GET /api/urls?q=): a substring of the code, the target, the title or a tag, in any case.
-- An FTS5 table with the trigram tokenizer answers a substring of three characters or more from its index; shorter
-- ones the service looks for in the tables themselves. Contentless (it keeps only the index, not a second copy of the
-- text), with contentless_delete so that a link's row can be removed or replaced by its id alone. Its rowid is the
-- link's id. Tags are one column, one tag a line: a search never matches across two tags.
CREATE VIRTUAL TABLE link_search USING fts5(
    code, url, title, tags,
    content = '', contentless_delete = 1, tokenize = 'trigram'
);

-- The links there already, the previous release's included.
INSERT INTO link_search (rowid, code, url, title, tags)
SELECT urls.id, urls.code, urls.url, urls.title,
       (SELECT group_concat(tags.name, char(10)) FROM link_tags JOIN tags ON tags.id = link_tags.tag_id WHERE link_tags.url_id = urls.id)
FROM urls;

-- Triggers keep the index current whichever release writes, so the previous one, still serving while this deploys,
-- needs no change: its creates, edits, deletes and tag changes reach the index through them.
CREATE TRIGGER urls_search_insert AFTER INSERT ON urls
BEGIN
    INSERT INTO link_search (rowid, code, url, title, tags) VALUES (NEW.id, NEW.code, NEW.url, NEW.title, NULL);
END;

-- Only edits of what is searched: the click counts, rewritten all the time, never fire it.
CREATE TRIGGER urls_search_update AFTER UPDATE OF code, url, title ON urls
BEGIN
    DELETE FROM link_search WHERE rowid = OLD.id;
    INSERT INTO link_search (rowid, code, url, title, tags)
    SELECT NEW.id, NEW.code, NEW.url, NEW.title,
           (SELECT group_concat(tags.name, char(10)) FROM link_tags JOIN tags ON tags.id = link_tags.tag_id WHERE link_tags.url_id = NEW.id);
END;

CREATE TRIGGER urls_search_delete AFTER DELETE ON urls
BEGIN
    DELETE FROM link_search WHERE rowid = OLD.id;
END;

-- A link's tags changed: its row again, with the tags it has now. Nothing when the link itself is gone (its tags go
-- with it, after its row here has).
CREATE TRIGGER link_tags_search_insert AFTER INSERT ON link_tags
BEGIN
    DELETE FROM link_search WHERE rowid = NEW.url_id;
    INSERT INTO link_search (rowid, code, url, title, tags)
    SELECT urls.id, urls.code, urls.url, urls.title,
           (SELECT group_concat(tags.name, char(10)) FROM link_tags JOIN tags ON tags.id = link_tags.tag_id WHERE link_tags.url_id = urls.id)
    FROM urls WHERE urls.id = NEW.url_id;
END;

CREATE TRIGGER link_tags_search_delete AFTER DELETE ON link_tags
BEGIN
    DELETE FROM link_search WHERE rowid = OLD.url_id;
    INSERT INTO link_search (rowid, code, url, title, tags)
    SELECT urls.id, urls.code, urls.url, urls.title,
           (SELECT group_concat(tags.name, char(10)) FROM link_tags JOIN tags ON tags.id = link_tags.tag_id WHERE link_tags.url_id = urls.id)
    FROM urls WHERE urls.id = OLD.url_id;
END;

-- A renamed tag: every link that carries it.
CREATE TRIGGER tags_search_rename AFTER UPDATE OF name ON tags
BEGIN
    DELETE FROM link_search WHERE rowid IN (SELECT url_id FROM link_tags WHERE tag_id = NEW.id);
    INSERT INTO link_search (rowid, code, url, title, tags)
    SELECT urls.id, urls.code, urls.url, urls.title,
           (SELECT group_concat(tags.name, char(10)) FROM link_tags JOIN tags ON tags.id = link_tags.tag_id WHERE link_tags.url_id = urls.id)
    FROM urls WHERE urls.id IN (SELECT url_id FROM link_tags WHERE tag_id = NEW.id);
END;
