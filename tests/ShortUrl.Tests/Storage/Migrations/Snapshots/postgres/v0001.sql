-- Every SQL statement that the release on schema version 0001 runs, from PostgresUrlStore.Sql.
-- Frozen once released: the backward-compatibility test replays it against later migrations.
-- Written by the test run, not by hand: see docs/migrations.md.

-- name: Insert
INSERT INTO urls (code, url, created_at) VALUES (@Code, @Url, @CreatedAt)
ON CONFLICT (code) DO NOTHING
RETURNING id AS Id, code AS Code, url AS Url, created_at AS CreatedAt, clicks AS Clicks

-- name: FindByCode
SELECT id AS Id, code AS Code, url AS Url, created_at AS CreatedAt, clicks AS Clicks
FROM urls WHERE code = @Code

-- name: FindTargetByCode
SELECT id AS Id, url AS Url FROM urls WHERE code = @Code

-- name: Recent
SELECT id AS Id, code AS Code, url AS Url, created_at AS CreatedAt, clicks AS Clicks
FROM urls ORDER BY id DESC LIMIT @Limit

-- name: AddClicks
UPDATE urls SET clicks = urls.clicks + batch.added
FROM unnest(@Ids, @Counts) AS batch (id, added)
WHERE urls.id = batch.id

-- name: Ping
SELECT 1

-- name: LockMigrations
SELECT pg_advisory_xact_lock(8315176436797879660)

-- name: CreateMigrationHistory
CREATE TABLE IF NOT EXISTS schema_migrations (
    version    bigint PRIMARY KEY,
    name       text        NOT NULL,
    checksum   text        NOT NULL,
    applied_at timestamptz NOT NULL
)

-- name: ReadMigrationHistory
SELECT version AS Version, name AS Name, checksum AS Checksum, applied_at AS AppliedAt
FROM schema_migrations ORDER BY version

-- name: IsMigrationApplied
SELECT COUNT(*) FROM schema_migrations WHERE version = @Version

-- name: RecordMigration
INSERT INTO schema_migrations (version, name, checksum, applied_at)
VALUES (@Version, @Name, @Checksum, @AppliedAt)
