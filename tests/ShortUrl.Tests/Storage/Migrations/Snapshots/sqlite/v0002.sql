-- Every SQL statement that the release on schema version 0002 runs, from SqliteUrlStore.Sql.
-- Frozen once released: the backward-compatibility test replays it against later migrations.
-- Written by the test run, not by hand: see docs/migrations.md.

-- name: OpenConnection
PRAGMA busy_timeout = 10000; PRAGMA synchronous = NORMAL;

-- name: EnableWal
PRAGMA journal_mode = WAL;

-- name: Insert
INSERT INTO urls (code, url, created_at, expires_at, max_clicks, password_hash)
VALUES (@Code, @Url, @CreatedAt, @ExpiresAt, @MaxClicks, @PasswordHash)
ON CONFLICT (code) DO NOTHING
RETURNING id AS Id, code AS Code, url AS Url, created_at AS CreatedAt, clicks AS Clicks,
    expires_at AS ExpiresAt, max_clicks AS MaxClicks, password_hash AS PasswordHash

-- name: FindByCode
SELECT id AS Id, code AS Code, url AS Url, created_at AS CreatedAt, clicks AS Clicks,
    expires_at AS ExpiresAt, max_clicks AS MaxClicks, password_hash AS PasswordHash
FROM urls WHERE code = @Code

-- name: FindTargetByCode
SELECT id, url, expires_at, max_clicks, password_hash IS NOT NULL
FROM urls WHERE code = @Code

-- name: Recent
SELECT id AS Id, code AS Code, url AS Url, created_at AS CreatedAt, clicks AS Clicks,
    expires_at AS ExpiresAt, max_clicks AS MaxClicks, password_hash AS PasswordHash
FROM urls ORDER BY id DESC LIMIT @Limit

-- name: AddClicks
UPDATE urls SET clicks = clicks + @Count WHERE id = @Id

-- name: Update
UPDATE urls SET
    url = CASE WHEN @ChangeUrl THEN @Url ELSE url END,
    expires_at = CASE WHEN @ChangeExpiresAt THEN @ExpiresAt ELSE expires_at END,
    max_clicks = CASE WHEN @ChangeMaxClicks THEN @MaxClicks ELSE max_clicks END,
    password_hash = CASE WHEN @ChangePasswordHash THEN @PasswordHash ELSE password_hash END
WHERE code = @Code
RETURNING id AS Id, code AS Code, url AS Url, created_at AS CreatedAt, clicks AS Clicks,
    expires_at AS ExpiresAt, max_clicks AS MaxClicks, password_hash AS PasswordHash

-- name: Delete
DELETE FROM urls WHERE code = @DeletedCode

-- name: CountLimitedClick
UPDATE urls SET clicks = clicks + 1
WHERE id = @Id AND (max_clicks IS NULL OR clicks < max_clicks)

-- name: Ping
SELECT 1

-- name: CreateMigrationHistory
CREATE TABLE IF NOT EXISTS schema_migrations (
    version    INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    checksum   TEXT NOT NULL,
    applied_at TEXT NOT NULL
)

-- name: ReadMigrationHistory
SELECT version AS Version, name AS Name, checksum AS Checksum, applied_at AS AppliedAt
FROM schema_migrations ORDER BY version

-- name: IsMigrationApplied
SELECT COUNT(*) FROM schema_migrations WHERE version = @Version

-- name: RecordMigration
INSERT INTO schema_migrations (version, name, checksum, applied_at)
VALUES (@Version, @Name, @Checksum, @AppliedAt)
