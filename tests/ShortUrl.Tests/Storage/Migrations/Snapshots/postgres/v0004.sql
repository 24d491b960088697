-- Every SQL statement that the release on schema version 0004 runs, from PostgresUrlStore.Sql.
-- Frozen once released: the backward-compatibility test replays it against later migrations.
-- Written by the test run, not by hand: see docs/migrations.md.

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
SELECT id AS Id, url AS Url, expires_at AS ExpiresAt, max_clicks AS MaxClicks, password_hash IS NOT NULL AS HasPassword
FROM urls WHERE code = @Code

-- name: CountLinks
SELECT count(*) FROM urls

-- name: PlainLinksAfter
SELECT id AS Id, code AS Code, url AS Url FROM urls
WHERE id > @AfterId AND expires_at IS NULL AND max_clicks IS NULL AND password_hash IS NULL
ORDER BY id LIMIT @Limit

-- name: Recent
SELECT id AS Id, code AS Code, url AS Url, created_at AS CreatedAt, clicks AS Clicks,
    expires_at AS ExpiresAt, max_clicks AS MaxClicks, password_hash AS PasswordHash
FROM urls ORDER BY id DESC LIMIT @Limit

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

-- name: NotifyLinkChanged
SELECT pg_notify('shorturl_link_changed', @Code)

-- name: ListenForLinkChanges
LISTEN shorturl_link_changed

-- name: CountLimitedClick
UPDATE urls SET clicks = clicks + 1
WHERE id = @Id AND (max_clicks IS NULL OR clicks < max_clicks)

-- name: AddClicks
UPDATE urls SET clicks = urls.clicks + batch.added
FROM unnest(@Ids, @Counts) AS batch (id, added)
WHERE urls.id = batch.id

-- name: AddVisits
INSERT INTO visits (url_id, minute, referrer, browser, os, bot, clicks)
SELECT * FROM unnest(@UrlIds, @Minutes, @Referrers, @Browsers, @Oses, @Bots, @VisitCounts)
ON CONFLICT (url_id, minute, referrer, browser, os, bot) DO UPDATE SET clicks = visits.clicks + excluded.clicks

-- name: ClicksByDay
SELECT minute / 1440 AS Day, bot::bigint AS Bot, SUM(clicks)::bigint AS Clicks FROM visits
WHERE url_id = @UrlId AND minute >= @FromMinute AND minute < @ToMinute
GROUP BY minute / 1440, bot

-- name: ClicksByVisitor
SELECT referrer AS Referrer, browser AS Browser, os AS Os, bot::bigint AS Bot, SUM(clicks)::bigint AS Clicks FROM visits
WHERE url_id = @UrlId AND minute >= @FromMinute AND minute < @ToMinute
GROUP BY referrer, browser, os, bot

-- name: BotClicks
SELECT COALESCE(SUM(clicks), 0)::bigint FROM visits WHERE url_id = @UrlId AND bot = 1

-- name: Export
SELECT u.code AS Code, u.url AS Url, u.created_at AS CreatedAt, u.clicks AS Clicks,
       COALESCE((SELECT SUM(v.clicks) FROM visits v WHERE v.url_id = u.id AND v.bot = 1), 0)::bigint AS BotClicks,
       u.password_hash IS NOT NULL AS IsProtected
FROM urls u ORDER BY u.id

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
