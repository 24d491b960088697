-- No statement has ordered by created_at since the first release (the newest links are the highest ids), so this index
-- only cost every create a third B-tree insert. Nothing of the releases before reads it.
DROP INDEX IF EXISTS ix_urls_created_at;
