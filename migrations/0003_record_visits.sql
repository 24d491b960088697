-- Visits, counted per link, minute and kind of visitor: the redirect records no raw address, only the referrer's host
-- and a coarse class of the user agent. `minute` is whole minutes since 1970-01-01 UTC. `bot` is 1 for crawlers and
-- link-preview fetchers, whose visits are kept apart from the link's headline `clicks`.
CREATE TABLE visits (
    url_id   INTEGER NOT NULL,
    minute   INTEGER NOT NULL,
    referrer TEXT    NOT NULL,
    browser  TEXT    NOT NULL,
    os       TEXT    NOT NULL,
    bot      INTEGER NOT NULL,
    clicks   INTEGER NOT NULL,
    PRIMARY KEY (url_id, minute, referrer, browser, os, bot)
) WITHOUT ROWID;
