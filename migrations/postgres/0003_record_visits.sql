-- Visits, as migrations/0003_record_visits.sql has them for SQLite: counted per link, minute and kind of visitor, with
-- no raw address, only the referrer's host and a coarse class of the user agent. `minute` is whole minutes since
-- 1970-01-01 UTC. `bot` is 1 for crawlers and link-preview fetchers, kept apart from the link's headline `clicks`.
CREATE TABLE visits (
    url_id   bigint   NOT NULL,
    minute   bigint   NOT NULL,
    referrer text COLLATE "C" NOT NULL,
    browser  text COLLATE "C" NOT NULL,
    os       text COLLATE "C" NOT NULL,
    bot      smallint NOT NULL,
    clicks   bigint   NOT NULL,
    PRIMARY KEY (url_id, minute, referrer, browser, os, bot)
);
