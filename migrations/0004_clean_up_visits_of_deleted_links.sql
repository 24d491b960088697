-- A deleted link's visits go with it. SQLite gives the next new link the id of the newest row once that row is
-- deleted, so visits left behind would show up in the stats of the next link created.
DELETE FROM visits WHERE url_id NOT IN (SELECT id FROM urls);

CREATE TRIGGER urls_delete_visits AFTER DELETE ON urls
BEGIN
    DELETE FROM visits WHERE url_id = OLD.id;
END;
