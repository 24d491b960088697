-- Each visit as a row of its own, beside the counts of 0003: when, the referrer's host, the browser and OS families,
-- whether a bot, and the visitor's country (ISO 3166 code, or NULL when unknown). Never the visitor's address.
-- `visited_at` is milliseconds since 1970-01-01 UTC. Rows are appended in time order, so id order is time order
-- (near enough for pruning, which walks the oldest ids).
CREATE TABLE visit_log (
    id         INTEGER PRIMARY KEY,
    url_id     INTEGER NOT NULL,
    visited_at INTEGER NOT NULL,
    referrer   TEXT    NOT NULL,
    browser    TEXT    NOT NULL,
    os         TEXT    NOT NULL,
    bot        INTEGER NOT NULL,
    country    TEXT
);

CREATE INDEX visit_log_by_link ON visit_log (url_id, visited_at);

-- Visits that found no link: `kind` is base_url (the bare base URL), invalid_short_url (a code no link has) or
-- regular_404 (any other path nothing serves).
CREATE TABLE orphan_visits (
    id         INTEGER PRIMARY KEY,
    kind       TEXT    NOT NULL,
    path       TEXT    NOT NULL,
    visited_at INTEGER NOT NULL,
    referrer   TEXT    NOT NULL,
    browser    TEXT    NOT NULL,
    os         TEXT    NOT NULL,
    bot        INTEGER NOT NULL,
    country    TEXT
);

CREATE INDEX orphan_visits_by_kind ON orphan_visits (kind, id);

-- A deleted link's visit rows go with it, as its counts do (0004). SQLite gives a new link the id of the newest row
-- once that row is deleted, so rows the writer adds for the deleted link after its delete must not become the new
-- link's either (as 0005 does for the counts).
CREATE TRIGGER urls_delete_visit_log AFTER DELETE ON urls
BEGIN
    DELETE FROM visit_log WHERE url_id = OLD.id;
END;

CREATE TRIGGER urls_insert_forget_visit_log AFTER INSERT ON urls
BEGIN
    DELETE FROM visit_log WHERE url_id = NEW.id;
END;
