-- Query forwarding and redirect rules per link. `forward_query` has a default (1: forward, the default of new links), so the previous release's inserts, which do not name it, keep working and their links
-- forward. `redirect_rules` is nullable: NULL for a link without rules, else a JSON array the service wrote and checked
-- (the schema does not: a CHECK could refuse what the previous release writes).
ALTER TABLE urls ADD COLUMN forward_query INTEGER NOT NULL DEFAULT 1;
ALTER TABLE urls ADD COLUMN redirect_rules TEXT;
