-- Deliberately incompatible, for the test that proves the backward-compatibility check: the previous release still
-- selects `url`. The right way is two releases: stop reading it, then drop it (docs/migrations.md).
ALTER TABLE urls DROP COLUMN url;
