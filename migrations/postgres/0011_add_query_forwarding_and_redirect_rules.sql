-- Query forwarding and redirect rules per link, as migrations/0011_add_query_forwarding_and_redirect_rules.sql has them
-- for SQLite. `forward_query` has a default, so the previous release's inserts, which do not name it, keep working and
-- their links forward; `redirect_rules` is NULL for a link without rules, else a JSON array the service wrote and
-- checked. A constant default adds the column without rewriting the table.
ALTER TABLE urls ADD COLUMN forward_query boolean NOT NULL DEFAULT true;
ALTER TABLE urls ADD COLUMN redirect_rules text;
