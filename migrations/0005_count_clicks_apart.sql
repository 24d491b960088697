-- Clicks counted since they were last added into urls.clicks: a row of two numbers per link. With visits spread over
-- many links, a batch of clicks then rewrites a few hundred small pages here instead of one page of urls per click.
-- The service adds these rows into urls.clicks in the background and on a graceful stop, so a release that reads
-- urls.clicks alone (the one before this) finds every click there once it has been added.
CREATE TABLE link_clicks (
    url_id INTEGER PRIMARY KEY,
    clicks INTEGER NOT NULL
);

CREATE TRIGGER urls_delete_link_clicks AFTER DELETE ON urls
BEGIN
    DELETE FROM link_clicks WHERE url_id = OLD.id;
END;

-- SQLite gives a new link the id of the newest row once that row is deleted. Clicks and visits written for the deleted
-- link after its delete (the writer works in batches) must not become the new link's.
CREATE TRIGGER urls_insert_forget_leftovers AFTER INSERT ON urls
BEGIN
    DELETE FROM link_clicks WHERE url_id = NEW.id;
    DELETE FROM visits WHERE url_id = NEW.id;
END;
