-- Every SQL statement that the release on schema version 0006 runs, from SqliteUrlStore.Sql.
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
SELECT id AS Id, code AS Code, url AS Url, created_at AS CreatedAt, urls.clicks + COALESCE((SELECT pending.clicks FROM link_clicks pending WHERE pending.url_id = urls.id), 0) AS Clicks,
    expires_at AS ExpiresAt, max_clicks AS MaxClicks, password_hash AS PasswordHash
FROM urls WHERE code = @Code

-- name: FindTargetByCode
SELECT id, url, expires_at, max_clicks, password_hash IS NOT NULL
FROM urls WHERE code = @Code

-- name: CountLinks
SELECT count(*) FROM urls

-- name: PlainLinksAfter
SELECT id, code, url FROM urls
WHERE id > @AfterId AND expires_at IS NULL AND max_clicks IS NULL AND password_hash IS NULL
ORDER BY id LIMIT @Limit

-- name: Recent
SELECT id AS Id, code AS Code, url AS Url, created_at AS CreatedAt, urls.clicks + COALESCE((SELECT pending.clicks FROM link_clicks pending WHERE pending.url_id = urls.id), 0) AS Clicks,
    expires_at AS ExpiresAt, max_clicks AS MaxClicks, password_hash AS PasswordHash
FROM urls ORDER BY id DESC LIMIT @Limit

-- name: AddClicks
INSERT INTO link_clicks (url_id, clicks)
SELECT batch.value, @Count FROM json_each(@LinkIds) AS batch WHERE true
ON CONFLICT (url_id) DO UPDATE SET clicks = clicks + excluded.clicks

-- name: NextFoldEnd
SELECT MAX(url_id) FROM (SELECT url_id FROM link_clicks WHERE url_id > @AfterId ORDER BY url_id LIMIT @Limit)

-- name: FoldClicks
UPDATE urls SET clicks = urls.clicks + (SELECT pending.clicks FROM link_clicks AS pending WHERE pending.url_id = urls.id)
WHERE urls.id IN (SELECT url_id FROM link_clicks WHERE url_id > @AfterId AND url_id <= @UpToId)

-- name: ForgetFolded
DELETE FROM link_clicks WHERE url_id > @AfterId AND url_id <= @UpToId

-- name: AddVisits
INSERT INTO visits (url_id, minute, referrer, browser, os, bot, clicks)
SELECT batch.value, @Minute, @Referrer, @Browser, @Os, @Bot, @Visits FROM json_each(@LinkIds) AS batch WHERE true
ON CONFLICT (url_id, minute, referrer, browser, os, bot) DO UPDATE SET clicks = clicks + excluded.clicks

-- name: ClicksByDay
SELECT minute / 1440 AS Day, bot AS Bot, SUM(clicks) AS Clicks FROM visits
WHERE url_id = @UrlId AND minute >= @FromMinute AND minute < @ToMinute
GROUP BY minute / 1440, bot

-- name: ClicksByVisitor
SELECT referrer AS Referrer, browser AS Browser, os AS Os, bot AS Bot, SUM(clicks) AS Clicks FROM visits
WHERE url_id = @UrlId AND minute >= @FromMinute AND minute < @ToMinute
GROUP BY referrer, browser, os, bot

-- name: BotClicks
SELECT COALESCE(SUM(clicks), 0) FROM visits WHERE url_id = @UrlId AND bot = 1

-- name: Export
SELECT urls.code AS Code, urls.url AS Url, urls.created_at AS CreatedAt,
       urls.clicks + COALESCE((SELECT pending.clicks FROM link_clicks pending WHERE pending.url_id = urls.id), 0) AS Clicks,
       COALESCE((SELECT SUM(v.clicks) FROM visits v WHERE v.url_id = urls.id AND v.bot = 1), 0) AS BotClicks,
       urls.password_hash IS NOT NULL AS IsProtected
FROM urls ORDER BY urls.id

-- name: Update
UPDATE urls SET
    url = CASE WHEN @ChangeUrl THEN @Url ELSE url END,
    expires_at = CASE WHEN @ChangeExpiresAt THEN @ExpiresAt ELSE expires_at END,
    max_clicks = CASE WHEN @ChangeMaxClicks THEN @MaxClicks ELSE max_clicks END,
    password_hash = CASE WHEN @ChangePasswordHash THEN @PasswordHash ELSE password_hash END
WHERE code = @Code
RETURNING id AS Id, code AS Code, url AS Url, created_at AS CreatedAt, urls.clicks + COALESCE((SELECT pending.clicks FROM link_clicks pending WHERE pending.url_id = urls.id), 0) AS Clicks,
    expires_at AS ExpiresAt, max_clicks AS MaxClicks, password_hash AS PasswordHash

-- name: Delete
DELETE FROM urls WHERE code = @DeletedCode

-- name: CountLimitedClick
UPDATE urls SET clicks = clicks + 1
WHERE id = @Id AND (max_clicks IS NULL OR urls.clicks + COALESCE((SELECT pending.clicks FROM link_clicks pending WHERE pending.url_id = urls.id), 0) < max_clicks)

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
