-- Search over every link (GET /api/urls?q=), as migrations/0009_index_links_for_search.sql has it for SQLite: a
-- substring of the code, the target, the title or a tag, in any case. pg_trgm's GIN indexes answer ILIKE '%...%' from
-- the trigrams of the pattern, one index per column searched; they live on the columns themselves, so every write of
-- every release keeps them current with nothing else to do. pg_trgm is a trusted extension: the owner of the database
-- may create it (see the README for a server where the service's user may not).
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE INDEX ix_urls_code_trgm ON urls USING gin (code gin_trgm_ops);

CREATE INDEX ix_urls_url_trgm ON urls USING gin (url gin_trgm_ops);

CREATE INDEX ix_urls_title_trgm ON urls USING gin (title gin_trgm_ops);

CREATE INDEX ix_tags_name_trgm ON tags USING gin (name gin_trgm_ops);
