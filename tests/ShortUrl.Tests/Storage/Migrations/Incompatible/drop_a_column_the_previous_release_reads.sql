-- Deliberately incompatible, for the test that proves the backward-compatibility check: the previous release still
-- selects and inserts `max_clicks`. The right way is two releases: stop reading it, then drop it (docs/migrations.md).
-- (Not `url`: SQLite refuses to drop a column that the search triggers of 0009 read, so that drop would fail itself.)
ALTER TABLE urls DROP COLUMN max_clicks;
