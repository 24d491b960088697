-- The password-protected links, apart: a search without a key must not find such a link by its target, title or tags,
-- only by its code, and this index gives the search those few links' ids to leave out, instead of looking up every
-- link a tag matches. Partial: links without a password, most of them, cost no entry.
CREATE INDEX ix_urls_protected ON urls (id) WHERE password_hash IS NOT NULL;
