-- Deliberately incompatible: the previous release still reads and writes `urls`.
ALTER TABLE urls RENAME TO links;
