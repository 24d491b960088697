-- The password-protected links, apart: a search without a key must not count such a link by its target, title or tags,
-- only by its code, and this index lets the count take those few links out of the trigram index's matches by their
-- code alone, instead of looking up every match in urls. Partial: links without a password, most of them, cost no
-- entry.
CREATE INDEX ix_urls_protected ON urls (code) WHERE password_hash IS NOT NULL;
