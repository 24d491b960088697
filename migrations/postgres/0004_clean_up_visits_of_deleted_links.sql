-- A deleted link's visits go with it. PostgreSQL never reuses an id, so visits left behind would only take space;
-- the SQLite migration of the same name also keeps them from reaching a reused id.
DELETE FROM visits WHERE url_id NOT IN (SELECT id FROM urls);

CREATE FUNCTION shorturl_delete_visits() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM visits WHERE url_id = OLD.id;
    RETURN OLD;
END;
$$;

CREATE TRIGGER urls_delete_visits AFTER DELETE ON urls
    FOR EACH ROW EXECUTE FUNCTION shorturl_delete_visits();
